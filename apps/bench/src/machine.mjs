import os from 'node:os';

/**
 * One line naming the machine a run was measured on: CPU model, logical cores, memory, Node and V8.
 */
export function describeMachine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${cpus.length} logical cores, ${memGiB} GiB, ${os.platform()}-${os.arch()}, Node ${process.version} (V8 ${process.versions.v8})`;
}

/**
 * The 1, 5 and 15 minute load averages: on a shared machine, a load above the core count means the
 * timings below were taken under contention.
 */
export function describeLoad() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}
