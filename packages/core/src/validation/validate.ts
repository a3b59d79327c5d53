import type { OpInputs } from '../types/backend.ts';
import type { OpName } from '../types/operators.ts';
import { validateAttention, validateMultiHead } from './validate-attention.ts';
import { validateCooccurrence } from './validate-cooccurrence.ts';
import { validateProjection } from './validate-projection.ts';

/**
 * Validates any operator's input, throwing the typed error (ShapeError, ValueError) the engine would
 * throw. The engine calls this once before dispatch, so backends may assume valid input.
 */
export function validateInput<K extends OpName>(op: K, input: OpInputs[K]): void {
  switch (op) {
    case 'cooccurrence': {
      const { corpus, options } = input as OpInputs['cooccurrence'];
      validateCooccurrence(corpus, options);
      return;
    }
    case 'projection':
      validateProjection(input as OpInputs['projection']);
      return;
    case 'attention':
      validateAttention(input as OpInputs['attention']);
      return;
    case 'multiHead':
      validateMultiHead(input as OpInputs['multiHead']);
      return;
    default:
      throw new TypeError(`unknown operator ${String(op)}`);
  }
}
