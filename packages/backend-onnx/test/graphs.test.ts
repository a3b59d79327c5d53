import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildAttentionGraph } from '../src/graphs/attention-graph.ts';
import { buildCooccurrenceGraph } from '../src/graphs/cooccurrence-graph.ts';
import { GraphBuilder } from '../src/graphs/graph-builder.ts';
import type { ProjectionGraphKey } from '../src/graphs/projection-graph.ts';
import { buildProjectionGraph } from '../src/graphs/projection-graph.ts';

async function accepted(model: Uint8Array): Promise<readonly string[]> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const names = session.inputNames;
  await session.release();
  return names;
}

function projectionKeys(): ProjectionGraphKey[] {
  const keys: ProjectionGraphKey[] = [];
  for (const operator of ['dense', 'sparse'] as const)
    for (const x of ['tokens', 'soft'] as const)
      for (const y of ['tokens', 'soft'] as const)
        for (const direction of ['forward', 'backward', 'symmetric'] as const)
          for (const positional of ['none', 'kernel', 'offset'] as const)
            for (const predict of ['none', 'dense', 'topk'] as const) {
              // The offset refinement reads token ids of a self projection.
              if (positional === 'offset' && (x !== 'tokens' || y !== 'tokens')) continue;
              keys.push({ operator, x, y, direction, positional, predict });
            }
  return keys;
}

describe('graph builders', () => {
  it('encode a model onnxruntime runs, with symbolic dimensions', async () => {
    const g = new GraphBuilder('add-one');
    g.output('y', g.op('Add', [g.input('x', 'float', ['n']), g.float(1)]), 'float', ['n']);
    const session = await ort.InferenceSession.create(g.build(), { executionProviders: ['wasm'] });
    for (const n of [1, 5, 33]) {
      const out = await session.run({ x: new ort.Tensor('float32', new Float32Array(n).fill(2), [n]) });
      expect(Array.from(out.y.data as Float32Array)).toEqual(new Array(n).fill(3));
    }
    await session.release();
  });

  it('attention: every head count, mask and weights variant is accepted', async () => {
    for (const heads of [0, 1, 3])
      for (const mask of ['none', 'causal', 'keep', 'bias'] as const)
        for (const weights of [false, true]) {
          const names = await accepted(buildAttentionGraph({ heads, mask, weights }));
          expect(names).toContain('h');
          expect(names.includes('wo')).toBe(heads > 0);
          expect(names.includes('keep')).toBe(mask === 'keep');
        }
  });

  it('projection: every operator, selector, direction, refinement and prediction variant is accepted', async () => {
    const keys = projectionKeys();
    expect(keys.length).toBe(162);
    for (const key of keys) {
      const names = await accepted(buildProjectionGraph(key));
      expect(names.includes('k'), JSON.stringify(key)).toBe(key.predict === 'topk');
      // M from offset counts alone never reads S.
      const readsS = key.positional !== 'offset' || key.predict !== 'none';
      expect(names.includes('rt'), JSON.stringify(key)).toBe(readsS && key.operator === 'sparse' && key.direction !== 'forward');
      expect(names.includes('s'), JSON.stringify(key)).toBe(readsS && key.operator === 'dense');
    }
  });

  it('co-occurrence: both directions, with and without the diagonal, are accepted', async () => {
    for (const direction of ['symmetric', 'forward'] as const)
      for (const zeroDiagonal of [false, true]) expect(await accepted(buildCooccurrenceGraph({ direction, zeroDiagonal }))).toContain('x');
  });
});
