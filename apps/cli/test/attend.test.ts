import { decodeCooccurrence, factorSymmetric, transform } from '@dproj/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eigenpairGroups } from '../src/project/heads.ts';
import { coocBytes, run, tempDir, writeFixture } from './cli-fixture.ts';

interface AttendJson {
  backend: string;
  tokens: string[];
  factorization: 'symmetric' | 'directional';
  rank: number;
  heads: number;
  causal: boolean;
  operatorError: number;
  relativeError: number | null;
  weights: number[][][];
}

let dir: string;
let cleanup: () => Promise<void>;
let symmetricPath: string;
let forwardPath: string;
let V: number;
let decoded: ReturnType<typeof decodeCooccurrence>;
const SENTENCE = 'the cat sat on the mat';

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const bytes = await coocBytes();
  decoded = decodeCooccurrence(bytes);
  V = decoded.vocab.size;
  symmetricPath = await writeFixture(dir, 'sym.dpco', bytes);
  forwardPath = await writeFixture(dir, 'fwd.dpco', await coocBytes({ direction: 'forward' }));
});
afterAll(() => cleanup());

async function attend(args: readonly string[]): Promise<AttendJson> {
  const r = await run(['attend', '--backend', 'js', '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as AttendJson;
}

async function projectM(args: readonly string[]): Promise<number[][]> {
  const r = await run(['project', '--backend', 'js', '--json', ...args]);
  return (JSON.parse(r.stdout) as { M: number[][] }).M;
}

const softmaxRow = (row: readonly number[]): number[] => {
  const top = Math.max(...row);
  const e = row.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

function expectRowsSumToOne(weights: readonly (readonly number[])[]): void {
  for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
}

describe('dproj attend', () => {
  it('reproduces M at full rank: relative error ≈ 0 and weights = softmax(M)', async () => {
    const out = await attend(['--cooc', symmetricPath, '--text', SENTENCE, '--dim', String(V)]);
    expect(out).toMatchObject({ backend: 'js', factorization: 'symmetric', heads: 1, causal: false });
    expect(out.tokens).toEqual(SENTENCE.split(' '));
    expect(out.relativeError).not.toBeNull();
    expect(out.relativeError!).toBeLessThan(1e-5);
    expect(out.operatorError).toBeLessThan(1e-5);
    const M = await projectM(['--cooc', symmetricPath, '--text', SENTENCE]);
    out.weights[0]!.forEach((row, i) => {
      const expected = softmaxRow(M[i]!);
      row.forEach((w, j) => {
        expect(w).toBeCloseTo(expected[j]!, 4);
      });
    });
  });

  it('reports the truncation error, which shrinks as the rank grows', async () => {
    const errors: number[] = [];
    for (const d of [1, 3, V]) {
      const out = await attend(['--cooc', symmetricPath, '--text', SENTENCE, '--dim', String(d)]);
      expectRowsSumToOne(out.weights[0]!);
      errors.push(out.relativeError!);
      const f = factorSymmetric(decoded.result.matrix, { rank: d });
      expect(out.rank).toBe(f.rank);
      expect(out.operatorError).toBeCloseTo(f.relativeError, 5);
    }
    expect(errors[0]!).toBeGreaterThan(errors[1]!);
    expect(errors[1]!).toBeGreaterThan(errors[2]!);
    expect(errors[0]!).toBeGreaterThan(0.05);
  });

  it('masks keys after each query with --causal', async () => {
    const out = await attend(['--cooc', symmetricPath, '--text', SENTENCE, '--dim', '4', '--causal']);
    expect(out.causal).toBe(true);
    const weights = out.weights[0]!;
    expectRowsSumToOne(weights);
    weights.forEach((row, i) => {
      row.forEach((w, j) => {
        if (j > i) expect(w).toBe(0);
      });
    });
    expect(weights[0]![0]).toBeCloseTo(1, 6);
  });

  it('splits the eigenpairs into --heads heads whose scores add up to M', async () => {
    const out = await attend(['--cooc', symmetricPath, '--text', SENTENCE, '--dim', String(V), '--heads', '3', '--transform', 'ppmi']);
    expect(out.heads).toBe(3);
    expect(out.weights).toHaveLength(3);
    for (const w of out.weights) expectRowsSumToOne(w);
    expect(out.relativeError!).toBeLessThan(1e-5);
    expect(out.weights[0]).not.toEqual(out.weights[1]);
    const f = factorSymmetric(transform(decoded.result.matrix, { kind: 'ppmi' }), { rank: V });
    expect(out.rank).toBe(f.rank);
  });

  it('factorizes a forward file by SVD, forward or backward', async () => {
    const words = ['--text', SENTENCE, '--dim', String(V)];
    const fwd = await attend(['--cooc', forwardPath, ...words]);
    const bwd = await attend(['--cooc', forwardPath, ...words, '--direction', 'backward']);
    expect(fwd.factorization).toBe('directional');
    expect(fwd.relativeError!).toBeLessThan(1e-5);
    expect(bwd.relativeError!).toBeLessThan(1e-5);
    expect(fwd.weights[0]).not.toEqual(bwd.weights[0]);
  });

  it('says when M = 0 (no two words co-occur) instead of dividing by zero', async () => {
    const out = await attend(['--cooc', symmetricPath, '--text', 'mat log', '--dim', '3']);
    expect(out.relativeError).toBeNull();
    const r = await run(['attend', '--backend', 'js', '--cooc', symmetricPath, '--text', 'mat log', '--dim', '3']);
    expect(r.stdout).toContain('relative error to M: undefined (M = 0: no two words of the sentence co-occur)');
  });

  it('prints the factorization, the error and the weights table as text', async () => {
    const r = await run(['attend', '--backend', 'js', '--cooc', symmetricPath, '--text', 'the cat sat', '--dim', '2', '--causal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^factorization: S ≈ W J Wᵀ, rank 2 \(asked 2\), ‖S − W J Wᵀ‖_F \/ ‖S‖_F = \d\.\d+$/m);
    expect(r.stdout).toMatch(/^relative error to M: ‖M − H W_Q W_Kᵀ Hᵀ‖_F \/ ‖M‖_F = \d\.\d+$/m);
    expect(r.stdout).toContain('attention weights (causal), rows sum to 1');
    expect(r.stdout).toMatch(/^the +1\.00 +0 +0$/m);
  });

  it('refuses bad --dim, --heads and --direction (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--cooc', symmetricPath], /missing required option --dim/],
      [['--cooc', symmetricPath, '--dim', '0'], /--dim must be an integer ≥ 1, got 0/],
      [['--cooc', symmetricPath, '--dim', '2', '--heads', '3'], /--heads 3 is more than --dim 2/],
      [['--cooc', forwardPath, '--dim', '2', '--heads', '2'], /--heads > 1 needs a symmetric operator/],
      // S has rank ≤ V, so asking for V + 2 heads at --dim V + 5 passes the first check but not the second.
      [['--cooc', symmetricPath, '--dim', String(V + 5), '--heads', String(V + 2)], /is more than the \d+ eigenpairs the factorization kept/],
      [['--cooc', forwardPath, '--dim', '2', '--direction', 'symmetric'], /--direction must be one of forward, backward/],
      [['--cooc', symmetricPath, '--dim', '2', '--direction', 'forward'], /--direction needs a forward co-occurrence file/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['attend', '--text', SENTENCE, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('eigenpairGroups', () => {
  it('splits d pairs into h contiguous groups differing in size by at most one', () => {
    expect(eigenpairGroups(7, 3)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(eigenpairGroups(2, 2)).toEqual([[0], [1]]);
    expect(() => eigenpairGroups(2, 3)).toThrow(/--heads 3 is more than the 2 eigenpairs/);
  });
});
