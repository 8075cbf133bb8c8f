//! Returned strings the caller frees: each is copied into a `String` and freed by the binding, once.

use std::sync::Mutex;
use std::thread;

/// `released()` is one counter for the whole process: the tests that read it take turns.
static COUNTER: Mutex<()> = Mutex::new(());

fn counting() -> std::sync::MutexGuard<'static, ()> {
    COUNTER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[test]
fn describe_copies_the_string_free_frees() {
    assert_eq!(owned::describe(7).as_deref(), Some("n=7"));
    assert_eq!(
        owned::describe(4_294_967_295).as_deref(),
        Some("n=4294967295")
    );
    assert_eq!(owned::describe(0), Some(String::from("n=0")));
}

#[test]
fn label_is_utf8_and_none_for_null() {
    let _turn = counting();
    assert_eq!(owned::label(3).as_deref(), Some("label 3 \u{2713}"));
    assert_eq!(owned::label(3).as_deref(), Some("label 3 ✓"));
    assert_eq!(owned::label(-1), None);
    assert_eq!(owned::label(i32::MIN), None);
}

#[test]
fn each_label_is_released_once() {
    let _turn = counting();
    let before = owned::released();
    let text = owned::label(0);
    assert_eq!(owned::released(), before + 1);
    assert_eq!(text.as_deref(), Some("label 0 ✓"));
    assert_eq!(owned::label(-1), None);
    assert_eq!(owned::released(), before + 1, "NULL is not released");
    for n in 1..=10 {
        assert!(owned::label(n).is_some());
        assert_eq!(owned::released(), before + 1 + n as u64);
    }
    let _ = owned::describe(1);
    assert_eq!(
        owned::released(),
        before + 11,
        "describe's strings go to free, not release"
    );
}

#[test]
fn eight_threads_release_8000_labels() {
    let _turn = counting();
    let before = owned::released();
    thread::scope(|scope| {
        for t in 0..8 {
            scope.spawn(move || {
                for k in 0..1000 {
                    let code = t * 1000 + k;
                    assert_eq!(owned::label(code), Some(format!("label {code} ✓")));
                }
            });
        }
    });
    assert_eq!(owned::released(), before + 8000);
}

/// The releaser is the binding's business: the safe API has no `release`. Two glob imports that both
/// give a name make that name ambiguous where it is used, so this compiles only while `owned` has none
/// (and if the two happened to agree in type, the lint denied here still stops it).
#[deny(ambiguous_glob_imports)]
mod the_releaser_is_not_public {
    #[allow(unused_imports)]
    use owned::*;
    use stand_in::*;

    mod stand_in {
        pub fn release() -> &'static str {
            "the stand-in"
        }
    }

    #[test]
    fn only_the_stand_in_is_named_release() {
        assert_eq!(release(), "the stand-in");
    }
}
