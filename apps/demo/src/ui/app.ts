import type { Availability, BackendFactory, Engine } from '@dproj/core';
import { BackendUnavailableError, buildCorpus, createEngine } from '@dproj/core';
import type { BackendEntry } from '../backends/registry.ts';
import { lazyFactory } from '../backends/registry.ts';
import { compareBackends } from '../compute/compare.ts';
import type { CorpusData } from '../compute/corpus-data.ts';
import { corpusDataFromFile } from '../compute/corpus-data.ts';
import type { SentenceResult, SentenceSettings } from '../compute/run-sentence.ts';
import { OperatorCache, runSentence } from '../compute/run-sentence.ts';
import { InputProblem, encodeSentence } from '../compute/sentence.ts';
import type { CorpusManifest, CorpusManifestEntry } from '../corpus-manifest.ts';
import { EXAMPLES } from '../examples.ts';
import { renderHeatmap } from '../render/heatmap.ts';
import { renderTopK } from '../render/top-k.ts';
import { positionLabels } from '../render/truncate.ts';
import type { DemoState } from '../state/url-state.ts';
import { DIRECTIONS, MAX_RANK, POSITIONALS, SOURCES, TRANSFORMS, parseState, serializeState } from '../state/url-state.ts';
import { el, formatMs, messageOf, table } from './dom.ts';
import { renderComparison, renderResolution, renderTimings } from './panels.ts';

/** The page's status, mirrored in `<body data-status>` so tests can wait for it. */
export type PageStatus = 'loading' | 'busy' | 'ready' | 'error';

const TOP_K = 5;
const REPEATS = 2;

/**
 * The demo page: owns the state (mirrored in the URL), the backend factories and their probes, the
 * current engine, the loaded corpora, and renders every panel. Each computation renders only when
 * it finished completely and is still the latest; a failure clears the results and says why.
 */
export class DemoApp {
  private state: DemoState;
  private readonly factories: BackendFactory[];
  private readonly probes = new Map<string, Availability | 'probing'>();
  private engine: { key: string; engine: Promise<Engine>; warm: Set<string> } | undefined;
  private manifest: Promise<CorpusManifest> | undefined;
  private readonly corpora = new Map<string, Promise<CorpusData>>();
  private readonly cache = new OperatorCache();
  private run = 0;
  private counting: AbortController | undefined;
  private readonly $: (id: string) => HTMLElement;

  /** Reads the state from the page's URL and makes one lazy factory per backend entry. */
  constructor(
    private readonly doc: Document,
    private readonly entries: readonly BackendEntry[],
  ) {
    this.state = parseState(doc.location.search);
    this.factories = entries.map((entry) => lazyFactory(entry, this.state));
    this.$ = (id) => {
      const node = doc.getElementById(id);
      if (node === null) throw new Error(`the page lacks #${id}`);
      return node;
    };
  }

  /** Builds the controls, probes every backend and runs the sentence in the URL. */
  async start(): Promise<void> {
    this.setStatus('loading', 'Loading…');
    this.buildControls();
    void this.probeAll();
    try {
      const manifest = await this.loadManifest();
      this.fillCorpora(manifest);
    } catch (error) {
      this.fail(`The corpus list could not be loaded: ${messageOf(error)}`);
      return;
    }
    await this.refresh();
  }

  // ------------------------------------------------------------------ state and controls

  private update(patch: Partial<DemoState>, rerun = true): void {
    this.state = { ...this.state, ...patch };
    this.doc.defaultView?.history.replaceState(null, '', `${this.doc.location.pathname}${serializeState(this.state)}`);
    this.syncControls();
    if (rerun) void this.refresh();
  }

  private buildControls(): void {
    const doc = this.doc;
    const backend = this.$('backend') as HTMLSelectElement;
    backend.replaceChildren(
      el(doc, 'option', { value: 'auto' }, 'auto (highest priority that works)'),
      ...this.entries.map((e) => el(doc, 'option', { value: e.name }, e.name)),
    );
    backend.addEventListener('change', () => this.update({ backend: backend.value }));

    const corpus = this.$('corpus') as HTMLSelectElement;
    corpus.addEventListener('change', () => this.update({ corpus: corpus.value }));
    const source = this.$('source') as HTMLSelectElement;
    source.replaceChildren(
      el(doc, 'option', { value: 'file' }, 'precomputed file (fast)'),
      el(doc, 'option', { value: 'browser' }, 'count in the browser on the chosen backend'),
    );
    source.addEventListener('change', () => this.update({ source: SOURCES.find((s) => s === source.value) ?? 'file' }));
    this.$('cancel-count').addEventListener('click', () => this.counting?.abort(new Error('Counting was cancelled.')));

    const text = this.$('text') as HTMLTextAreaElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update({ text: text.value }), 400);
    });
    this.$('run').addEventListener('click', () => {
      clearTimeout(timer);
      this.update({ text: text.value });
    });
    const examples = this.$('examples') as HTMLSelectElement;
    examples.replaceChildren(el(doc, 'option', { value: '' }, 'Examples…'), ...EXAMPLES.map((e, i) => el(doc, 'option', { value: String(i) }, e.label)));
    examples.addEventListener('change', () => {
      const example = EXAMPLES[Number(examples.value)];
      examples.value = '';
      if (example !== undefined) this.update({ text: example.text });
    });

    this.radios('transform', TRANSFORMS, (v) => this.update({ transform: v }));
    this.radios('direction', DIRECTIONS, (v) => this.update({ direction: v }));
    const positional = this.$('positional') as HTMLSelectElement;
    positional.addEventListener('change', () => this.update({ positional: POSITIONALS.find((p) => p === positional.value) ?? 'off' }));
    const causal = this.$('causal') as HTMLInputElement;
    causal.addEventListener('change', () => this.update({ causal: causal.checked }));
    const rank = this.$('rank') as HTMLInputElement;
    rank.max = String(MAX_RANK);
    const heads = this.$('heads') as HTMLInputElement;
    const readNumbers = (): void => {
      const d = clampInt(rank.value, 1, MAX_RANK, this.state.rank);
      this.update({ rank: d, heads: clampInt(heads.value, 1, d, Math.min(this.state.heads, d)) });
    };
    rank.addEventListener('change', readNumbers);
    heads.addEventListener('change', readNumbers);
    this.$('compare').addEventListener('click', () => void this.compareAll());
    this.syncControls();
  }

  private radios<T extends string>(name: string, values: readonly T[], onChange: (value: T) => void): void {
    for (const input of this.doc.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) {
      input.addEventListener('change', () => {
        const value = values.find((v) => v === input.value);
        if (input.checked && value !== undefined) onChange(value);
      });
    }
  }

  private syncControls(): void {
    const s = this.state;
    (this.$('backend') as HTMLSelectElement).value = s.backend;
    (this.$('corpus') as HTMLSelectElement).value = s.corpus;
    (this.$('source') as HTMLSelectElement).value = s.source;
    const text = this.$('text') as HTMLTextAreaElement;
    if (text.value !== s.text && this.doc.activeElement !== text) text.value = s.text;
    for (const name of ['transform', 'direction'] as const) {
      for (const input of this.doc.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) input.checked = input.value === s[name];
    }
    (this.$('positional') as HTMLSelectElement).value = s.positional;
    (this.$('causal') as HTMLInputElement).checked = s.causal;
    (this.$('rank') as HTMLInputElement).value = String(s.rank);
    const heads = this.$('heads') as HTMLInputElement;
    heads.max = String(s.rank);
    heads.value = String(s.heads);
  }

  private setStatus(status: PageStatus, text: string): void {
    this.doc.body.dataset.status = status;
    // Counts finished runs, so a test can wait for the run its action started.
    if (status === 'ready' || status === 'error') this.doc.body.dataset.run = String(this.run);
    this.$('status').textContent = text;
  }

  // ------------------------------------------------------------------ backends

  private async probeAll(): Promise<void> {
    await Promise.all(
      this.factories.map(async (factory) => {
        this.probes.set(factory.name, 'probing');
        this.renderProbes();
        this.probes.set(factory.name, await factory.probe());
        this.renderProbes();
      }),
    );
    this.doc.body.dataset.probed = 'true';
  }

  private renderProbes(): void {
    const doc = this.doc;
    const select = this.$('backend') as HTMLSelectElement;
    const rows = this.entries.map((entry) => {
      const probe = this.probes.get(entry.name);
      const text = probe === undefined || probe === 'probing' ? 'probing…' : probe.available ? 'available' : `unavailable: ${probe.reason}`;
      const option = [...select.options].find((o) => o.value === entry.name);
      if (option !== undefined) option.textContent = `${entry.name} — ${text}`;
      const state = probe === undefined || probe === 'probing' ? 'probing' : probe.available ? 'available' : 'unavailable';
      return [el(doc, 'span', { 'data-backend': entry.name, 'data-probe': state }, entry.name), String(entry.priority), text, entry.description];
    });
    this.$('probes').replaceChildren(table(doc, ['backend', 'priority', 'probe', 'what it is'], rows));
  }

  private engineFor(backend: string): { engine: Promise<Engine>; warm: Set<string> } {
    const key = `${backend}`;
    if (this.engine?.key === key) return this.engine;
    const previous = this.engine;
    const engine = createEngine({
      backends: this.factories,
      ...(backend === 'auto' ? {} : { prefer: [backend] }),
      fallback: 'backend',
    });
    // A failed engine is not kept: the next refresh tries again.
    engine.catch(() => {
      if (this.engine?.engine === engine) this.engine = undefined;
    });
    this.engine = { key, engine, warm: new Set() };
    void previous?.engine.then((e) => e.dispose()).catch(() => undefined);
    return this.engine;
  }

  // ------------------------------------------------------------------ corpora

  private loadManifest(): Promise<CorpusManifest> {
    this.manifest ??= fetch(new URL('corpora/index.json', this.doc.baseURI)).then(async (response) => {
      if (!response.ok) throw new Error(`corpora/index.json: HTTP ${response.status}`);
      return (await response.json()) as CorpusManifest;
    });
    return this.manifest;
  }

  private fillCorpora(manifest: CorpusManifest): void {
    const select = this.$('corpus') as HTMLSelectElement;
    select.replaceChildren(...manifest.corpora.map((c) => el(this.doc, 'option', { value: c.id }, c.label)));
    select.value = this.state.corpus;
  }

  private async corpusEntry(): Promise<CorpusManifestEntry> {
    const manifest = await this.loadManifest();
    const entry = manifest.corpora.find((c) => c.id === this.state.corpus);
    if (entry === undefined) {
      throw new InputProblem(`There is no corpus “${this.state.corpus}”; choose one of ${manifest.corpora.map((c) => c.id).join(', ')}.`);
    }
    return entry;
  }

  private corpusData(entry: CorpusManifestEntry, engine: Engine): Promise<CorpusData> {
    const key = `${entry.id}|${this.state.source}|${this.state.source === 'browser' ? engine.resolution.chosen : ''}`;
    let data = this.corpora.get(key);
    if (data === undefined) {
      data = this.state.source === 'file' ? this.fetchCorpus(entry) : this.countCorpus(entry, engine, key);
      this.corpora.set(key, data);
      data.catch(() => this.corpora.delete(key));
    }
    return data;
  }

  private async fetchCorpus(entry: CorpusManifestEntry): Promise<CorpusData> {
    this.setStatus('busy', `Loading ${entry.label} (${(entry.bytes / 1e6).toFixed(1)} MB)…`);
    const response = await fetch(new URL(entry.file, this.doc.baseURI));
    if (!response.ok) throw new Error(`${entry.file}: HTTP ${response.status}`);
    return corpusDataFromFile(entry.id, new Uint8Array(await response.arrayBuffer()));
  }

  private async countCorpus(entry: CorpusManifestEntry, engine: Engine, key: string): Promise<CorpusData> {
    const progress = this.$('count-progress') as HTMLProgressElement;
    const box = this.$('counting');
    const controller = new AbortController();
    this.counting = controller;
    box.hidden = false;
    progress.value = 0;
    try {
      this.setStatus('busy', `Downloading the text of ${entry.label} (${(entry.textBytes / 1e6).toFixed(1)} MB)…`);
      const response = await fetch(new URL(entry.textFile, this.doc.baseURI), { signal: controller.signal });
      if (!response.ok) throw new Error(`${entry.textFile}: HTTP ${response.status}`);
      const text = await response.text();
      this.setStatus('busy', 'Building the vocabulary…');
      const corpus = await buildCorpus(text, { documents: 'line', maxSize: entry.maxSize, minCount: entry.minCount, unknown: 'drop' });
      this.setStatus('busy', `Counting co-occurrences on ${engine.resolution.chosen}…`);
      const start = performance.now();
      const result = await engine.cooccurrence(corpus, {
        window: entry.window,
        direction: 'forward',
        offsets: true,
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          progress.max = total;
          progress.value = done;
          this.$('count-text').textContent = `${Math.round((100 * done) / Math.max(1, total))}% of ${total.toLocaleString('en')} tokens`;
        },
      });
      this.$('count-text').textContent = `counted ${result.tokens.toLocaleString('en')} tokens on ${engine.resolution.chosen} in ${formatMs(performance.now() - start)}`;
      this.cache.forget(key);
      return { id: key, vocab: corpus.vocab, f: result.matrix, offsets: result.offsets, settings: result.settings, tokens: result.tokens };
    } finally {
      if (this.counting === controller) this.counting = undefined;
      this.$('cancel-count').hidden = true;
    }
  }

  // ------------------------------------------------------------------ running

  private settings(): SentenceSettings {
    const s = this.state;
    return { transform: s.transform, direction: s.direction, positional: s.positional, causal: s.causal, rank: s.rank, heads: s.heads, k: TOP_K, repeats: REPEATS };
  }

  /** Recomputes everything for the current state; only the latest call renders. */
  async refresh(): Promise<void> {
    const id = ++this.run;
    const stale = (): boolean => id !== this.run;
    this.setStatus('busy', 'Computing…');
    this.$('counting').hidden = this.state.source !== 'browser';
    this.$('cancel-count').hidden = this.state.source !== 'browser';
    let engine: Engine | undefined;
    try {
      const slot = this.engineFor(this.state.backend);
      engine = await slot.engine;
      if (stale()) return;
      this.showResolution(engine);
      const entry = await this.corpusEntry();
      const data = await this.corpusData(entry, engine);
      if (stale()) return;
      const sentence = encodeSentence(data.vocab, this.state.text, entry.label);
      this.setStatus('busy', `Computing on ${engine.resolution.chosen}…`);
      const result = await runSentence(engine, data, this.cache, sentence.tokens, this.settings(), (family) => !slot.warm.has(family));
      slot.warm.add('projection');
      slot.warm.add('multiHead');
      if (stale()) return;
      this.showResolution(engine);
      this.renderResults(result, sentence.words, data, entry, [
        ...(sentence.unknown.length > 0 ? [`Not in the vocabulary, left out: ${sentence.unknown.join(', ')}.`] : []),
        ...(sentence.truncated === undefined ? [] : [sentence.truncated]),
      ]);
      this.setStatus('ready', `Done on ${result.backend}.`);
    } catch (error) {
      if (stale()) return;
      if (engine !== undefined) this.showResolution(engine);
      this.fail(this.explain(error, engine));
    }
  }

  private explain(error: unknown, engine: Engine | undefined): string {
    if (error instanceof InputProblem) return error.message;
    if (BackendUnavailableError.isInstance(error)) return `No backend could be started. ${messageOf(error)}`;
    if (engine === undefined) return `The engine could not be created: ${messageOf(error)}`;
    return `The ${engine.resolution.chosen} backend failed during this run: ${messageOf(error)} Nothing from this run is shown; choose another backend (or auto) to go on.`;
  }

  private fail(message: string): void {
    this.$('results').hidden = true;
    for (const id of ['heatmap-m', 'topk', 'attention', 'timings', 'notices']) this.$(id).replaceChildren();
    const box = this.$('message');
    box.textContent = message;
    box.hidden = false;
    this.setStatus('error', 'Error — see the message above.');
  }

  private showResolution(engine: Engine): void {
    this.$('resolution').replaceChildren(renderResolution(this.doc, engine));
  }

  private renderResults(result: SentenceResult, words: readonly string[], data: CorpusData, entry: CorpusManifestEntry, notices: string[]): void {
    const doc = this.doc;
    const labels = positionLabels(words);
    const s = this.state;
    const operator = s.direction === 'symmetric' ? 'S = F + Fᵀ' : s.direction === 'forward' ? 'F' : 'Fᵀ';
    const refinement = s.positional === 'kernel' ? ', refined K ∘ M with κ(d) = 1/(1+d)' : s.positional === 'offset' ? ', refined by the offset counts (M^pos)' : '';
    const heatmapM = renderHeatmap(doc, {
      name: 'm',
      title: `M = Q φ(${operator}) Qᵀ`,
      caption: `φ = ${s.transform === 'log' ? 'log(1 + ·)' : s.transform}${refinement}; row i, column j: how much word j weighs on word i (${entry.label}, window ${data.settings.window}).`,
      matrix: result.m,
      rowLabels: labels,
      colLabels: labels,
    });
    const heads = result.weights.map((w, l) =>
      renderHeatmap(doc, {
        name: `head-${l + 1}`,
        title: `head ${l + 1}`,
        caption: `softmax of its share of M${s.causal ? ', causal mask' : ''}`,
        matrix: w,
        rowLabels: labels,
        colLabels: labels,
      }),
    );
    this.$('heatmap-m').replaceChildren(heatmapM);
    this.$('topk').replaceChildren(renderTopK(doc, result.topk, labels, data.vocab));
    const error = el(doc, 'p', { 'data-attention-error': String(result.attentionError) }, `d = ${result.rank} components in ${result.weights.length} head(s); relative error of the summed head scores to M (before refinement): ‖Σ scores − M‖_F / ‖M‖_F = ${result.attentionError.toPrecision(3)}.`);
    this.$('attention').replaceChildren(error, el(doc, 'div', { class: 'head-grid' }, ...heads));
    this.$('timings').replaceChildren(renderTimings(doc, result.timings));
    this.$('notices').replaceChildren(...notices.map((n) => el(doc, 'p', { class: 'notice' }, n)));
    this.$('message').hidden = true;
    this.$('results').hidden = false;
  }

  // ------------------------------------------------------------------ compare

  private async compareAll(): Promise<void> {
    const out = this.$('comparison');
    const button = this.$('compare') as HTMLButtonElement;
    button.disabled = true;
    out.replaceChildren(el(this.doc, 'p', {}, 'Running on every backend…'));
    delete out.dataset.compare;
    try {
      const slot = this.engineFor(this.state.backend);
      const engine = await slot.engine;
      const entry = await this.corpusEntry();
      const data = await this.corpusData(entry, engine);
      const sentence = encodeSentence(data.vocab, this.state.text, entry.label);
      const rows = await compareBackends(this.factories, 'reference', data, this.cache, sentence.tokens, this.settings(), (done, total) => {
        out.replaceChildren(el(this.doc, 'p', {}, `Running on every backend… ${done} of ${total} done`));
      });
      out.replaceChildren(renderComparison(this.doc, rows));
    } catch (error) {
      out.replaceChildren(el(this.doc, 'p', { class: 'error' }, `The comparison failed: ${messageOf(error)}`));
    } finally {
      button.disabled = false;
    }
  }
}

function clampInt(value: string, min: number, max: number, fallback: number): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
