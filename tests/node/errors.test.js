'use strict';
// Status errors: AsmMathError, its code, errno and message, on the fast and the checked paths.
const test = require('node:test');
const assert = require('node:assert/strict');
const m = require('../../bindings/node');

const MESSAGES = {
  DIVISION_BY_ZERO: [1, 'division by zero'],
  OVERFLOW: [2, 'result does not fit in the output type'],
  EMPTY_INPUT: [3, 'input is empty'],
  OUT_OF_MEMORY: [6, 'out of memory'],
};

function status(code) {
  const [errno, message] = MESSAGES[code];
  return (e) => {
    assert.ok(e instanceof m.AsmMathError, `not an AsmMathError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'AsmMathError');
    assert.equal(e.code, code);
    assert.equal(e.errno, errno);
    assert.equal(e.message, message);
    assert.match(e.stack, /^AsmMathError: /);
    return true;
  };
}

test('safeDivide: DIVISION_BY_ZERO and OVERFLOW, with BigInt and with Number arguments', () => {
  assert.throws(() => m.safeDivide(1n, 0n), status('DIVISION_BY_ZERO'));
  assert.throws(() => m.safeDivide(1, 0), status('DIVISION_BY_ZERO'));
  assert.throws(() => m.safeDivide(-(2n ** 63n), -1n), status('OVERFLOW'));
  assert.throws(() => m.safeDivide(-(2n ** 63n), -1), status('OVERFLOW'));
  assert.equal(m.safeDivide(-(2n ** 63n), 1n), -(2n ** 63n));
});

test('fibonacci(94) overflows; F(93) is exact', () => {
  assert.throws(() => m.fibonacci(94), status('OVERFLOW'));
  assert.equal(m.fibonacci(93), 12200160415121876738n);
  assert.equal(typeof m.fibonacci(1), 'bigint');
});

test('maxI64 of nothing: EMPTY_INPUT, for an Array and a BigInt64Array', () => {
  assert.throws(() => m.maxI64([]), status('EMPTY_INPUT'));
  assert.throws(() => m.maxI64(new BigInt64Array(0)), status('EMPTY_INPUT'));
});

test('a NativeBuffer too large for memory: OUT_OF_MEMORY', () => {
  assert.throws(() => new m.NativeBuffer(2n ** 62n), status('OUT_OF_MEMORY'));
  assert.throws(() => new m.NativeBuffer(2n ** 64n - 1n), status('OUT_OF_MEMORY'));
});

test('AsmMathError is an ordinary exported Error class', () => {
  const e = new m.AsmMathError('custom', 'OVERFLOW', 2);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'AsmMathError');
  assert.equal(e.code, 'OVERFLOW');
  assert.equal(e.errno, 2);
  assert.equal(String(e), 'AsmMathError: custom');
});

test('randomU64 gives distinct BigInts, or says the CPU cannot', () => {
  let a;
  try {
    a = m.randomU64();
  } catch (e) {
    assert.ok(e instanceof m.AsmMathError);
    assert.ok(['UNSUPPORTED_CPU', 'ENTROPY_EXHAUSTED'].includes(e.code), e.code);
    return;
  }
  const b = m.randomU64();
  assert.equal(typeof a, 'bigint');
  assert.ok(a >= 0n && a < 2n ** 64n);
  assert.notEqual(a, b);
});
