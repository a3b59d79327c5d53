/** The transforms the page offers: φ(S) as SPEC B.2.5 defines them (`log` is log(1 + S)). */
export const TRANSFORMS = ['raw', 'ppmi', 'log'] as const;
/** raw counts, positive PMI, or log(1 + S). */
export type DemoTransform = (typeof TRANSFORMS)[number];

/** symmetric S = F + Fᵀ, forward F ("b follows a"), or backward Fᵀ. */
export const DIRECTIONS = ['symmetric', 'forward', 'backward'] as const;
/** Which co-occurrence operator M is read from. */
export type DemoDirection = (typeof DIRECTIONS)[number];

/** Positional refinement of M: none, the distance kernel K ∘ M, or the corpus's offset counts. */
export const POSITIONALS = ['off', 'kernel', 'offset'] as const;
/** See `POSITIONALS`. `offset` needs C⁽ᵏ⁾, which only an in-browser count keeps. */
export type DemoPositional = (typeof POSITIONALS)[number];

/** Where S comes from: the precomputed file, or counted in the browser on the chosen backend. */
export const SOURCES = ['file', 'browser'] as const;
/** See `SOURCES`. */
export type DemoSource = (typeof SOURCES)[number];

/** Everything a visitor chooses; it round-trips through the page's URL. */
export interface DemoState {
  /** A backend name, or `auto` to let the engine choose by priority. */
  readonly backend: string;
  readonly corpus: string;
  readonly source: DemoSource;
  readonly text: string;
  readonly transform: DemoTransform;
  readonly direction: DemoDirection;
  readonly positional: DemoPositional;
  readonly causal: boolean;
  /** Number of kept components d of the factorization (1..MAX_RANK). */
  readonly rank: number;
  /** Number of attention heads h (1..rank). */
  readonly heads: number;
  /** Backends whose probe the page fails on purpose (to see the fallback). */
  readonly disable: readonly string[];
  /** Backends whose calls the page fails on purpose after creation (to see a mid-run failure). */
  readonly fail: readonly string[];
}

/** The largest factorization rank the page offers. */
export const MAX_RANK = 64;

/** The state of a fresh page. */
export const DEFAULT_STATE: DemoState = {
  backend: 'auto',
  corpus: 'sotu',
  source: 'file',
  text: 'the bank raised the interest rate on the loan',
  transform: 'ppmi',
  direction: 'symmetric',
  positional: 'off',
  causal: false,
  rank: 16,
  heads: 4,
  disable: [],
  fail: [],
};

const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function integerIn(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}

function names(value: string | null): string[] {
  if (value === null) return [];
  return [...new Set(value.split(',').map((s) => s.trim().toLowerCase()))].filter((s) => NAME.test(s));
}

/**
 * Reads the page state from a URL query (`?backend=webgpu&corpus=brown&text=…`). Every parameter is
 * optional; a missing or malformed one takes its value from `DEFAULT_STATE`, so any URL gives a valid
 * state. `heads` is clamped to `rank`. Backend names are not checked against the installed backends
 * here (the engine reports an unknown one).
 */
export function parseState(search: string): DemoState {
  const q = new URLSearchParams(search);
  const d = DEFAULT_STATE;
  const backend = q.get('backend')?.trim().toLowerCase() ?? '';
  const corpus = q.get('corpus')?.trim().toLowerCase() ?? '';
  const rank = integerIn(q.get('d'), 1, MAX_RANK, d.rank);
  const causal = q.get('causal');
  return {
    backend: NAME.test(backend) ? backend : d.backend,
    corpus: NAME.test(corpus) ? corpus : d.corpus,
    source: oneOf(SOURCES, q.get('source'), d.source),
    text: q.get('text') ?? d.text,
    transform: oneOf(TRANSFORMS, q.get('transform'), d.transform),
    direction: oneOf(DIRECTIONS, q.get('direction'), d.direction),
    positional: oneOf(POSITIONALS, q.get('positional'), d.positional),
    causal: causal === '1' || causal === 'true',
    rank,
    heads: Math.min(integerIn(q.get('heads'), 1, MAX_RANK, d.heads), rank),
    disable: names(q.get('disable')),
    fail: names(q.get('fail')),
  };
}

/**
 * Writes a state as a URL query (with the leading `?`), leaving out every value equal to its
 * default, so `parseState(serializeState(s))` equals `s` for every valid state and the default state
 * gives the empty string.
 */
export function serializeState(state: DemoState): string {
  const d = DEFAULT_STATE;
  const q = new URLSearchParams();
  if (state.backend !== d.backend) q.set('backend', state.backend);
  if (state.corpus !== d.corpus) q.set('corpus', state.corpus);
  if (state.source !== d.source) q.set('source', state.source);
  if (state.text !== d.text) q.set('text', state.text);
  if (state.transform !== d.transform) q.set('transform', state.transform);
  if (state.direction !== d.direction) q.set('direction', state.direction);
  if (state.positional !== d.positional) q.set('positional', state.positional);
  if (state.causal !== d.causal) q.set('causal', state.causal ? '1' : '0');
  if (state.rank !== d.rank) q.set('d', String(state.rank));
  if (state.heads !== d.heads) q.set('heads', String(state.heads));
  if (state.disable.length > 0) q.set('disable', state.disable.join(','));
  if (state.fail.length > 0) q.set('fail', state.fail.join(','));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
