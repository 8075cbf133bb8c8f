'use strict';
// sumWithCallback: a JavaScript function called synchronously; its exception stops the loop and
// reaches the caller; the callback may re-enter the library; inputs cannot be pulled from under it.
const test = require('node:test');
const assert = require('node:assert/strict');
const m = require('../../bindings/node');

test('the callback maps each value, in order, as a BigInt', () => {
  const seen = [];
  const sum = m.sumWithCallback([1n, 2n, 3n], (v) => {
    seen.push(v);
    return v * 10n;
  });
  assert.equal(sum, 60n);
  assert.deepEqual(seen, [1n, 2n, 3n]);
  assert.equal(m.sumWithCallback(BigInt64Array.of(5n, 6n), (v) => Number(v)), 11n);
  assert.equal(m.sumWithCallback([], () => assert.fail('not called')), 0n);
});

test('the sum wraps', () => {
  assert.equal(m.sumWithCallback([1n, 1n], () => 2n ** 63n - 1n), -2n);
});

test('an exception in the callback propagates and stops the loop', () => {
  const boom = new Error('boom');
  let calls = 0;
  assert.throws(() => m.sumWithCallback(new BigInt64Array(100000), () => {
    calls++;
    throw boom;
  }), (e) => e === boom);
  assert.equal(calls, 1, 'no JavaScript call after the first exception');
  assert.throws(() => m.sumWithCallback([1n, 2n, 3n], (v) => {
    if (v === 2n) throw new RangeError('two');
    return v;
  }), { name: 'RangeError', message: 'two' });
  assert.equal(m.sumWithCallback([1n, 2n], (v) => v), 3n, 'still usable afterwards');
});

test('a bad return value is a TypeError or RangeError', () => {
  assert.throws(() => m.sumWithCallback([1n], () => 'x'), { name: 'TypeError', message: /value returned by "fn"/ });
  assert.throws(() => m.sumWithCallback([1n], () => undefined), TypeError);
  assert.throws(() => m.sumWithCallback([1n], () => 2n ** 64n), RangeError);
  assert.throws(() => m.sumWithCallback([1n], () => 0.5), RangeError);
});

test('the callback must be a function; the values a BigInt64Array or an Array', () => {
  assert.throws(() => m.sumWithCallback([1n], null), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => m.sumWithCallback([1n]), TypeError);
  assert.throws(() => m.sumWithCallback('12', (v) => v), TypeError);
});

test('the callback may call back into the library, even recursively', () => {
  const inner = (v) => m.addInts(v, m.sumWithCallback([v, v], (w) => m.fibonacci(Number(w))));
  assert.equal(m.sumWithCallback([1n, 2n, 10n], inner), (1n + 2n) + (2n + 2n) + (10n + 110n));
  assert.equal(m.sumWithCallback([1n], () => BigInt(m.crc32(Buffer.from('123456789')))), 0xcbf43926n);
});

test('changing, detaching or transferring the input inside the callback does not reach native code', () => {
  const values = BigInt64Array.of(1n, 2n, 3n);
  assert.equal(m.sumWithCallback(values, (v) => {
    values[2] = 100n;
    return v;
  }), 6n, 'the native loop reads a snapshot');
  const moving = BigInt64Array.of(1n, 2n, 3n);
  assert.equal(m.sumWithCallback(moving, (v) => {
    if (moving.length) structuredClone(moving.buffer, { transfer: [moving.buffer] }); // detaches it
    return v;
  }), 6n);
  assert.equal(moving.length, 0);
  const list = [1n, 2n, 3n];
  assert.equal(m.sumWithCallback(list, (v) => {
    list.length = 0;
    return v;
  }), 6n);
});
