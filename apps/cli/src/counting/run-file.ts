import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { SortedEntries } from './pair-table.ts';

/** A run record: row u32, col u32, value f64, little-endian: 16 bytes. */
const RECORD = 16;
const BLOCK_RECORDS = 1 << 16;

/** Writes sorted entries as one run file (synchronously: the counter waits for its memory anyway). */
export function writeRun(path: string, entries: SortedEntries): void {
  const fd = openSync(path, 'w');
  try {
    const block = Buffer.allocUnsafe(BLOCK_RECORDS * RECORD);
    for (let from = 0; from < entries.length; from += BLOCK_RECORDS) {
      const to = Math.min(entries.length, from + BLOCK_RECORDS);
      for (let i = from, o = 0; i < to; i++, o += RECORD) {
        block.writeUInt32LE(entries.rows[i]!, o);
        block.writeUInt32LE(entries.cols[i]!, o + 4);
        block.writeDoubleLE(entries.vals[i]!, o + 8);
      }
      const bytes = (to - from) * RECORD;
      let written = 0;
      while (written < bytes) written += writeSync(fd, block, written, bytes - written);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a run record by record (for merging runs into a run), a block at a time. */
export class RunWriter {
  private readonly fd: number;
  private readonly block = Buffer.allocUnsafe(BLOCK_RECORDS * RECORD);
  private at = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  push(row: number, col: number, val: number): void {
    this.block.writeUInt32LE(row, this.at);
    this.block.writeUInt32LE(col, this.at + 4);
    this.block.writeDoubleLE(val, this.at + 8);
    this.at += RECORD;
    if (this.at === this.block.length) this.flush();
  }

  private flush(): void {
    let written = 0;
    while (written < this.at) written += writeSync(this.fd, this.block, written, this.at - written);
    this.at = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Deletes a run file that has been merged into another. */
export function removeRun(path: string): void {
  rmSync(path, { force: true });
}

/** A stream of entries in (row, col) order: `next()` moves to the next one, false at the end. */
export interface EntrySource {
  row: number;
  col: number;
  val: number;
  next(): boolean;
}

/** The smallest read block of a run: below it, reads get too many for the disk. */
const MIN_READ_BYTES = 64 * 1024;

/**
 * The read block for each of `runs` runs merged within `memory` bytes: an equal share, between
 * 64 KiB and 1 MiB (so 400 runs of a 16 MiB budget read 64 KiB at a time, not 400 MiB in all).
 */
export function readBlockBytes(memory: number, runs: number): number {
  const share = Math.floor(memory / Math.max(runs, 1) / RECORD) * RECORD;
  return Math.max(MIN_READ_BYTES, Math.min(BLOCK_RECORDS * RECORD, share));
}

/** Reads a run file a block at a time, so merging k runs holds k blocks, not the runs. */
export class RunReader implements EntrySource {
  row = 0;
  col = 0;
  val = 0;
  private readonly fd: number;
  private readonly block: Buffer;
  private filled = 0;
  private at = 0;
  private position = 0;
  private closed = false;

  constructor(path: string, blockBytes = BLOCK_RECORDS * RECORD) {
    this.fd = openSync(path, 'r');
    this.block = Buffer.allocUnsafe(blockBytes);
  }

  next(): boolean {
    if (this.at + RECORD > this.filled) {
      if (this.closed) return false;
      this.filled = readSync(this.fd, this.block, 0, this.block.length, this.position);
      this.position += this.filled;
      this.at = 0;
      if (this.filled < RECORD) {
        this.close();
        return false;
      }
    }
    this.row = this.block.readUInt32LE(this.at);
    this.col = this.block.readUInt32LE(this.at + 4);
    this.val = this.block.readDoubleLE(this.at + 8);
    this.at += RECORD;
    return true;
  }

  /** Releases the file (done at the end of the run, or by the caller on failure). */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
  }
}

/** Sorted entries held in memory (a counter's last, unspilled table) as a source. */
export class ArraySource implements EntrySource {
  row = 0;
  col = 0;
  val = 0;
  private i = 0;

  constructor(private readonly entries: SortedEntries) {}

  next(): boolean {
    const e = this.entries;
    if (this.i >= e.length) return false;
    this.row = e.rows[this.i]!;
    this.col = e.cols[this.i]!;
    this.val = e.vals[this.i++]!;
    return true;
  }
}
