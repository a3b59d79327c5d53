/** The most tokens the page projects: beyond it heatmaps stop being readable and E gets slow. */
export const MAX_TOKENS = 64;

/** What is left of a sequence after truncation, and what to tell the visitor. */
export interface Truncation<T> {
  readonly kept: readonly T[];
  /** How many items were cut off the end. */
  readonly dropped: number;
  /** A sentence for the page when something was cut; undefined otherwise. */
  readonly notice: string | undefined;
}

/**
 * Keeps the first `limit` items (limit ≥ 1) and says how many were cut: "Showing the first 64 of 80
 * words; the last 16 are left out." The notice is undefined when nothing was cut.
 */
export function truncateTokens<T>(items: readonly T[], limit: number = MAX_TOKENS): Truncation<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`truncateTokens: limit must be an integer ≥ 1, got ${limit}`);
  if (items.length <= limit) return { kept: items, dropped: 0, notice: undefined };
  const dropped = items.length - limit;
  return {
    kept: items.slice(0, limit),
    dropped,
    notice: `Showing the first ${limit} of ${items.length} words; the last ${dropped} ${dropped === 1 ? 'is' : 'are'} left out.`,
  };
}

/**
 * A label at most `maxChars` characters long (maxChars ≥ 2): longer ones keep their first
 * maxChars − 1 characters and end with "…". Counts code points, so a label never ends in half a
 * surrogate pair.
 */
export function truncateLabel(label: string, maxChars = 12): string {
  if (!Number.isInteger(maxChars) || maxChars < 2) throw new RangeError(`truncateLabel: maxChars must be an integer ≥ 2, got ${maxChars}`);
  const chars = Array.from(label);
  return chars.length <= maxChars ? label : `${chars.slice(0, maxChars - 1).join('')}…`;
}

/**
 * Labels for the positions of a sequence: the word, and "word#k" from a word's second occurrence on,
 * so repeated words (a homograph used twice) stay distinguishable on heatmap axes.
 */
export function positionLabels(words: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return words.map((w) => {
    const k = (seen.get(w) ?? 0) + 1;
    seen.set(w, k);
    return k === 1 ? w : `${w}#${k}`;
  });
}
