// 1 thread against 2 on the thread targets (matmul 1024 as the bench runs it, attention
// n = 2048, d = 64), calls interleaved in one process: on a machine shared with other work the load
// changes from minute to minute, and alternating the two backends call by call lets both see the same
// load, which timing them minutes apart (as the benchmark's separate processes do) does not.
// Not a test. Run after `pnpm build`: node scripts/time-threads.mjs [rounds]
import { availableParallelism, loadavg } from 'node:os';
import { wasmBackend } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 15);

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}
const next = seeded(7);
const rand = (rows, cols) => ({ rows, cols, data: Float32Array.from({ length: rows * cols }, next) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const n = 1024;
const identity = { tokens: Uint32Array.from({ length: n }, (_, i) => i) };
const matmul = { q: rand(n, n), s: rand(n, n), other: identity };
const d = 64;
const attention = { h: rand(2048, d), wq: rand(d, d), wk: rand(d, d), wv: rand(d, d) };
const cases = [
  ['matmul n=1024', (b) => b.projection(matmul)],
  ['attention n=2048, d=64', (b) => b.attention(attention)],
];

const backends = [await wasmBackend({ threads: 1 }).create(), await wasmBackend({ threads: 2 }).create()];
console.log(`cores ${availableParallelism()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}, ${rounds} rounds`);
for (const [label, call] of cases) {
  const times = backends.map(() => []);
  for (const b of backends) for (let w = 0; w < 2; w++) await call(b);
  for (let r = 0; r < rounds; r++) {
    for (const [t, b] of backends.entries()) {
      const start = performance.now();
      await call(b);
      times[t].push(performance.now() - start);
    }
  }
  const [one, two] = times.map(median);
  console.log(`${label}: 1 thread ${one.toFixed(1)} ms, 2 threads ${two.toFixed(1)} ms (medians), speed-up ${(one / two).toFixed(2)}×`);
}
console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
await Promise.all(backends.map((b) => b.dispose()));
