import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const main = new URL('../src/main.mjs', import.meta.url).pathname;

describe('the example (the README main command)', () => {
  it('projects the default sentence over the sample text and prints M and E', () => {
    const out = execFileSync('node', [main], { encoding: 'utf8' });
    expect(out).toMatch(/^backend: js; corpus: \d+ tokens, \d+ words/);
    expect(out).toContain('M = Q S Qᵀ (PPMI):');
    // The diagonal of M reads S_aa = 0 for words that never repeat within the window.
    expect(out).toMatch(/\n\s+river\s+[\d.]+\s+0\.00/);
    expect(out).toMatch(/top 5 words of E = M \(Q S\), per position:\n\s+the\s+\w+ [\d.]+,/);
  });

  it('says clearly when no word of the sentence is known, and exits non-zero', () => {
    const run = spawnSync('node', [main, 'zyzzyva quux'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('none of the words of "zyzzyva quux" occur in the sample text');
    expect(run.stderr).not.toMatch(/at .*\.mjs:\d+/);
  });
});
