import { open } from 'node:fs/promises';
import type { LineScanner } from './line-scanner.ts';

/** A byte range of one input file that starts at a line start and ends after a '\n' or at the end. */
export interface Segment {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

const CHUNK = 8 * 1024 * 1024;

/**
 * Feeds the lines of `segment` to `scanner`, 8 MiB at a time, never holding more than a chunk (plus
 * one line longer than a chunk, should there be one). `onBytes` reports progress after every chunk;
 * `signal` is checked between chunks.
 */
export async function scanSegment(
  segment: Segment,
  scanner: LineScanner,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const file = await open(segment.path, 'r');
  try {
    let buffer = new Uint8Array(CHUNK);
    let carry = 0;
    let position = segment.start;
    while (position < segment.end) {
      signal?.throwIfAborted();
      if (carry === buffer.length) {
        const bigger = new Uint8Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      const want = Math.min(buffer.length - carry, segment.end - position);
      const { bytesRead } = await file.read(buffer, carry, want, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const filled = carry + bytesRead;
      const last = position >= segment.end ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      scanner.scan(buffer, 0, last);
      buffer.copyWithin(0, last, filled);
      carry = filled - last;
      onBytes(bytesRead);
    }
    if (carry > 0) scanner.scan(buffer, 0, carry);
  } finally {
    await file.close();
  }
}

/**
 * Splits a file of `size` bytes into up to `parts` segments at line starts (a part that would start
 * inside a line starts after its '\n'), so that threads never split a document.
 */
export async function splitAtLines(path: string, size: number, parts: number): Promise<Segment[]> {
  const cuts = [0];
  const file = await open(path, 'r');
  try {
    const probe = new Uint8Array(64 * 1024);
    for (let i = 1; i < parts; i++) {
      let at = Math.max(cuts[cuts.length - 1]!, Math.floor((size * i) / parts) - 1);
      let cut = size;
      while (at < size) {
        const { bytesRead } = await file.read(probe, 0, probe.length, at);
        if (bytesRead === 0) break;
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) {
          cut = at + nl + 1;
          break;
        }
        at += bytesRead;
      }
      cuts.push(cut);
    }
  } finally {
    await file.close();
  }
  cuts.push(size);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i + 1]! > cuts[i]!) segments.push({ path, start: cuts[i]!, end: cuts[i + 1]! });
  }
  return segments;
}
