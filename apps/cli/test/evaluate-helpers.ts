import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../src/commands/command.ts';

/** An Io whose stdout and stderr are collected into strings. */
export function captureIo(): { io: Io; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        done();
      },
    });
  return {
    io: { stdout: sink(out), stderr: sink(err), stdin: new PassThrough(), isTTY: false },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/**
 * Checks that `text` is well-formed XML of the kind the SVG writer emits (elements, quoted attributes,
 * text, the five predefined entities) and returns the root element's name; throws naming the first
 * problem. No XML parser is installed, and a full one is not needed to catch an unbalanced or
 * unescaped document.
 */
export function wellFormedXmlRoot(text: string): string {
  const token = /<\/?([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:lt|gt|amp|apos|quot);)/g;
  const open: string[] = [];
  let root: string | undefined;
  for (const match of text.matchAll(token)) {
    const [whole, name, , selfClosing] = match;
    if (name === undefined) throw new Error(`stray '${whole}' at ${match.index}: ${text.slice(match.index, match.index + 40)}`);
    if (whole.startsWith('</')) {
      const top = open.pop();
      if (top !== name) throw new Error(`</${name}> closes <${top}> at ${match.index}`);
      continue;
    }
    if (open.length === 0) {
      if (root !== undefined) throw new Error(`a second root element <${name}>`);
      root = name;
    }
    if (selfClosing !== '/') open.push(name);
  }
  if (root === undefined) throw new Error('no element');
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  const outside = text.replace(/<[\s\S]*>/, '').trim();
  if (outside !== '') throw new Error(`text outside the root: ${outside.slice(0, 40)}`);
  return root;
}
