/**
 * Command-line options of `pnpm bench`.
 * @typedef {object} BenchArgs
 * @property {'full' | 'quick'} preset `--quick`: tiny sizes, 2 runs
 * @property {number} runs `--runs N` timed runs per case (median reported); default 10, 2 with --quick
 * @property {number} warmup untimed runs after the checked one; 2, or 1 with --quick
 * @property {string | undefined} json `--json FILE`: also write the rows as JSON
 * @property {string[] | undefined} only `--only k1,k2`: run only these implementation keys
 * @property {string[] | undefined} workloads `--workloads matmul,mha`: run only these workloads
 */

/**
 * @param {readonly string[]} argv arguments after the script name
 * @returns {BenchArgs}
 */
export function parseArgs(argv) {
  const value = (flag) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const quick = argv.includes('--quick');
  const runs = value('--runs') === undefined ? (quick ? 2 : 10) : Number(value('--runs'));
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${value('--runs')}`);
  return {
    preset: quick ? 'quick' : 'full',
    runs,
    warmup: quick ? 1 : 2,
    json: value('--json'),
    only: value('--only')?.split(','),
    workloads: value('--workloads')?.split(','),
  };
}
