import { describe, expect, it } from 'vitest';
import { formatReport } from '../src/format-report.mjs';

describe('formatReport', () => {
  it('labels M by token and lists E’s top words per position', () => {
    const vocab = { size: 2, words: ['bank', 'river'], idOf: (w: string) => ['bank', 'river'].indexOf(w) };
    const text = formatReport({
      backend: 'js',
      tokens: 10,
      vocab,
      ids: Uint32Array.of(1, 0),
      m: { rows: 2, cols: 2, data: Float32Array.of(0, 1.5, 1.5, 0) },
      topk: { k: 1, ids: Uint32Array.of(0, 1), scores: Float32Array.of(2.25, 2.25) },
    });
    expect(text).toContain('backend: js; corpus: 10 tokens, 2 words');
    expect(text).toMatch(/river\s+0\.00\s+1\.50/);
    expect(text).toMatch(/bank\s+1\.50\s+0\.00/);
    expect(text).toMatch(/river\s+bank 2\.25/);
  });
});
