'use strict';
// NativeBuffer: the view over native memory, close() (idempotent), use after close, the finalizer.
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const m = require('../../bindings/node');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const tick = () => new Promise((resolve) => setImmediate(resolve));
const closed = { name: 'Error', code: 'ERR_INVALID_STATE', message: /NativeBuffer is closed/ };

test('a new NativeBuffer is zeroed native memory, seen through one cached Uint8Array', () => {
  const b = new m.NativeBuffer(64);
  assert.equal(b.closed, false);
  assert.equal(b.length, 64);
  const bytes = b.bytes;
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(bytes.length, 64);
  assert.ok(bytes.every((x) => x === 0));
  assert.equal(b.bytes, bytes, 'the same view on every read');
  bytes.fill(0x61, 0, 9);
  assert.equal(m.crc32(b.bytes.subarray(0, 9)), m.crc32(Buffer.from('aaaaaaaaa')));
  b.close();
});

test('close() is idempotent; every later use throws ERR_INVALID_STATE', () => {
  const b = new m.NativeBuffer(16);
  const view = b.bytes;
  b.close();
  assert.equal(b.closed, true);
  b.close();
  b[Symbol.dispose]();
  assert.throws(() => b.bytes, closed);
  assert.throws(() => b.length, closed);
  assert.equal(view.length, 0, 'the old view is detached, not left pointing at freed memory');
  assert.equal(view.buffer.byteLength, 0);
  assert.equal(m.crc32(view), 0);
});

test('[Symbol.dispose] closes', () => {
  const b = new m.NativeBuffer(8);
  assert.equal(typeof b[Symbol.dispose], 'function');
  b[Symbol.dispose]();
  assert.equal(b.closed, true);
});

test('a buffer of size 0, and sizes as Number or BigInt', () => {
  const empty = new m.NativeBuffer(0);
  assert.equal(empty.bytes.length, 0);
  assert.equal(empty.length, 0);
  empty.close();
  const b = new m.NativeBuffer(3n);
  assert.equal(b.bytes.length, 3);
  b.close();
});

test('the class is checked: new is required, methods need a NativeBuffer', () => {
  assert.throws(() => m.NativeBuffer(8), { name: 'TypeError', code: 'ERR_CONSTRUCT_CALL_REQUIRED' });
  assert.throws(() => new m.NativeBuffer(), { name: 'TypeError' });
  assert.throws(() => new m.NativeBuffer('8'), { name: 'TypeError' });
  assert.throws(() => m.NativeBuffer.prototype.close.call({}), TypeError);
  assert.throws(() => Object.getOwnPropertyDescriptor(m.NativeBuffer.prototype, 'bytes').get.call({}), TypeError);
  class Sub extends m.NativeBuffer {}
  const s = new Sub(4);
  assert.ok(s instanceof m.NativeBuffer);
  assert.equal(s.bytes.length, 4);
  s.close();
});

test('unclosed buffers are freed by the finalizer', async () => {
  // 256 MiB of touched native memory, none closed: without the finalizer RSS would grow by it.
  const before = process.memoryUsage().rss;
  for (let round = 0; round < 16; round++) {
    for (let i = 0; i < 16; i++) new m.NativeBuffer(1 << 20).bytes.fill(1);
    gc();
    await tick();
    gc();
  }
  const grown = (process.memoryUsage().rss - before) / (1 << 20);
  assert.ok(grown < 128, `RSS grew by ${grown.toFixed(0)} MiB`);
});

test('a view outlives its collected NativeBuffer: the memory stays valid until the view goes', async () => {
  const view = (() => {
    const b = new m.NativeBuffer(4096);
    b.bytes.fill(7);
    return b.bytes;
  })();
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
  assert.equal(view.length, 4096);
  assert.ok(view.every((x) => x === 7));
  view.fill(9);
  assert.equal(m.crc32(view), m.crc32(Buffer.alloc(4096, 9)));
});
