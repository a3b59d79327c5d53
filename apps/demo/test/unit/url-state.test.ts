import { describe, expect, it } from 'vitest';
import type { DemoState } from '../../src/state/url-state.ts';
import { DEFAULT_STATE, MAX_RANK, parseState, serializeState } from '../../src/state/url-state.ts';

describe('parseState', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseState('')).toEqual(DEFAULT_STATE);
  });
  it('reads every parameter', () => {
    const s = parseState('?backend=webgpu&corpus=brown&source=browser&text=a+b&transform=raw&direction=backward&positional=kernel&causal=1&d=8&heads=2&disable=webgpu,onnx&fail=js');
    expect(s).toEqual({
      backend: 'webgpu',
      corpus: 'brown',
      source: 'browser',
      text: 'a b',
      transform: 'raw',
      direction: 'backward',
      positional: 'kernel',
      causal: true,
      rank: 8,
      heads: 2,
      disable: ['webgpu', 'onnx'],
      fail: ['js'],
    });
  });
  it('falls back to defaults for malformed values', () => {
    const s = parseState(`?backend=<script>&transform=cubic&direction=up&d=${MAX_RANK + 1}&heads=-1&causal=maybe&source=cloud`);
    expect(s.backend).toBe(DEFAULT_STATE.backend);
    expect(s.transform).toBe(DEFAULT_STATE.transform);
    expect(s.direction).toBe(DEFAULT_STATE.direction);
    expect(s.rank).toBe(DEFAULT_STATE.rank);
    expect(s.heads).toBe(DEFAULT_STATE.heads);
    expect(s.causal).toBe(false);
    expect(s.source).toBe('file');
  });
  it('clamps heads to d', () => {
    expect(parseState('?d=3&heads=8').heads).toBe(3);
  });
  it('lower-cases backend names and drops invalid ones from the fault lists', () => {
    const s = parseState('?backend=WebGPU&disable=WEBGPU,,bad name,js,js');
    expect(s.backend).toBe('webgpu');
    expect(s.disable).toEqual(['webgpu', 'js']);
  });
  it('keeps an empty text (the page then asks for a sentence)', () => {
    expect(parseState('?text=').text).toBe('');
  });
});

describe('serializeState', () => {
  it('writes nothing for the defaults', () => {
    expect(serializeState(DEFAULT_STATE)).toBe('');
  });
  it('round-trips through parseState', () => {
    const states: DemoState[] = [
      { ...DEFAULT_STATE, backend: 'onnx', text: 'über & co = 100%', causal: true },
      { ...DEFAULT_STATE, corpus: 'brown', transform: 'log', direction: 'forward', positional: 'offset', rank: 5, heads: 5, source: 'browser' },
      { ...DEFAULT_STATE, disable: ['webgpu'], fail: ['onnx', 'js'], text: '' },
    ];
    for (const s of states) expect(parseState(serializeState(s))).toEqual(s);
  });
});
