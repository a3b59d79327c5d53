import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, positionLabels, truncateLabel, truncateTokens } from '../../src/render/truncate.ts';

describe('truncateTokens', () => {
  it('keeps short sequences whole, without a notice', () => {
    expect(truncateTokens([1, 2, 3], 5)).toEqual({ kept: [1, 2, 3], dropped: 0, notice: undefined });
  });
  it('cuts long sequences and says how much', () => {
    const t = truncateTokens(Array.from({ length: 80 }, (_, i) => i));
    expect(t.kept).toHaveLength(MAX_TOKENS);
    expect(t.kept[MAX_TOKENS - 1]).toBe(MAX_TOKENS - 1);
    expect(t.dropped).toBe(16);
    expect(t.notice).toBe('Showing the first 64 of 80 words; the last 16 are left out.');
  });
  it('uses the singular for one word cut', () => {
    expect(truncateTokens(['a', 'b', 'c'], 2).notice).toBe('Showing the first 2 of 3 words; the last 1 is left out.');
  });
  it('rejects a limit below 1', () => {
    expect(() => truncateTokens([1], 0)).toThrow(RangeError);
  });
});

describe('truncateLabel', () => {
  it('leaves short labels alone and ends long ones with an ellipsis', () => {
    expect(truncateLabel('bank', 12)).toBe('bank');
    expect(truncateLabel('internationalization', 12)).toBe('internation…');
    expect(Array.from(truncateLabel('internationalization', 12))).toHaveLength(12);
  });
  it('counts code points, never splitting a surrogate pair', () => {
    expect(truncateLabel('𝒜𝒜𝒜𝒜', 3)).toBe('𝒜𝒜…');
  });
});

describe('positionLabels', () => {
  it('numbers repeated words from their second occurrence', () => {
    expect(positionLabels(['the', 'bank', 'the', 'bank', 'the'])).toEqual(['the', 'bank', 'the#2', 'bank#2', 'the#3']);
  });
});
