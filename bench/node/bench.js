'use strict';
// Benchmark of the Node.js binding against C calling libmath.a directly, in one run:
//   per call: addInts with BigInt arguments, crc32 on a 64-byte Buffer;
//   bulk: crc32 throughput on 1 MiB;
// next to a pure JavaScript CRC-32 (and Node's own zlib.crc32, for reference).
//
// usage: node bench/node/bench.js            (after `asmpkg build`; ASMPKG_BUILD_DIR overrides build/)
// Bulk throughput is compared on memory of the same kind (a malloc'd buffer, as a Buffer's is): the
// library's CRC-32 is faster on 64-byte aligned memory, which the table shows beside it.
// Prints a table and the targets of issue 9: crc32 on 64 B within 9x of C, addInts (BigInt) within
// 35x of C, bulk throughput at least 95% of C's. Not part of the test suite.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');
const build = process.env.ASMPKG_BUILD_DIR || path.join(root, 'build');
const m = require(path.join(root, 'bindings', 'node'));

// ---------------------------------------------------------------- C, the same library

function cBaseline() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asmmath-bench-'));
  try {
    const exe = path.join(tmp, 'bench-c');
    execFileSync(process.env.CC || 'cc', ['-O2', '-I', path.join(root, 'include'), path.join(__dirname, 'bench.c'),
      path.join(build, 'libmath.a'), '-o', exe], { stdio: 'inherit' });
    return JSON.parse(execFileSync(exe, { encoding: 'utf8' }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- pure JavaScript CRC-32 (slice-by-8)

const TABLES = (() => {
  const t = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[0][n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k][n] = t[0][t[k - 1][n] & 0xff] ^ (t[k - 1][n] >>> 8);
  }
  return t;
})();

function crc32js(data, crc = 0) {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let c = ~crc;
  let i = 0;
  const n = data.length;
  for (; i + 8 <= n; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c = t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^
      t3[data[i + 4]] ^ t2[data[i + 5]] ^ t1[data[i + 6]] ^ t0[data[i + 7]];
  }
  for (; i < n; i++) c = t0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------- timing

/** Nanoseconds per call of `loop(n)`: the best of `rounds` rounds, after a warm-up round. */
function perCall(loop, n, rounds = 15) {
  loop(n);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    loop(n);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
  }
  return best;
}

let sink = 0n;
let sinkN = 0;

// One loop per measurement, so that every call site stays monomorphic.
function addIntsLoop(n) {
  let a = 1n;
  for (let i = 0; i < n; i++) a = m.addInts(a, 3n);
  sink = a;
}
function crc64Loop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = m.crc32(small, c);
  sinkN ^= c;
}
function crc64DefaultLoop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c ^= m.crc32(small);
  sinkN ^= c;
}
function crcMiBLoop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = m.crc32(big, c);
  sinkN ^= c;
}
function js64Loop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = crc32js(small, c);
  sinkN ^= c;
}
function jsMiBLoop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = crc32js(big, c);
  sinkN ^= c;
}
function zlib64Loop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = zlib.crc32(small, c);
  sinkN ^= c;
}
function zlibMiBLoop(n) {
  let c = 0;
  for (let i = 0; i < n; i++) c = zlib.crc32(big, c);
  sinkN ^= c;
}

const big = Buffer.alloc(1 << 20);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
const small = Buffer.from(big.subarray(0, 64));

if (crc32js(big) !== m.crc32(big) || m.crc32(big) !== zlib.crc32(big)) throw new Error('the CRC-32s disagree');

// ---------------------------------------------------------------- run

const c = cBaseline();
const gbps = (nsPerMiB) => (1 << 20) / nsPerMiB; // bytes per ns = GB/s
const js = {
  addInts: perCall(addIntsLoop, 2e6),
  crc64: perCall(crc64Loop, 1e6),
  crc64Default: perCall(crc64DefaultLoop, 1e6),
  crcMiB: perCall(crcMiBLoop, 200),
  pure64: perCall(js64Loop, 1e6),
  pureMiB: perCall(jsMiBLoop, 10, 7),
  zlib64: typeof zlib.crc32 === 'function' ? perCall(zlib64Loop, 1e6) : NaN,
  zlibMiB: typeof zlib.crc32 === 'function' ? perCall(zlibMiBLoop, 200) : NaN,
};
const cMiB = (1 << 20) / c.crc32_1mib_bytes_per_s * 1e9; // ns per MiB, on malloc'd memory like a Buffer's
const cAligned = (1 << 20) / c.crc32_1mib_aligned_bytes_per_s * 1e9;

const rows = [
  ['addInts(BigInt, BigInt)', `${js.addInts.toFixed(1)} ns`, `${c.add_ints_ns.toFixed(2)} ns`, js.addInts / c.add_ints_ns, 35],
  ['crc32(64-byte Buffer, crc)', `${js.crc64.toFixed(1)} ns`, `${c.crc32_64_ns.toFixed(1)} ns`, js.crc64 / c.crc32_64_ns, 9],
  ['crc32(64-byte Buffer)', `${js.crc64Default.toFixed(1)} ns`, `${c.crc32_64_ns.toFixed(1)} ns`, js.crc64Default / c.crc32_64_ns, 9],
  ['crc32(1 MiB) throughput', `${gbps(js.crcMiB).toFixed(2)} GB/s`, `${gbps(cMiB).toFixed(2)} GB/s`, js.crcMiB / cMiB, 1 / 0.95],
  ['  (C on 64-byte aligned memory)', '', `${gbps(cAligned).toFixed(2)} GB/s`, js.crcMiB / cAligned, null],
  ['pure JS CRC-32, 64 B', `${js.pure64.toFixed(1)} ns`, `${c.crc32_64_ns.toFixed(1)} ns`, js.pure64 / c.crc32_64_ns, null],
  ['pure JS CRC-32, 1 MiB', `${gbps(js.pureMiB).toFixed(2)} GB/s`, `${gbps(cMiB).toFixed(2)} GB/s`, js.pureMiB / cMiB, null],
  ['zlib.crc32 (Node), 64 B', `${js.zlib64.toFixed(1)} ns`, `${c.crc32_64_ns.toFixed(1)} ns`, js.zlib64 / c.crc32_64_ns, null],
  ['zlib.crc32 (Node), 1 MiB', `${gbps(js.zlibMiB).toFixed(2)} GB/s`, `${gbps(cMiB).toFixed(2)} GB/s`, js.zlibMiB / cMiB, null],
];

console.log(`asmmath ${m.version}, Node ${process.version}, ${os.cpus()[0].model}`);
console.log('time ratio = JavaScript / C (1.00 = as fast as C)\n');
const head = ['', 'Node.js', 'C (libmath.a)', 'ratio', 'target'];
const table = rows.map(([what, a, b, ratio, target]) => [what, a, b, `${ratio.toFixed(2)}x`,
  target === null ? '' : `${ratio <= target ? 'ok' : 'MISSED'} (<= ${target.toFixed(2)}x)`]);
const widths = head.map((_, k) => Math.max(...[head, ...table].map((r) => r[k].length)));
for (const r of [head, ...table]) console.log(r.map((cell, k) => cell.padEnd(widths[k])).join('  ').trimEnd());
console.log(`\nbulk: the binding reaches ${(100 * cMiB / js.crcMiB).toFixed(1)}% of C's throughput; ` +
  `the binding is ${(js.pureMiB / js.crcMiB).toFixed(0)}x faster than pure JavaScript on 1 MiB.`);
void sink, sinkN;
