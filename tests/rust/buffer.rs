//! `asmmath::Buffer`: a libmath handle owned by a Rust value.
//!
//! Use after close and double close are compile errors in Rust: `drop(buffer)` moves the
//! buffer, so any later use is rejected (error E0382). The generated docs of `Buffer` hold a
//! `compile_fail` doctest for exactly that, which `cargo test` runs; these tests cover the
//! rest of the handle's life.

use asmmath::{Buffer, Error};

#[test]
fn new_buffers_are_zeroed_and_writable() {
    let mut buffer = Buffer::new(64).unwrap();
    assert_eq!(buffer.len(), 64);
    assert!(buffer.iter().all(|&b| b == 0));
    buffer.copy_from_slice(&[7; 64]);
    buffer[0] = 1;
    assert_eq!(buffer[..3], [1, 7, 7]);
    // Zero-copy: the slice is libmath's memory.
    // SAFETY: `as_raw` is a live handle owned by `buffer`.
    let data = unsafe { asmmath::sys::math_buffer_data(buffer.as_raw()) };
    assert_eq!(data.cast_const(), buffer.as_ptr());
    // The buffer works with the other functions, by reference.
    asmmath::reverse_bytes(&mut buffer);
    assert_eq!(buffer[63], 1);
    let copy = buffer.to_vec();
    assert_eq!(asmmath::crc32(0, &buffer), asmmath::crc32(0, &copy));
}

#[test]
fn empty_buffers_are_empty_slices() {
    let mut buffer = Buffer::new(0).unwrap();
    assert!(buffer.is_empty());
    assert_eq!(&buffer[..], &[] as &[u8]);
    assert_eq!(buffer.as_mut(), &mut [] as &mut [u8]);
}

#[test]
fn impossible_sizes_are_out_of_memory() {
    assert_eq!(Buffer::new(usize::MAX).unwrap_err(), Error::OutOfMemory);
    assert_eq!(
        Buffer::new(isize::MAX as usize).unwrap_err(),
        Error::OutOfMemory
    );
    assert_eq!(
        Buffer::new(usize::MAX - 15).unwrap_err(),
        Error::OutOfMemory
    );
}

#[test]
fn raw_round_trip_frees_once() {
    let mut buffer = Buffer::new(8).unwrap();
    buffer.fill(5);
    let raw = buffer.into_raw();
    // SAFETY: `raw` came from `into_raw`, and nothing else owns it.
    let buffer = unsafe { Buffer::from_raw(raw) };
    assert_eq!(&buffer[..], &[5; 8]);
    let raw = buffer.into_raw();
    // SAFETY: as above; freed here, exactly once, by hand.
    unsafe { asmmath::sys::math_buffer_free(raw) };
}

#[test]
#[should_panic(expected = "the handle is null")]
fn a_null_handle_is_refused() {
    // SAFETY: from_raw checks for null before anything else.
    let _ = unsafe { Buffer::from_raw(std::ptr::null_mut()) };
}

#[test]
fn buffers_move_to_other_threads() {
    let mut buffer = Buffer::new(16).unwrap();
    buffer[3] = 3;
    let buffer = std::thread::spawn(move || {
        assert_eq!(buffer[3], 3);
        buffer
    })
    .join()
    .unwrap();
    assert_eq!(buffer.len(), 16);
    // Dropped on another thread than the one that made it.
    std::thread::spawn(move || drop(buffer)).join().unwrap();
}

#[test]
fn debug_shows_the_length() {
    let buffer = Buffer::new(3).unwrap();
    let text = format!("{buffer:?}");
    assert!(text.starts_with("Buffer {"), "{text}");
    assert!(text.contains("len: 3"), "{text}");
}

#[test]
fn many_buffers_come_and_go() {
    let buffers: Vec<Buffer> = (0..1000).map(|n| Buffer::new(n).unwrap()).collect();
    for (n, buffer) in buffers.iter().enumerate() {
        assert_eq!(buffer.len(), n);
    }
}
