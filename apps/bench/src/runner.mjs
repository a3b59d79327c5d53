import { medianMs } from './timing.mjs';

/**
 * One implementation's way of running one case: `run` maps the case's input to its output, from host
 * arrays to host arrays; whatever `prepare` did (a session, a resident operator) is outside timing.
 * @typedef {object} Prepared
 * @property {() => Promise<import('./workloads/case.mjs').CaseOutput>} run
 * @property {() => Promise<void> | void} [release]
 */

/**
 * An implementation under test: a dproj backend or a peer.
 * @typedef {object} Adapter
 * @property {string} impl `dproj-<name>` or the peer's package name
 * @property {number} threads threads it computes with
 * @property {(workload: import('./workloads/case.mjs').Workload) => string | undefined} unsupported
 *   why it cannot run a workload, or undefined when it can
 * @property {(workload: import('./workloads/case.mjs').Workload, input: import('./workloads/case.mjs').CaseInput) => Promise<Prepared>} prepare
 * @property {() => Promise<void>} dispose
 * @property {unknown} [backend] the dproj backend object behind a dproj adapter (for reports)
 */

/**
 * A result row (the `--json` shape). `medianMs` and `gflops` are null for a wrong answer, which is
 * never timed; `tokensPerSec` is set for co-occurrence only.
 * @typedef {object} Row
 * @property {import('./workloads/case.mjs').Workload} workload
 * @property {string} size
 * @property {string} impl
 * @property {number} threads
 * @property {number | null} medianMs
 * @property {number | null} gflops
 * @property {number} maxAbsErr
 * @property {number} [tokensPerSec]
 * @property {boolean} [wrong]
 */

/**
 * A case an implementation did not run, and why.
 * @typedef {{ workload: string, size: string, impl: string, threads: number, reason: string }} Note
 */

/**
 * Runs one case on one implementation: one untimed run checked against the oracle, then — only if it
 * passed — `warmup` more untimed runs and the median of `runs` timed ones.
 * @param {Adapter} adapter
 * @param {import('./workloads/case.mjs').BenchCase} benchCase
 * @param {{ warmup: number, runs: number }} timing
 * @returns {Promise<{ row: Row } | { note: Note }>}
 */
export async function runCase(adapter, benchCase, timing) {
  const { workload, size } = benchCase;
  const who = { workload, size, impl: adapter.impl, threads: adapter.threads };
  const reason = adapter.unsupported(workload);
  if (reason !== undefined) return { note: { ...who, reason } };
  /** @type {Prepared | undefined} */
  let prepared;
  try {
    const loaded = await benchCase.load();
    prepared = await adapter.prepare(workload, loaded.input);
    const verdict = loaded.check(await prepared.run());
    if (!verdict.ok) {
      return { row: { ...who, medianMs: null, gflops: null, maxAbsErr: verdict.maxAbsErr, wrong: true } };
    }
    const ms = await medianMs(prepared.run, { warmup: timing.warmup, runs: timing.runs });
    return {
      row: {
        ...who,
        medianMs: ms,
        gflops: loaded.flops === null ? null : loaded.flops / ms / 1e6,
        maxAbsErr: verdict.maxAbsErr,
        ...(loaded.tokens === undefined ? {} : { tokensPerSec: loaded.tokens / (ms / 1000) }),
      },
    };
  } catch (error) {
    return { note: { ...who, reason: `failed: ${error instanceof Error ? error.message : String(error)}` } };
  } finally {
    await prepared?.release?.();
  }
}

/**
 * Runs every case on one implementation, in order.
 * @param {Adapter} adapter
 * @param {import('./workloads/case.mjs').BenchCase[]} cases
 * @param {{ warmup: number, runs: number }} timing
 * @param {(line: string) => void} [log] progress lines (stderr in the CLI)
 */
export async function runAll(adapter, cases, timing, log = () => {}) {
  /** @type {Row[]} */
  const rows = [];
  /** @type {Note[]} */
  const notes = [];
  for (const c of cases) {
    const result = await runCase(adapter, c, timing);
    if ('row' in result) {
      rows.push(result.row);
      const r = result.row;
      log(`${adapter.impl} (${adapter.threads}t) ${c.workload} ${c.size}: ${r.medianMs === null ? 'WRONG' : `${r.medianMs.toFixed(2)} ms`}`);
    } else notes.push(result.note);
  }
  return { rows, notes };
}
