/** Attributes and children of `el`. */
export type Child = Node | string;

/**
 * Creates an element with attributes (`class`, `data-*`, …; `undefined` values are skipped) and
 * children (strings become text nodes, never HTML).
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A table with a header row and body rows of cells (strings or nodes). */
export function table(doc: Document, header: readonly string[], rows: readonly (readonly Child[])[], attributes: Record<string, string | undefined> = {}): HTMLTableElement {
  const head = el(doc, 'thead', {}, el(doc, 'tr', {}, ...header.map((h) => el(doc, 'th', {}, h))));
  const body = el(doc, 'tbody', {}, ...rows.map((cells) => el(doc, 'tr', {}, ...cells.map((c) => el(doc, 'td', {}, c)))));
  return el(doc, 'table', attributes, head, body);
}

/** Milliseconds as text: "12.3 ms", "1.24 s". */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
