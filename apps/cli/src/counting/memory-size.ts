import { ValueError } from '@dproj/core';

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** The smallest budget accepted: some ten thousand pairs, enough to count (slowly, with many runs). */
export const MIN_MEMORY_BYTES = 1024 * 1024;

/**
 * Bytes of a memory size such as "1GiB", "512MiB", "64KiB" or "1048576". Units are binary (KB and
 * KiB both mean 1024 bytes, as for RAM) and case-insensitive. Throws `ValueError` for anything else or
 * for less than `MIN_MEMORY_BYTES`.
 */
export function parseMemorySize(text: string, option = '--memory'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  if (match === null || unit === undefined) {
    throw new ValueError(`${option} must be a size such as 1GiB, 512MiB or 64MiB, got '${text}'`);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < MIN_MEMORY_BYTES) throw new ValueError(`${option} must be at least 1MiB, got '${text}'`);
  return bytes;
}

/** "1.0 GiB", "12.3 MiB": a byte count for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
