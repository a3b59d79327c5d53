// Runs in the scratch project against the installed tarballs: the first steps a user takes.
import { jsBackend } from '@dproj/backend-js';
import { createEngine, DprojError, toyCorpus, toRows } from '@dproj/core';

const engine = await createEngine({ backends: [jsBackend()] });
const corpus = toyCorpus();
const { matrix: s } = await engine.cooccurrence(corpus, { window: 2 });
const { m } = await engine.projection({ s, tokens: [0, 1, 2] });
let error = 'none';
try {
  await engine.projection({ s, tokens: [0, 99] });
} catch (e) {
  error = DprojError.isInstance(e) ? e.name : 'foreign';
}
await engine.dispose();
console.log(JSON.stringify({ backend: engine.resolution.chosen, m: toRows(m), error }));
