//! Buffers whose length is an expression of another argument: a bad length panics, before the
//! call, with a message naming the buffer, the expression and both lengths; it never reaches the
//! library, so nothing reads or writes past a buffer.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("no panic");
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|text| text.to_string())
            .expect("a text panic"),
    }
}

#[test]
#[should_panic(expected = "data: needs 4*n = 12 bytes (n = 3), got 8")]
fn a_too_short_input_panics() {
    let _ = lengths::sum_words(&[0; 8], 3);
}

#[test]
#[should_panic(expected = "key: needs 32 bytes, got 31")]
fn a_too_short_input_of_constant_length_panics() {
    let _ = lengths::xor_key(&[0; 31]);
}

#[test]
#[should_panic(expected = "vals: needs 2*n-1 = -1 elements (n = 0): a length cannot be negative")]
fn a_negative_length_panics() {
    let _ = lengths::sum_odd(&[1, 2, 3], 0);
}

#[test]
fn a_length_that_overflows_panics() {
    assert_eq!(
        panic_message(|| {
            let _ = lengths::sum_words(&[0; 8], usize::MAX);
        }),
        "data: needs 4*n = 73786976294838206460 bytes (n = 18446744073709551615), got 8"
    );
    // 4 * 2^62 is exactly 2^64, one past `usize::MAX`.
    assert_eq!(
        panic_message(|| {
            let _ = lengths::sum_words(&[], 1 << 62);
        }),
        "data: needs 4*n = 18446744073709551616 bytes (n = 4611686018427387904), got 0"
    );
    // the largest n whose 4*n fits: still far more than the slice holds
    assert_eq!(
        panic_message(|| {
            let _ = lengths::sum_words(&[0; 4], usize::MAX / 4);
        }),
        "data: needs 4*n = 18446744073709551612 bytes (n = 4611686018427387903), got 4"
    );
}

#[test]
fn a_longer_input_is_fine_and_only_the_expression_is_read() {
    assert_eq!(lengths::sum_words(&[1, 0, 0, 0, 2, 0, 0, 0, 9, 9, 9], 2), 3);
    assert_eq!(lengths::sum_words(&[7; 100], 0), 0);
    assert_eq!(lengths::sum_odd(&[1, 2, 3, 100, 100], 2), 6);
    let mut key = [0_u8; 40];
    key[0] = 0x0f;
    key[31] = 0xf0;
    key[32..].fill(0xaa);
    assert_eq!(lengths::xor_key(&key), 0xff);
}

#[test]
fn a_mutable_input_is_written_in_place_up_to_its_expression() {
    let mut buf = [1, 2, 3, 4, 5];
    lengths::scale_in_place(&mut buf, 1, 3);
    assert_eq!(buf, [3, 6, 9, 4, 5]);
    let mut tail = [1_u8; 300];
    lengths::scale_in_place(&mut tail[20..], u8::MAX, 2);
    assert!(tail[..20].iter().all(|&b| b == 1));
    assert!(tail[20..277].iter().all(|&b| b == 2));
    assert!(tail[277..].iter().all(|&b| b == 1));
}

#[test]
fn a_too_short_mutable_input_panics_and_is_left_alone() {
    let mut buf = [1, 2, 3, 4];
    let message = panic_message(|| lengths::scale_in_place(&mut buf, 3, 2));
    assert_eq!(message, "buf: needs n+2 = 5 bytes (n = 3), got 4");
    assert_eq!(buf, [1, 2, 3, 4]);
}

#[test]
fn outputs_have_exactly_their_length() {
    assert_eq!(lengths::hex_lower(b"\x01\xab"), b"01ab");
    assert_eq!(lengths::ramp(3), [0, 1, 2, 3]);
    let all = lengths::ramp(u16::MAX);
    assert_eq!(all.len(), 65536);
    assert!(all.iter().enumerate().all(|(i, &v)| usize::from(v) == i));
    let src: Vec<u8> = (0..=255).cycle().take(1 << 20).collect();
    let hex = lengths::hex_lower(&src);
    assert_eq!(hex.len(), 2 << 20);
    assert_eq!(&hex[..8], b"00010203");
    assert_eq!(&hex[hex.len() - 4..], b"feff");
}

#[test]
fn a_zero_length_output_is_empty() {
    let empty: Vec<u8> = lengths::hex_lower(&[]);
    assert!(empty.is_empty());
    assert_eq!(lengths::ramp(0), [0]);
}

#[test]
fn a_panic_leaves_the_library_usable() {
    for _ in 0..3 {
        assert!(
            panic_message(|| {
                let _ = lengths::sum_odd(&[], 1);
            })
            .starts_with("vals: needs 2*n-1 = 1 elements (n = 1), got 0")
        );
        assert_eq!(lengths::sum_odd(&[5], 1), 5);
    }
}
