'use strict';
// Computed buffer lengths: an input must hold its expression's elements (more are fine), an output
// is made with exactly them. A length that is negative, overflows, is too large for a Buffer or is
// not met is a RangeError (ERR_OUT_OF_RANGE) naming the parameter, the expression and the lengths;
// the library is never called with it.
const test = require('node:test');
const assert = require('node:assert/strict');
const m = require('../../bindings/node');

const range = (message) => ({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message });

test('n stays an argument, a bigint or a safe Number for usize', () => {
  const words = Buffer.from('0100000002000000ffffffff', 'hex');
  assert.equal(m.sumWords(words, 3n), 4294967298n);
  assert.equal(m.sumWords(words, 3), 4294967298n);
  assert.equal(m.sumWords(words, 0), 0n);
  assert.equal(m.sumWords(new ArrayBuffer(0), 0n), 0n);
  assert.equal(m.sumOdd(Int32Array.of(1, 2, -3), 2), 0n);
});

test('a narrow n is a number, as index.d.ts declares it: a bigint is a TypeError', () => {
  assert.throws(() => m.sumOdd([1], 1n),
    { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'sumOdd(): "n" must be a number. Received type bigint' });
  assert.throws(() => m.ramp(1n), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('NaN and the infinities are named as JavaScript prints them', () => {
  for (const [bad, text] of [[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [0.1, '0.1'], [-1, '-1']]) {
    assert.throws(() => m.sumOdd([1], bad), range(`sumOdd(): "n" must be an integer in 0..4294967295. Received ${text}`));
    assert.throws(() => m.sumWords(Buffer.alloc(0), bad),
      range(`sumWords(): "n" must be a non-negative safe integer or a BigInt. Received ${text}`));
  }
});

test('a buffer shorter than its expression is a RangeError', () => {
  assert.throws(() => m.sumWords(Buffer.alloc(8), 3), range('sumWords(): "data" needs 4*n = 12 bytes (n = 3), got 8'));
  assert.throws(() => m.sumWords(new Uint32Array(2), 3n), range('sumWords(): "data" needs 4*n = 12 bytes (n = 3), got 8'));
  assert.throws(() => m.sumWords(Buffer.alloc(0), 1), range('sumWords(): "data" needs 4*n = 4 bytes (n = 1), got 0'));
  assert.throws(() => m.sumOdd([1, 2], 2), range('sumOdd(): "vals" needs 2*n-1 = 3 elements (n = 2), got 2'));
  assert.throws(() => m.sumOdd(Int32Array.of(1), 2 ** 32 - 1),
    range('sumOdd(): "vals" needs 2*n-1 = 8589934589 elements (n = 4294967295), got 1'));
  assert.throws(() => m.xorKey(Buffer.alloc(31)), range('xorKey(): "key" needs 32 bytes, got 31'));
  assert.throws(() => m.xorKey(new Uint8Array(0)), range('xorKey(): "key" needs 32 bytes, got 0'));
  const buf = Buffer.from([1, 2]);
  assert.throws(() => m.scaleInPlace(buf, 1, 3), range('scaleInPlace(): "buf" needs n+2 = 3 bytes (n = 1), got 2'));
  assert.deepEqual([...buf], [1, 2], 'not written');
});

test('an expression that is negative is a RangeError, however long the buffer', () => {
  assert.throws(() => m.sumOdd([], 0), range('sumOdd(): "vals" needs 2*n-1 = -1 elements (n = 0): a length cannot be negative'));
  assert.throws(() => m.sumOdd(Int32Array.of(1, 2, 3), 0),
    range('sumOdd(): "vals" needs 2*n-1 = -1 elements (n = 0): a length cannot be negative'));
});

test('an expression that overflows 64 bits is a RangeError', () => {
  const buf = Buffer.alloc(8);
  assert.throws(() => m.sumWords(buf, 2n ** 62n), range('sumWords(): "data" needs 4*n bytes (n = 4611686018427387904): more than 2^64-1'));
  assert.throws(() => m.sumWords(buf, 2n ** 64n - 1n),
    range('sumWords(): "data" needs 4*n bytes (n = 18446744073709551615): more than 2^64-1'));
  // the largest n that does not overflow still needs more than the buffer has
  assert.throws(() => m.sumWords(buf, 2n ** 62n - 1n),
    range('sumWords(): "data" needs 4*n = 18446744073709551612 bytes (n = 4611686018427387903), got 8'));
});

test('n itself is checked as before: out of range, fractional or of the wrong type', () => {
  const buf = Buffer.alloc(8);
  assert.throws(() => m.sumWords(buf, -1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => m.sumWords(buf, 2n ** 64n), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => m.sumWords(buf, 1.5), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => m.sumWords(buf), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => m.sumWords('abcdefgh', 1), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => m.scaleInPlace(buf, 256, 1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => m.ramp(65536), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => m.ramp(-1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
});

test('a longer buffer is fine: only the expression\'s elements are used', () => {
  const words = Buffer.from('0100000002000000ffffffffdeadbeef', 'hex');
  assert.equal(m.sumWords(words, 2), 3n);
  assert.equal(m.sumWords(words.subarray(4), 1), 2n, 'a view at an offset');
  assert.equal(m.sumOdd(Int32Array.of(1, 2, 3, 100), 2), 6n);
  assert.equal(m.sumOdd([7, 100, 1000], 1), 7n);
  const key = Buffer.alloc(40, 0xff);
  key.fill(0, 1, 32);
  assert.equal(m.xorKey(key), 0xff);
});

test('bytes_mut is written in place, its expression\'s bytes only', () => {
  const buf = Buffer.from([1, 2, 3, 4, 5]);
  assert.equal(m.scaleInPlace(buf, 1, 3), undefined);
  assert.deepEqual([...buf], [3, 6, 9, 4, 5]);
  const u8 = Uint8Array.of(200, 1, 2);
  m.scaleInPlace(u8, 1, 2);
  assert.deepEqual([...u8], [144, 2, 4], 'wraps');
  const whole = new ArrayBuffer(4);
  const view = new DataView(whole, 1, 2);
  new Uint8Array(whole).set([9, 5, 6, 9]);
  m.scaleInPlace(view, 0, 10);
  assert.deepEqual([...new Uint8Array(whole)], [9, 50, 60, 9], 'a DataView, nothing outside it');
  const big = Buffer.alloc(257, 1);
  m.scaleInPlace(big, 255, 2);
  assert.ok(big.every((b) => b === 2));
});

test('outputs of computed length: a Buffer for bytes, a TypedArray otherwise, new on each call', () => {
  const hex = m.hexLower(Buffer.from('00ff1a', 'hex'));
  assert.ok(Buffer.isBuffer(hex));
  assert.equal(hex.toString(), '00ff1a');
  assert.equal(m.hexLower(Uint16Array.of(0xabcd)).toString(), 'cdab', 'n is the length in bytes');
  const r = m.ramp(3);
  assert.ok(r instanceof Uint16Array);
  assert.deepEqual([...r], [0, 1, 2, 3]);
  assert.notEqual(m.ramp(3).buffer, r.buffer);
  const all = m.ramp(65535);
  assert.equal(all.length, 65536);
  assert.equal(all[65535], 65535);
  const long = m.hexLower(Buffer.alloc(100000, 0xa5));
  assert.equal(long.length, 200000);
  assert.ok(long.every((c) => c === 0x61 || c === 0x35));
});

test('a zero-length output is an empty Buffer', () => {
  for (const src of [Buffer.alloc(0), new Uint8Array(0), new ArrayBuffer(0), Buffer.from('abc').subarray(3)]) {
    const out = m.hexLower(src);
    assert.ok(Buffer.isBuffer(out));
    assert.equal(out.length, 0);
  }
  assert.deepEqual([...m.ramp(0)], [0], 'count+1 is 1');
});

test('an output larger than a Buffer can be is a RangeError, not an abort', (t) => {
  let src;
  try {
    src = new ArrayBuffer(2 ** 31 + 1); // virtual memory only: never written, and refused before any call
  } catch {
    return t.skip('cannot reserve 2 GiB here');
  }
  assert.throws(() => m.hexLower(src),
    range('hexLower(): "out" needs 2*n = 4294967298 bytes (n = 2147483649): more than the 4294967296 bytes a Buffer can hold'));
});

test('a narrow length before its buffer is checked against the buffer', () => {
  assert.equal(m.countOnes(Buffer.from('ff0103', 'hex')), 11);
  assert.equal(m.countOnes(Buffer.alloc(255, 0xff)), 255 * 8);
  assert.throws(() => m.countOnes(Buffer.alloc(256)), { name: 'RangeError' });
});
