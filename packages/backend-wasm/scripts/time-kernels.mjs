// A quick timing of the hot kernels, for the README (not a test; `pnpm bench` in apps/bench is the
// benchmark). Run after `pnpm build`: node scripts/time-kernels.mjs
import { readFileSync } from 'node:fs';
import { wasmBackend } from '../dist/index.js';

const source = readFileSync(new URL('../src/generated/kernels-wasm.ts', import.meta.url), 'utf8');
const bytes = Buffer.from(source.match(/'([A-Za-z0-9+/=]+)'/)[1], 'base64');
const { exports: k } = await WebAssembly.instantiate(await WebAssembly.compile(bytes), {});

function median(fn, runs = 15) {
  for (let t = 0; t < 3; t++) fn();
  const times = [];
  for (let t = 0; t < runs; t++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

let top = k.__heap_base.value;
function alloc(bytes) {
  const ptr = Math.ceil(top / 16) * 16;
  top = ptr + bytes + 256;
  if (top > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((top - k.memory.buffer.byteLength) / 65536));
  return ptr;
}
function fill(ptr, n) {
  const v = new Float32Array(k.memory.buffer, ptr, n);
  for (let i = 0; i < n; i++) v[i] = Math.random() - 0.5;
}

for (const n of [256, 512, 1024]) {
  const a = alloc(n * n * 4);
  const b = alloc(n * n * 4);
  const c = alloc(n * n * 4);
  const pack = alloc(k.mm_pack_floats(n, n) * 4);
  fill(a, n * n);
  fill(b, n * n);
  const ms = median(() => k.mm_f32(a, n, b, n, c, n, n, n, n, 0, pack));
  console.log(`matmul ${n}: ${ms.toFixed(2)} ms, ${((2 * n ** 3) / ms / 1e6).toFixed(1)} GFLOP/s`);
}

// Fused attention kernel alone: QKᵀ and PV are 4·n²·d flops (d_k = d_v = d).
for (const [n, causal] of [[512, false], [512, true], [2048, false]]) {
  const d = 64;
  const q = alloc(n * d * 4);
  const kt = alloc(n * d * 4);
  const v = alloc(n * d * 4);
  const o = alloc(n * d * 4);
  const scratch = alloc((4 * 64 + 4 * 64) * 4);
  for (const p of [q, kt, v]) fill(p, n * d);
  const ms = median(() => k.attn_stream(q, d, kt, n, v, d, o, d, 0, n, n, d, d, 0.125, causal ? 1 : 0, 0, 0, scratch));
  const flops = (4 * n * n * d) / (causal ? 2 : 1);
  console.log(`attention kernel n = ${n}, d = ${d}${causal ? ', causal' : ''}: ${ms.toFixed(2)} ms, ${(flops / ms / 1e6).toFixed(1)} GFLOP/s`);
}

// The public operator, projections included (H W_Q, H W_K, H W_V: 6·n·d² more flops).
const backend = await wasmBackend().create();
const n = 512;
const d = 64;
const rand = (r, c) => ({ rows: r, cols: c, data: Float32Array.from({ length: r * c }, () => Math.random() - 0.5) });
const input = { h: rand(n, d), wq: rand(d, d), wk: rand(d, d), wv: rand(d, d) };
for (let t = 0; t < 3; t++) await backend.attention(input);
const times = [];
for (let t = 0; t < 15; t++) {
  const start = performance.now();
  await backend.attention(input);
  times.push(performance.now() - start);
}
const ms = times.sort((a, b) => a - b)[7];
console.log(`backend.attention n = ${n}, d = ${d}: ${ms.toFixed(2)} ms, ${((4 * n * n * d + 6 * n * d * d) / ms / 1e6).toFixed(1)} GFLOP/s`);
await backend.dispose();
