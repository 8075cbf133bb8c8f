//! Eight threads calling the library at once, each checking its own results.

use std::thread;

const THREADS: usize = 8;
const ROUNDS: usize = 200;

#[test]
fn eight_threads_at_once() {
    let inputs: Vec<Vec<u8>> = (0..THREADS)
        .map(|t| vec![t as u8 ^ 0x5a; 1000 + t * 37])
        .collect();
    let crcs: Vec<u32> = inputs.iter().map(|d| asmmath::crc32(0, d)).collect();
    let digests: Vec<[u8; 32]> = inputs.iter().map(|d| asmmath::sha256(d)).collect();
    thread::scope(|scope| {
        for t in 0..THREADS {
            let (data, crc, digest) = (&inputs[t], crcs[t], digests[t]);
            scope.spawn(move || {
                let t = t as i64;
                for round in 0..ROUNDS {
                    let r = round as i64;
                    assert_eq!(asmmath::crc32(0, data), crc);
                    assert_eq!(asmmath::sha256(data), digest);
                    assert_eq!(asmmath::add_ints(t, r), t + r);
                    assert_eq!(
                        asmmath::safe_divide(t * 1000 + r, 7),
                        Ok((t * 1000 + r) / 7)
                    );
                    assert_eq!(
                        asmmath::safe_divide(r, 0),
                        Err(asmmath::Error::DivisionByZero)
                    );
                    assert_eq!(asmmath::fibonacci(90), Ok(2_880_067_194_370_816_120));
                    assert_eq!(asmmath::max_i64(&[t, r, -1]), Ok(t.max(r)));
                    let mut calls = 0;
                    let sum = asmmath::sum_with_callback(&[1, 2, 3], |v| {
                        calls += 1;
                        v * t
                    });
                    assert_eq!((sum, calls), (6 * t, 3));
                    let mut buffer = asmmath::Buffer::new(64 + round).unwrap();
                    buffer.fill(t as u8);
                    asmmath::reverse_bytes(&mut buffer);
                    assert!(buffer.iter().all(|&b| b == t as u8));
                    if let Err(e) = asmmath::random_u64() {
                        assert_eq!(e, asmmath::Error::UnsupportedCpu);
                    }
                }
            });
        }
    });
}

#[test]
fn buffers_made_on_one_thread_are_used_on_others() {
    let buffers: Vec<asmmath::Buffer> = (0..THREADS)
        .map(|n| asmmath::Buffer::new(n + 1).unwrap())
        .collect();
    let handles: Vec<_> = buffers
        .into_iter()
        .enumerate()
        .map(|(n, mut buffer)| {
            thread::spawn(move || {
                buffer.fill(n as u8);
                (n, buffer)
            })
        })
        .collect();
    for handle in handles {
        let (n, buffer) = handle.join().unwrap();
        assert_eq!(&buffer[..], vec![n as u8; n + 1].as_slice());
    }
}
