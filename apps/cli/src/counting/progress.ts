import type { CountPhase, CountProgress } from './count-cooccurrence.ts';

/** How often a terminal bar is redrawn, and how often a plain line is printed when not a terminal. */
const TTY_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 5000;
const BAR_WIDTH = 24;

/** MiB/s of input read. */
function rate(bytes: number, ms: number): string {
  return `${((bytes / 1024 / 1024) * (1000 / Math.max(ms, 1))).toFixed(1)} MiB/s`;
}

/**
 * Progress of `dproj count` on stderr: on a terminal one bar line redrawn in place (phase, percent,
 * tokens so far, tokens/s); elsewhere a plain line every few seconds. In the pair pass tokens are
 * estimated from bytes with the tokens per byte the vocabulary pass measured; before, the rate is MiB/s.
 */
export class ProgressReporter {
  private phase: CountPhase | undefined;
  private phaseStart = Date.now();
  private lastDraw = 0;
  private drewBar = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly isTTY: boolean,
  ) {}

  /** Reports progress; draws only when the interval has passed or the phase changed. */
  update(progress: CountProgress): void {
    const now = Date.now();
    const changed = progress.phase !== this.phase;
    if (changed) {
      this.phase = progress.phase;
      this.phaseStart = now;
    }
    if (!changed && now - this.lastDraw < (this.isTTY ? TTY_INTERVAL_MS : LINE_INTERVAL_MS)) return;
    this.lastDraw = now;
    const fraction = progress.total > 0 ? Math.min(1, progress.bytes / progress.total) : 1;
    const ms = now - this.phaseStart;
    const perByte = progress.tokensPerByte;
    const tokens = perByte > 0 ? ` ~${Math.round(progress.bytes * perByte).toLocaleString('en-US')} tokens` : '';
    // A rate over the first few milliseconds of a phase says nothing.
    const speed =
      ms < 500 || progress.phase === 'merge'
        ? ''
        : perByte > 0
          ? ` ${Math.round((progress.bytes * perByte * 1000) / ms).toLocaleString('en-US')} tokens/s`
          : ` ${rate(progress.bytes, ms)}`;
    const percent = `${(fraction * 100).toFixed(0).padStart(3)}%`;
    if (this.isTTY) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
      this.stream.write(`\r\x1b[2Kcount ${progress.phase.padEnd(10)} ${bar} ${percent}${tokens}${speed}`);
      this.drewBar = true;
    } else {
      this.stream.write(`count: ${progress.phase} ${percent}${tokens}${speed}\n`);
    }
  }

  /** Ends the bar line (terminal only), so that what follows starts on a fresh line. */
  done(): void {
    if (this.drewBar) this.stream.write('\r\x1b[2K');
    this.drewBar = false;
  }
}
