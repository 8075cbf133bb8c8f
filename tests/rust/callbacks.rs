//! `sum_with_callback`: Rust closures called from assembly, panics included.

use std::panic::{self, AssertUnwindSafe};

#[test]
fn closures_map_each_value_in_order() {
    assert_eq!(asmmath::sum_with_callback(&[1, 2, 3], |v| v), 6);
    assert_eq!(asmmath::sum_with_callback(&[1, 2, 3], |v| v * v), 14);
    let mut seen = Vec::new();
    let total = asmmath::sum_with_callback(&[5, -1, 9], |v| {
        seen.push(v);
        0
    });
    assert_eq!((total, seen), (0, vec![5, -1, 9]));
}

#[test]
fn an_empty_slice_calls_nothing() {
    let mut calls = 0;
    assert_eq!(
        asmmath::sum_with_callback(&[], |v| {
            calls += 1;
            v
        }),
        0
    );
    assert_eq!(calls, 0);
}

#[test]
fn the_sum_wraps() {
    assert_eq!(asmmath::sum_with_callback(&[i64::MAX, 1], |v| v), i64::MIN);
    assert_eq!(asmmath::sum_with_callback(&[1, 2], |_| i64::MAX), -2);
}

#[test]
fn closures_borrow_their_environment() {
    let offsets = [100, 200, 300];
    let mut index = 0;
    let total = asmmath::sum_with_callback(&[1, 2, 3], |v| {
        let r = v + offsets[index];
        index += 1;
        r
    });
    assert_eq!(total, 606);
    assert_eq!(index, 3);
}

#[test]
fn callbacks_may_call_back_into_the_library() {
    let total = asmmath::sum_with_callback(&[1, 2], |v| {
        asmmath::sum_with_callback(&[v, v, v], |w| asmmath::add_ints(w, 10))
    });
    assert_eq!(total, (3 + 30) + (6 + 30));
}

#[test]
fn a_panic_is_caught_before_the_assembly_and_resumed_after() {
    let mut calls = Vec::new();
    let caught = panic::catch_unwind(AssertUnwindSafe(|| {
        asmmath::sum_with_callback(&[1, 2, 3, 4], |v| {
            calls.push(v);
            if v == 2 {
                panic!("value {v} is not welcome");
            }
            v
        })
    }));
    let payload = caught.expect_err("the panic reaches the caller");
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some("value 2 is not welcome")
    );
    // Once the closure panicked it is not called again.
    assert_eq!(calls, [1, 2]);
    // The library, and the thread, are fine afterwards.
    assert_eq!(asmmath::sum_with_callback(&[1, 2], |v| v), 3);
}

#[test]
fn a_panic_payload_keeps_its_type() {
    struct Custom(u32);
    let caught =
        panic::catch_unwind(|| asmmath::sum_with_callback(&[1], |_| panic::panic_any(Custom(7))));
    assert_eq!(caught.unwrap_err().downcast::<Custom>().unwrap().0, 7);
}

#[test]
fn a_panic_in_a_nested_callback_unwinds_both_levels() {
    let caught = panic::catch_unwind(|| {
        asmmath::sum_with_callback(&[1, 2], |v| {
            asmmath::sum_with_callback(&[v], |w| if w == 2 { panic!("inner") } else { w })
        })
    });
    assert_eq!(*caught.unwrap_err().downcast::<&str>().unwrap(), "inner");
}
