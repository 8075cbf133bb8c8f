'use strict';
// Returned strings the caller frees: each is a JavaScript copy, and the binding frees the C string once
// (describe with the C library's free, label with the library's releaser, which counts what it frees).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const m = require('../../bindings/node');

const pkg = path.join(__dirname, '..', '..', 'bindings', 'node');

test('describe: a copy of a string freed with free()', () => {
  assert.equal(m.describe(7), 'n=7');
  assert.equal(m.describe(4294967295), 'n=4294967295');
  assert.equal(m.describe(0), 'n=0');
});

test('label: a UTF-8 string, or null for NULL', () => {
  assert.equal(m.label(3), 'label 3 \u2713');
  assert.equal(m.label(3), 'label 3 ✓');
  assert.equal(m.label(-1), null);
});

test('released() grows by exactly one per string, and not for NULL', () => {
  const before = m.released();
  assert.equal(typeof before, 'bigint');
  m.label(0);
  assert.equal(m.released(), before + 1n);
  assert.equal(m.label(-1), null);
  assert.equal(m.released(), before + 1n);
  for (let i = 0; i < 100; i++) m.label(i);
  assert.equal(m.released(), before + 101n);
  m.describe(1); // freed with free(), not the library's releaser
  assert.equal(m.released(), before + 101n);
});

test('8 worker threads calling label 1000 times each free exactly 8000 strings', async () => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const m = require(workerData.pkg);
    for (let i = 0; i < 1000; i++)
      if (m.label(i) !== 'label ' + i + ' \\u2713') throw new Error('label ' + i);
    parentPort.postMessage('done');`;
  const before = m.released();
  const run = () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { pkg } });
    w.once('error', reject);
    w.once('exit', (exit) => (exit === 0 ? resolve() : reject(new Error(`worker exited with ${exit}`))));
  });
  await Promise.all(Array.from({ length: 8 }, run));
  assert.equal(m.released(), before + 8000n);
});

test('the releaser is not public', () => {
  assert.equal('release' in m, false);
  assert.equal(m.release, undefined);
  assert.deepEqual(Object.keys(m).filter((k) => /releas/i.test(k)), ['released']);
});
