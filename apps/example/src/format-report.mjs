/**
 * Formats the example's output: M = Q S Qᵀ as a table with token labels, and the top-k words of
 * each row of E = M (Q S).
 * @param {{ backend: string, tokens: number, vocab: import('@dproj/core').Vocabulary, ids: Uint32Array,
 *   m: import('@dproj/core').Matrix, topk: import('@dproj/core').TopK }} report
 * @returns {string}
 */
export function formatReport({ backend, tokens, vocab, ids, m, topk }) {
  const words = Array.from(ids, (id) => vocab.words[id]);
  const width = Math.max(6, ...words.map((w) => w.length));
  const cell = (text) => String(text).padStart(width);
  const lines = [`backend: ${backend}; corpus: ${tokens} tokens, ${vocab.size} words`, '', 'M = Q S Qᵀ (PPMI):'];
  lines.push(`${cell('')} ${words.map(cell).join(' ')}`);
  for (let i = 0; i < m.rows; i++) {
    const row = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (v) => cell(v.toFixed(2)));
    lines.push(`${cell(words[i])} ${row.join(' ')}`);
  }
  lines.push('', `top ${topk.k} words of E = M (Q S), per position:`);
  for (let i = 0; i < words.length; i++) {
    const best = [];
    for (let r = 0; r < topk.k; r++) {
      const p = i * topk.k + r;
      best.push(`${vocab.words[topk.ids[p]]} ${topk.scores[p].toFixed(2)}`);
    }
    lines.push(`${cell(words[i])}  ${best.join(', ')}`);
  }
  return lines.join('\n');
}
