import type { MemoryPlan } from './pair-counter.ts';
import type { Assignment, PairPart, RunPlace, VocabPart } from './passes.ts';
import type { PairSettings } from './settings.ts';

/** What a counting thread is started with. */
export interface WorkerStart {
  readonly work: Assignment;
  readonly lowercase: boolean;
}

/** The second instruction: count pairs over the same segments with this vocabulary. */
export interface WorkerPairs {
  readonly kind: 'pairs';
  readonly vocabulary: readonly string[];
  readonly settings: PairSettings;
  readonly plan: MemoryPlan;
  readonly place: RunPlace;
}

/** Messages from a counting thread. */
export type WorkerReport =
  | { readonly kind: 'bytes'; readonly bytes: number }
  | { readonly kind: 'spill' }
  | { readonly kind: 'vocab'; readonly part: VocabPart }
  | { readonly kind: 'pairs'; readonly part: PairPart }
  | { readonly kind: 'error'; readonly message: string };
