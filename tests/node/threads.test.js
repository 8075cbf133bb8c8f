'use strict';
// The addon is context-aware: 8 worker_threads load it at once and call everything concurrently
// with the main thread; a worker terminated in the middle of a callback loop does no harm.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const m = require('../../bindings/node');

const THREADS = 8;
const pkg = path.join(__dirname, '..', '..', 'bindings', 'node');

const work = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const m = require(workerData.pkg);
const id = workerData.id;
const data = Buffer.alloc(4096 + id, id);
const want = { crc: zlib.crc32(data), sha: crypto.createHash('sha256').update(data).digest('hex') };
let checks = 0;
for (let i = 0; i < 2000; i++) {
  if (m.addInts(BigInt(i), BigInt(id)) !== BigInt(i + id)) throw new Error('addInts');
  if (m.crc32(data) !== want.crc) throw new Error('crc32');
  if (i % 50 === 0 && m.sha256(data).toString('hex') !== want.sha) throw new Error('sha256');
  if (m.sumWithCallback([1n, 2n, BigInt(id)], (v) => v * 2n) !== 2n * (3n + BigInt(id))) throw new Error('callback');
  const b = new m.NativeBuffer(256);
  b.bytes.fill(id);
  if (m.crc32(b.bytes) !== zlib.crc32(Buffer.alloc(256, id))) throw new Error('NativeBuffer');
  b.close();
  try { m.safeDivide(BigInt(i), 0n); throw new Error('no error'); } catch (e) {
    if (!(e instanceof m.AsmMathError) || e.code !== 'DIVISION_BY_ZERO') throw e;
  }
  checks += 6;
}
parentPort.postMessage({ id, checks });
`;

function run(id) {
  return new Promise((resolve, reject) => {
    const w = new Worker(work, { eval: true, workerData: { pkg, id } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker ${id} exited with ${code}`)));
  });
}

test(`${THREADS} workers call the addon concurrently with the main thread`, async () => {
  const done = Promise.all(Array.from({ length: THREADS }, (_, id) => run(id + 1)));
  for (let i = 0; i < 2000; i++) assert.equal(m.addInts(BigInt(i), 1n), BigInt(i + 1));
  const results = await done;
  assert.deepEqual(results.map((r) => r.id).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
  for (const r of results) assert.equal(r.checks, 12000);
});

test('each environment has its own state: errors are the AsmMathError of their own thread', async () => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const m = require(workerData.pkg);
    try { m.maxI64([]); } catch (e) { parentPort.postMessage(e instanceof m.AsmMathError && e.code); }`;
  const w = new Worker(code, { eval: true, workerData: { pkg } });
  const [answer] = await Promise.all([new Promise((resolve) => w.once('message', resolve)),
    new Promise((resolve) => w.once('exit', resolve))]);
  assert.equal(answer, 'EMPTY_INPUT');
  assert.throws(() => m.maxI64([]), m.AsmMathError);
});

test('terminating a worker inside a long callback loop is clean', async () => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const m = require(workerData.pkg);
    const b = new m.NativeBuffer(1024);
    parentPort.postMessage('started');
    m.sumWithCallback(new BigInt64Array(1 << 22), (v) => { b.bytes[0]++; return v; });`;
  const w = new Worker(code, { eval: true, workerData: { pkg } });
  await new Promise((resolve) => w.once('message', resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const exitCode = await w.terminate();
  assert.equal(exitCode, 1);
  assert.equal(m.addInts(1n, 1n), 2n);
});
