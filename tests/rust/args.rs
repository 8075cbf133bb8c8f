//! Arguments: Rust's types rule out the bad arguments other languages must check at run time
//! (a wrong type, `None`, a negative length, a too-short output: none of these compile), so
//! these tests cover the edges that remain: empty, unaligned and borrowed-from-the-middle
//! slices, extreme values, and agreement with plain Rust implementations.

use asmmath::Point;

/// A bitwise CRC-32 (zlib's), the reference for the assembly.
fn crc32_reference(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i.wrapping_mul(31) ^ (i >> 3)) as u8)
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn crc32_matches_the_reference_at_every_length_and_alignment() {
    let data = pattern(4096 + 64);
    for len in (0..300).chain([511, 512, 513, 1024, 4095, 4096]) {
        for offset in [0, 1, 3, 7, 15] {
            let slice = &data[offset..offset + len];
            assert_eq!(
                asmmath::crc32(0, slice),
                crc32_reference(0, slice),
                "len {len} offset {offset}"
            );
        }
    }
}

#[test]
fn crc32_chains() {
    let data = pattern(200);
    let whole = asmmath::crc32(0, &data);
    for split in 0..=data.len() {
        let (a, b) = data.split_at(split);
        assert_eq!(
            asmmath::crc32(asmmath::crc32(0, a), b),
            whole,
            "split {split}"
        );
    }
}

#[test]
fn sha256_known_answers() {
    let two_blocks = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_eq!(
        hex(&asmmath::sha256(two_blocks)),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(
        hex(&asmmath::sha256(&vec![b'a'; 1_000_000])),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
    // Every padding boundary gives a distinct digest, from the middle of a buffer too.
    let data = pattern(200);
    let digests: std::collections::HashSet<[u8; 32]> = (0..130)
        .map(|len| asmmath::sha256(&data[1..1 + len]))
        .collect();
    assert_eq!(digests.len(), 130);
}

#[test]
fn reverse_bytes_matches_slice_reverse() {
    for len in 0..200 {
        let mut ours = pattern(len);
        let mut theirs = ours.clone();
        asmmath::reverse_bytes(&mut ours);
        theirs.reverse();
        assert_eq!(ours, theirs, "len {len}");
    }
}

#[test]
fn reverse_bytes_touches_only_its_slice() {
    let mut data = *b"0123456789";
    asmmath::reverse_bytes(&mut data[2..7]);
    assert_eq!(&data, b"0165432789");
}

#[test]
fn max_i64_scans_everything() {
    let mut values: Vec<i64> = (0..1000).map(|i| (i * 7919) % 1009 - 500).collect();
    assert_eq!(asmmath::max_i64(&values), Ok(*values.iter().max().unwrap()));
    values[999] = i64::MAX;
    assert_eq!(asmmath::max_i64(&values), Ok(i64::MAX));
    assert_eq!(asmmath::max_i64(&values[..999]), Ok(508));
    assert_eq!(asmmath::max_i64(&[i64::MIN, i64::MIN]), Ok(i64::MIN));
}

#[test]
fn arithmetic_extremes() {
    assert_eq!(asmmath::add_ints(i64::MIN, -1), i64::MAX);
    assert_eq!(asmmath::multiply_doubles(1e308, 10.0), f64::INFINITY);
    assert!(asmmath::multiply_doubles(f64::NAN, 1.0).is_nan());
    assert_eq!(
        asmmath::multiply_doubles(-0.0, 1.0).to_bits(),
        (-0.0_f64).to_bits()
    );
}

#[test]
fn points_are_plain_c_structs() {
    assert_eq!(size_of::<Point>(), 16);
    let p = asmmath::make_point(1.5, -2.0);
    assert_eq!(p, Point { x: 1.5, y: -2.0 });
    let q = p; // Copy
    assert_eq!(asmmath::point_distance(p, q), 0.0);
    let a = Point { x: -1.0, y: 2.0 };
    let b = Point { x: 2.0, y: 6.0 };
    assert_eq!(asmmath::point_distance(a, b), 5.0);
    assert_eq!(asmmath::point_distance(b, a), 5.0);
    assert_eq!(Point::default(), Point { x: 0.0, y: 0.0 });
}
