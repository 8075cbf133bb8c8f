'use strict';
// Bad arguments get TypeError or RangeError (Node's codes), never a crash; good ones of every
// accepted kind (BigInt or safe Number, any binary view) give the same results.
const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const m = require('../../bindings/node');

const type = { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' };
const range = { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' };

test('64-bit integers: BigInt or safe-integer Number in, BigInt out', () => {
  assert.equal(m.addInts(2n, 3n), 5n);
  assert.equal(m.addInts(2, 3), 5n);
  assert.equal(m.addInts(2n, 3), 5n);
  assert.equal(m.addInts(-0, 0), 0n);
  assert.equal(m.addInts(Number.MAX_SAFE_INTEGER, 1), 2n ** 53n);
  assert.equal(m.addInts(2n ** 63n - 1n, 1n), -(2n ** 63n)); // wraps, as documented
  assert.equal(m.addInts(-(2n ** 63n), 0n), -(2n ** 63n));
});

test('wrong types are TypeErrors', () => {
  for (const bad of ['1', null, undefined, {}, [], true, Symbol('x'), () => 1]) {
    assert.throws(() => m.addInts(bad, 1n), type, String(typeof bad));
    assert.throws(() => m.addInts(1n, bad), type, String(typeof bad));
    assert.throws(() => m.multiplyDoubles(bad, 1), type);
    assert.throws(() => m.fibonacci(bad), type);
    assert.throws(() => m.crc32(bad), type);
    assert.throws(() => m.sha256(bad), type);
    assert.throws(() => m.reverseBytes(bad), type);
    if (!Array.isArray(bad)) assert.throws(() => m.maxI64(bad), type);
  }
  assert.throws(() => m.multiplyDoubles(1n, 2), type);
  // narrower integers are a number, as index.d.ts says: a bigint is refused, whatever its value
  assert.throws(() => m.fibonacci(10n), { ...type, message: 'fibonacci(): "n" must be a number. Received type bigint' });
  assert.throws(() => m.crc32(Buffer.alloc(1), 1n), type);
  assert.throws(() => m.addInts(), type);
  assert.throws(() => m.addInts(1n), type);
  assert.throws(() => m.crc32(), type);
  assert.throws(() => m.crc32('123456789'), /must be a Buffer, TypedArray, DataView or ArrayBuffer. Received type string/);
});

test('integers out of range, fractional or unsafe are RangeErrors', () => {
  assert.throws(() => m.addInts(2n ** 63n, 0n), range);
  assert.throws(() => m.addInts(-(2n ** 63n) - 1n, 0n), range);
  assert.throws(() => m.addInts(1.5, 0n), range);
  assert.throws(() => m.addInts(2 ** 53, 0n), range); // not a safe integer: ask for a BigInt
  assert.throws(() => m.addInts(NaN, 0n), range);
  assert.throws(() => m.addInts(Infinity, 0n), range);
  assert.throws(() => m.fibonacci(-1), range);
  assert.throws(() => m.fibonacci(2 ** 32), range);
  assert.throws(() => m.fibonacci(1.5), range);
  assert.throws(() => m.crc32(Buffer.alloc(1), -1), range);
  assert.throws(() => m.crc32(Buffer.alloc(1), 2 ** 32), range);
  assert.throws(() => new m.NativeBuffer(-1), range);
  assert.throws(() => new m.NativeBuffer(-1n), range);
  assert.throws(() => m.maxI64([1n, 2n ** 63n]), range);
  assert.throws(() => m.maxI64([1n, 0.5]), /"values"\[1\] must be/);
});

test('crc32 takes any binary view, in place and at its own offset', () => {
  const text = Buffer.from('xx123456789yy');
  const want = 0xcbf43926;
  const ab = new ArrayBuffer(9);
  new Uint8Array(ab).set(Buffer.from('123456789'));
  assert.equal(m.crc32(text.subarray(2, 11)), want);
  assert.equal(m.crc32(new Uint8Array(text.buffer, text.byteOffset + 2, 9)), want);
  assert.equal(m.crc32(new DataView(text.buffer, text.byteOffset + 2, 9)), want);
  assert.equal(m.crc32(ab), want);
  assert.equal(m.crc32(new Uint16Array(ab, 0, 4)), zlib.crc32(Buffer.from('12345678')));
  assert.equal(m.crc32(new Float64Array(2)), zlib.crc32(Buffer.alloc(16)));
  assert.equal(m.crc32(new Uint8Array(0)), 0);
  assert.equal(m.crc32(Buffer.from('56789'), m.crc32(Buffer.from('1234'))), want);
  assert.equal(m.crc32(Buffer.from('123456789'), undefined), want);
});

test('crc32 and sha256 agree with zlib and node:crypto on 1 MiB', () => {
  const data = Buffer.alloc(1 << 20);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
  assert.equal(m.crc32(data), zlib.crc32(data));
  const digest = m.sha256(data);
  assert.ok(Buffer.isBuffer(digest));
  assert.equal(digest.length, 32);
  assert.equal(digest.toString('hex'), require('node:crypto').createHash('sha256').update(data).digest('hex'));
});

test('reverseBytes works in place, on the view only', () => {
  const whole = Buffer.from('abcdef');
  m.reverseBytes(whole.subarray(1, 5));
  assert.equal(whole.toString(), 'aedcbf');
  const u16 = Uint16Array.of(0x0102, 0x0304);
  m.reverseBytes(u16);
  assert.deepEqual([...u16], [0x0403, 0x0201]);
  m.reverseBytes(new ArrayBuffer(0));
});

test('maxI64 takes a BigInt64Array in place, or an Array of BigInts and safe integers', () => {
  assert.equal(m.maxI64(BigInt64Array.of(3n, -1n, 7n)), 7n);
  assert.equal(m.maxI64([3n, -1, 7, 2n]), 7n);
  assert.equal(m.maxI64([-(2n ** 63n)]), -(2n ** 63n));
  const big = new BigInt64Array(1 << 16).map((_, i) => BigInt(i));
  assert.equal(m.maxI64(big.subarray(0, 1000)), 999n);
  assert.throws(() => m.maxI64(new Int32Array(2)), { ...type, message: /BigInt64Array or an Array. Received an instance of Int32Array/ });
  assert.throws(() => m.maxI64(new BigUint64Array(2)), type);
  assert.throws(() => m.maxI64([1n, 'x']), type);
});

test('points: frozen plain objects out, any {x, y} in', () => {
  const p = m.makePoint(1, 2);
  assert.deepEqual(p, { x: 1, y: 2 });
  assert.ok(Object.isFrozen(p));
  assert.equal(Object.getPrototypeOf(p), Object.prototype);
  assert.equal(m.pointDistance({ x: 0, y: 0 }, { x: 3, y: 4, z: 'ignored' }), 5);
  assert.equal(m.pointDistance(p, m.makePoint(4, 6)), 5);
  class P { constructor() { this.x = 0; } get y() { return 0; } }
  assert.equal(m.pointDistance(new P(), { x: 0, y: 1 }), 1);
  assert.throws(() => m.pointDistance(null, p), type);
  assert.throws(() => m.pointDistance(p), type);
  assert.throws(() => m.pointDistance({ x: 1 }, p), { ...type, message: /"a"\.y must be a number/ });
  assert.throws(() => m.pointDistance({ x: 1, y: '2' }, p), type);
});

test('multiplyDoubles follows IEEE 754', () => {
  assert.equal(m.multiplyDoubles(1.5, 4), 6);
  assert.ok(Number.isNaN(m.multiplyDoubles(NaN, 1)));
  assert.equal(m.multiplyDoubles(Infinity, -1), -Infinity);
  assert.ok(Object.is(m.multiplyDoubles(-0, 1), -0));
});
