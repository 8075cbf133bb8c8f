//! Errors: status codes become `asmmath::Error`, a real Rust error type.

use asmmath::Error;
use std::collections::HashSet;

#[test]
fn each_function_reports_its_errors() {
    assert_eq!(asmmath::safe_divide(1, 0), Err(Error::DivisionByZero));
    assert_eq!(asmmath::safe_divide(0, 0), Err(Error::DivisionByZero));
    assert_eq!(asmmath::safe_divide(i64::MIN, -1), Err(Error::Overflow));
    assert_eq!(asmmath::safe_divide(i64::MIN, 1), Ok(i64::MIN));
    assert_eq!(asmmath::safe_divide(i64::MAX, -1), Ok(-i64::MAX));
    assert_eq!(asmmath::fibonacci(93), Ok(12_200_160_415_121_876_738));
    assert_eq!(asmmath::fibonacci(94), Err(Error::Overflow));
    assert_eq!(asmmath::fibonacci(u32::MAX), Err(Error::Overflow));
    assert_eq!(asmmath::max_i64(&[]), Err(Error::EmptyInput));
    assert_eq!(asmmath::max_i64(&[i64::MIN]), Ok(i64::MIN));
}

#[test]
fn fibonacci_matches_its_recurrence() {
    let (mut a, mut b) = (0_u64, 1_u64);
    for n in 0..=93 {
        assert_eq!(asmmath::fibonacci(n), Ok(a), "F({n})");
        (a, b) = (b, a.wrapping_add(b));
    }
}

#[test]
fn random_u64_works_or_says_why_not() {
    match asmmath::random_u64() {
        Ok(first) => {
            // 64 random bits, eight times in a row equal: not going to happen.
            let values: HashSet<u64> = (0..8).map(|_| asmmath::random_u64().unwrap()).collect();
            assert!(values.len() > 1 || !values.contains(&first));
        }
        Err(error) => assert!(
            matches!(error, Error::UnsupportedCpu | Error::EntropyExhausted),
            "{error:?}"
        ),
    }
}

#[test]
fn display_is_the_library_message() {
    assert_eq!(Error::DivisionByZero.to_string(), "division by zero");
    assert_eq!(Error::OutOfMemory.to_string(), "out of memory");
    assert_eq!(
        Error::Overflow.message(),
        "result does not fit in the output type"
    );
    // A code the bindings do not know keeps its number.
    let unknown = Error::from_code(99).unwrap();
    assert_eq!(unknown, Error::Unknown(99));
    assert_eq!(unknown.code(), 99);
    assert_eq!(unknown.to_string(), "unknown error (code 99)");
    assert_eq!(Error::from_code(-1), Some(Error::Unknown(-1)));
}

#[test]
fn codes_round_trip() {
    for code in 1..=6 {
        let error = Error::from_code(code).unwrap();
        assert_eq!(error.code(), code);
        assert!(!matches!(error, Error::Unknown(_)));
    }
    assert_eq!(Error::from_code(0), None);
}

#[test]
fn it_is_an_idiomatic_error_type() {
    fn assert_traits<E: std::error::Error + Send + Sync + Copy + Eq + std::hash::Hash + 'static>() {
    }
    assert_traits::<Error>();

    fn divide_all(pairs: &[(i64, i64)]) -> Result<i64, Box<dyn std::error::Error>> {
        let mut total = 0;
        for &(a, b) in pairs {
            total += asmmath::safe_divide(a, b)?;
        }
        Ok(total)
    }
    assert_eq!(divide_all(&[(10, 2), (9, 3)]).unwrap(), 8);
    let boxed = divide_all(&[(10, 2), (1, 0)]).unwrap_err();
    assert_eq!(boxed.to_string(), "division by zero");
    assert_eq!(boxed.downcast_ref::<Error>(), Some(&Error::DivisionByZero));
    let copy = Error::Overflow;
    let again = copy;
    assert_eq!(copy, again);
    assert_eq!(format!("{copy:?}"), "Overflow");
}
