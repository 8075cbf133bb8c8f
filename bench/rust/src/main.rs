//! asmmath's per-call and bulk costs from Rust, next to C calling libmath.a directly and to a
//! pure Rust CRC-32, all measured in this one run (best of several interleaved rounds).
//!
//! ```text
//! cd bench/rust && cargo run --release
//! ASMMATH_LIB_DIR=$PWD/../../build cargo run --release   # link the library `asmpkg build` made
//! ```

use std::hint::black_box;
use std::time::Instant;

unsafe extern "C" {
    fn c_loop_add_ints(iters: u64, seed: i64) -> i64;
    fn c_loop_crc32(data: *const u8, len: usize, iters: u64) -> u32;
}

const ROUNDS: usize = 9;
const MIB: usize = 1 << 20;

// The loops mirror c/bench.c: a counter incremented by hand and a chain of dependent calls, so
// that the calls, not the loops, are what differ. (`for i in 0..iters` makes LLVM keep the counter
// in an argument register and copy it back after each call, a cycle more per iteration whatever
// is called; `add_ints, for-range loop` below shows that cost.)

#[inline(never)]
fn rust_loop_add_ints(iters: u64, seed: i64) -> i64 {
    let (mut acc, mut i) = (seed, 0);
    while i < iters {
        acc = asmmath::add_ints(acc, i as i64);
        i += 1;
    }
    acc
}

#[inline(never)]
fn rust_for_loop_add_ints(iters: u64, seed: i64) -> i64 {
    let mut acc = seed;
    for i in 0..iters {
        acc = asmmath::add_ints(acc, i as i64);
    }
    acc
}

/// Through the raw declaration: rustc calls it via the GOT, the indirect call the bindings avoid.
#[inline(never)]
fn sys_loop_add_ints(iters: u64, seed: i64) -> i64 {
    let (mut acc, mut i) = (seed, 0);
    while i < iters {
        // SAFETY: plain values.
        acc = unsafe { asmmath::sys::math_add_ints(acc, i as i64) };
        i += 1;
    }
    acc
}

/// The pure Rust `add_ints`, called (not inlined) like the assembly.
#[inline(never)]
fn pure_add_ints(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

#[inline(never)]
fn pure_loop_add(iters: u64, seed: i64) -> i64 {
    let (mut acc, mut i) = (seed, 0);
    while i < iters {
        acc = pure_add_ints(acc, i as i64);
        i += 1;
    }
    acc
}

#[inline(never)]
fn rust_loop_crc32(data: &[u8], iters: u64) -> u32 {
    let (mut crc, mut i) = (0, 0);
    while i < iters {
        crc = asmmath::crc32(crc, data);
        i += 1;
    }
    crc
}

fn c_crc32(data: &[u8], iters: u64) -> u32 {
    // SAFETY: `data` is valid for reads of its length for the whole call.
    unsafe { c_loop_crc32(data.as_ptr(), data.len(), iters) }
}

#[inline(never)]
fn pure_loop_crc32(data: &[u8], iters: u64) -> u32 {
    let (mut crc, mut i) = (0, 0);
    while i < iters {
        crc = pure_crc32(crc, data);
        i += 1;
    }
    crc
}

/// Slice-by-8 tables for zlib's CRC-32: the careful pure-Rust CRC without SIMD.
const TABLES: [[u32; 256]; 8] = {
    let mut t = [[0u32; 256]; 8];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[0][n] = c;
        n += 1;
    }
    let mut n = 0;
    while n < 256 {
        let mut k = 1;
        while k < 8 {
            t[k][n] = (t[k - 1][n] >> 8) ^ t[0][(t[k - 1][n] & 0xFF) as usize];
            k += 1;
        }
        n += 1;
    }
    t
};

/// The pure Rust `crc32`, called (not inlined) like the assembly.
#[inline(never)]
fn pure_crc32(crc: u32, data: &[u8]) -> u32 {
    let mut crc = !crc;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) ^ crc;
        let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        crc = TABLES[7][(lo & 0xFF) as usize]
            ^ TABLES[6][((lo >> 8) & 0xFF) as usize]
            ^ TABLES[5][((lo >> 16) & 0xFF) as usize]
            ^ TABLES[4][(lo >> 24) as usize]
            ^ TABLES[3][(hi & 0xFF) as usize]
            ^ TABLES[2][((hi >> 8) & 0xFF) as usize]
            ^ TABLES[1][((hi >> 16) & 0xFF) as usize]
            ^ TABLES[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = TABLES[0][((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Nanoseconds per iteration of one run of `f(iters)`.
fn time<T: PartialEq + std::fmt::Debug>(iters: u64, expect: &T, f: impl Fn(u64) -> T) -> f64 {
    let start = Instant::now();
    let got = f(black_box(iters));
    let ns = start.elapsed().as_nanos() as f64;
    assert_eq!(&got, expect, "the loops disagree");
    ns / iters as f64
}

struct Row {
    c: f64,
    rust: f64,
    pure: f64,
}

impl Row {
    fn new() -> Self {
        Row {
            c: f64::INFINITY,
            rust: f64::INFINITY,
            pure: f64::INFINITY,
        }
    }
}

fn main() {
    let small: Vec<u8> = (0..64u32).map(|i| (i * 7 + 3) as u8).collect();
    let big: Vec<u8> = (0..MIB as u32).map(|i| (i ^ (i >> 9)) as u8).collect();
    assert_eq!(pure_crc32(0, b"123456789"), 0xCBF4_3926);
    assert_eq!(pure_crc32(0, &big), asmmath::crc32(0, &big));

    let (add_iters, small_iters, big_iters, pure_big_iters) = (20_000_000, 4_000_000, 200, 10);
    // SAFETY: plain values.
    let add_expect = unsafe { c_loop_add_ints(add_iters, 1) };
    let small_expect = c_crc32(&small, small_iters);
    let big_expect = c_crc32(&big, big_iters);
    let pure_big_expect = c_crc32(&big, pure_big_iters);

    let (mut add, mut crc_small, mut crc_big) = (Row::new(), Row::new(), Row::new());
    let (mut add_for, mut add_sys) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..ROUNDS {
        // SAFETY: plain values.
        add.c = add.c.min(time(add_iters, &add_expect, |n| unsafe {
            c_loop_add_ints(n, 1)
        }));
        add.rust = add
            .rust
            .min(time(add_iters, &add_expect, |n| rust_loop_add_ints(n, 1)));
        add.pure = add
            .pure
            .min(time(add_iters, &add_expect, |n| pure_loop_add(n, 1)));
        add_for = add_for.min(time(add_iters, &add_expect, |n| {
            rust_for_loop_add_ints(n, 1)
        }));
        add_sys = add_sys.min(time(add_iters, &add_expect, |n| sys_loop_add_ints(n, 1)));
        crc_small.c = crc_small
            .c
            .min(time(small_iters, &small_expect, |n| c_crc32(&small, n)));
        crc_small.rust = crc_small.rust.min(time(small_iters, &small_expect, |n| {
            rust_loop_crc32(&small, n)
        }));
        crc_small.pure = crc_small.pure.min(time(small_iters, &small_expect, |n| {
            pure_loop_crc32(&small, n)
        }));
        crc_big.c = crc_big
            .c
            .min(time(big_iters, &big_expect, |n| c_crc32(&big, n)));
        crc_big.rust = crc_big
            .rust
            .min(time(big_iters, &big_expect, |n| rust_loop_crc32(&big, n)));
        crc_big.pure = crc_big
            .pure
            .min(time(pure_big_iters, &pure_big_expect, |n| {
                pure_loop_crc32(&big, n)
            }));
    }

    let gbps = |ns: f64| MIB as f64 / ns; // bytes per nanosecond = GB/s
    println!(
        "asmmath {} from Rust: best of {ROUNDS} interleaved rounds",
        asmmath::VERSION
    );
    println!();
    println!(
        "{:<26}{:>14}{:>14}{:>14}{:>10}   target",
        "", "C -> libmath", "Rust -> asm", "pure Rust", "Rust/C"
    );
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };
    let ratio = add.rust / add.c;
    println!(
        "{:<26}{:>11.2} ns{:>11.2} ns{:>11.2} ns{:>9.2}x   <= 1.30x {}",
        "add_ints, per call",
        add.c,
        add.rust,
        add.pure,
        ratio,
        verdict(ratio <= 1.3)
    );
    let ratio = crc_small.rust / crc_small.c;
    println!(
        "{:<26}{:>11.2} ns{:>11.2} ns{:>11.2} ns{:>9.2}x   <= 1.10x {}",
        "crc32 on 64 B, per call",
        crc_small.c,
        crc_small.rust,
        crc_small.pure,
        ratio,
        verdict(ratio <= 1.1)
    );
    let share = gbps(crc_big.rust) / gbps(crc_big.c);
    println!(
        "{:<26}{:>9.2} GB/s{:>9.2} GB/s{:>9.2} GB/s{:>9.1}%   >= 95% {}",
        "crc32 on 1 MiB, throughput",
        gbps(crc_big.c),
        gbps(crc_big.rust),
        gbps(crc_big.pure),
        share * 100.0,
        verdict(share >= 0.95)
    );
    println!();
    println!("For comparison, add_ints per call (Rust / C):");
    println!(
        "  through the raw `sys` declaration (rustc calls via the GOT): {add_sys:.2} ns, {:.2}x",
        add_sys / add.c
    );
    println!(
        "  in a `for i in 0..n` loop (LLVM copies the counter back each time): {add_for:.2} ns, {:.2}x",
        add_for / add.c
    );
}
