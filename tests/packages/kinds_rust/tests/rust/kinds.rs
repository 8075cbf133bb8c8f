//! Hand-written checks of the kinds the test vectors cannot reach.

use kinds_rs::{Blob, Counter, Error};
use std::panic::{AssertUnwindSafe, catch_unwind};

#[test]
fn blob_handle() {
    let mut b = Blob::new(4, 9).unwrap();
    assert_eq!(&b[..], &[9, 9, 9, 9]);
    b[1] = 1;
    assert_eq!(kinds_rs::blob_sum(&b), 28);
    let c = kinds_rs::blob_clone(&b).unwrap();
    assert_eq!(&c[..], &[9, 1, 9, 9]);
    assert!(format!("{c:?}").contains("len: 4"));
    assert_eq!(Blob::new(0, 1).unwrap_err(), Error::Bad);
    let raw = c.into_raw();
    // SAFETY: `raw` came from `into_raw` and nothing else owns it.
    let c = unsafe { Blob::from_raw(raw) };
    assert_eq!(c.len(), 4);
    let len = std::thread::spawn(move || c.len()).join().unwrap();
    assert_eq!(len, 4);
}

#[test]
fn counter_handle() {
    let mut c = Counter::new().unwrap();
    kinds_rs::counter_add(&mut c, 5);
    kinds_rs::counter_add(&mut c, -2);
    assert_eq!(kinds_rs::counter_get(&c), 3);
}

#[test]
fn strings_and_pointers() {
    assert_eq!(kinds_rs::name().as_deref(), Some("kinds"));
    assert_eq!(kinds_rs::maybe_name(0), None);
    assert_eq!(kinds_rs::maybe_name(1).as_deref(), Some("kinds"));
    // SAFETY: k_raw_ptr returns a pointer to a static u32.
    assert_eq!(unsafe { *kinds_rs::raw_ptr() }, 42);
    assert_eq!(Error::Type.code(), -2);
    assert_eq!(Error::from_code(12345), Some(Error::UnknownCode(12345)));
    let text = Error::UnknownCode(12345).to_string();
    assert_eq!(text, "unknown error (code 12345)");
}

#[test]
fn callbacks() {
    let mut seen = Vec::new();
    kinds_rs::each(&[0.5, 1.5], |i, v| seen.push((i, v)));
    assert_eq!(seen, [(0, 0.5), (1, 1.5)]);
    assert_eq!(kinds_rs::count_if(&[1, -2, 3, -4, 5], |x| x > 0), 3);
    let mut got = None;
    assert_eq!(
        kinds_rs::two_callbacks(|i, v| got = Some((i, v)), |x| x == 5),
        1
    );
    assert_eq!(got, Some((1, 2.0)));
    let mut calls = 0;
    let caught = catch_unwind(AssertUnwindSafe(|| {
        kinds_rs::count_if(&[1, 2, 3], |_| {
            calls += 1;
            panic!("boom")
        })
    }));
    assert_eq!(calls, 1);
    assert_eq!(*caught.unwrap_err().downcast::<&str>().unwrap(), "boom");
    let caught = catch_unwind(|| kinds_rs::two_callbacks(|_, _| {}, |_| panic!("second")));
    assert_eq!(*caught.unwrap_err().downcast::<&str>().unwrap(), "second");
}

#[test]
#[should_panic(expected = "`data` is too long")]
fn narrow_length() {
    let _ = kinds_rs::sum_u8(&vec![0; 70_000]);
}
