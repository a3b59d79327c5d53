/**
 * The shortest decimal that reads back as the same float32: for v = Math.fround(x), the first of
 * v.toPrecision(1..9) whose Math.fround is v (9 digits always suffice for float32). So JSON and text
 * vectors show 0.3 rather than 0.30000001192092896, and still round-trip exactly.
 */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const v = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(v);
}

/** The float32 value as the JSON number `float32Text` writes. */
export function float32Number(value: number): number {
  return Number(float32Text(value));
}
