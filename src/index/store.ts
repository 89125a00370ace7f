import { readCorpus } from '../corpus/read.ts';
import type { CorpusWarning } from '../corpus/types.ts';
import type { Logger } from '../log.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { analyzeAll, assembleIndex, type BuildProgress, corpusKey } from './build.ts';
import { loadSnapshot, SnapshotUnusable, saveSnapshot } from './snapshot.ts';
import type { CorpusIndex } from './types.ts';

/** The disk operations the store performs; tests replace them to inject faults. */
export interface StoreIO {
  readCorpus: typeof readCorpus;
  loadSnapshot: typeof loadSnapshot;
  saveSnapshot: typeof saveSnapshot;
}

export interface StoreOptions {
  corpusDir: string;
  snapshotDir: string;
  log: Logger;
  /** Replaces disk operations (fault-injection in tests). Defaults to the real ones. */
  io?: Partial<StoreIO>;
}

export interface OpenReport {
  from: 'snapshot' | 'build';
  /** Why the snapshot was not used, when it was not. */
  reason?: string;
  ms: number;
  warnings: CorpusWarning[];
}

export interface RefreshReport {
  added: string[];
  removed: string[];
  changed: string[];
  articles: number;
  sentences: number;
  people: number;
  tolls: number;
  warnings: CorpusWarning[];
  ms: number;
}

/** A refresh that did not happen; the serving index is untouched. */
export class RefreshError extends Error {}
/** A refresh asked for while another runs. */
export class RefreshBusy extends RefreshError {}

/** Problems that fail a refresh rather than silently drop an article from the serving index. */
const FATAL_ON_REFRESH = /unreadable|malformed JSON|must be an object/;

/**
 * Holds the index that serves and replaces it whole. Readers take `store.index` and keep that object
 * for the whole answer; a refresh builds a new index aside and swaps the reference in one step, so no
 * answer ever sees a half-built index. One refresh runs at a time.
 */
export class IndexStore {
  #index: CorpusIndex | undefined;
  #refreshing = false;
  readonly options: StoreOptions;
  readonly #io: StoreIO;

  constructor(options: StoreOptions) {
    this.options = options;
    this.#io = { readCorpus, loadSnapshot, saveSnapshot, ...options.io };
  }

  get index(): CorpusIndex {
    if (!this.#index) throw new Error('index not opened yet');
    return this.#index;
  }

  get refreshing(): boolean {
    return this.#refreshing;
  }

  /** Opens the corpus: a valid snapshot when there is one, else a full build (then saved). */
  async open(onProgress?: (p: BuildProgress) => void): Promise<OpenReport> {
    const t0 = performance.now();
    const { corpusDir, snapshotDir, log } = this.options;
    const read = await this.#io.readCorpus(corpusDir);
    for (const w of read.warnings) log.warn({ file: w.file }, `corpus: ${w.file}: ${w.problem}`);
    const key = corpusKey(read.articles);
    try {
      this.#index = await this.#io.loadSnapshot(snapshotDir, key);
      this.#index.warnings = read.warnings;
      return { from: 'snapshot', ms: performance.now() - t0, warnings: read.warnings };
    } catch (err) {
      if (!(err instanceof SnapshotUnusable)) throw err;
      if (err.message !== 'no snapshot yet') log.info(`snapshot not used: ${err.message}; rebuilding`);
      const index = assembleIndex(key, analyzeAll(read.articles, { ...(onProgress ? { onProgress } : {}) }), read.warnings, onProgress ? { onProgress } : {});
      this.#index = index;
      try {
        await this.#io.saveSnapshot(snapshotDir, index);
      } catch (e) {
        log.warn(`snapshot not saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); serving from memory`);
      }
      return { from: 'build', reason: err.message, ms: performance.now() - t0, warnings: read.warnings };
    }
  }

  /** Uses an index built elsewhere (tests, benchmarks). */
  use(index: CorpusIndex): void {
    this.#index = index;
  }

  /**
   * Re-reads the corpus folder and swaps in a new index, reusing the analysis of unchanged articles.
   * Throws RefreshBusy while another refresh runs, RefreshError when the corpus cannot be read as a
   * whole; in both cases the serving index and the snapshot on disk are untouched.
   */
  async refresh(onProgress?: (p: BuildProgress) => void): Promise<RefreshReport> {
    if (this.#refreshing) throw new RefreshBusy('a refresh is already running');
    this.#refreshing = true;
    try {
      return await this.#refresh(onProgress);
    } finally {
      this.#refreshing = false;
    }
  }

  async #refresh(onProgress?: (p: BuildProgress) => void): Promise<RefreshReport> {
    const t0 = performance.now();
    const old = this.index;
    let read: Awaited<ReturnType<typeof readCorpus>>;
    try {
      read = await this.#io.readCorpus(this.options.corpusDir);
    } catch (err) {
      throw new RefreshError(`cannot read the corpus folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const fatal = read.warnings.filter((w) => FATAL_ON_REFRESH.test(w.problem) && (w.file === 'sources.json' || old.articles.has(w.file)));
    if (fatal.length) throw new RefreshError(fatal.map((w) => `${w.file}: ${w.problem}`).join('; '));

    const cache = new Map<string, ArticleAnalysis>([...old.articles.values()].map((a) => [a.hash, a]));
    const analyses = analyzeAll(read.articles, { cache, ...(onProgress ? { onProgress } : {}) });
    const next = assembleIndex(corpusKey(read.articles), analyses, read.warnings, onProgress ? { onProgress } : {});

    const added: string[] = [];
    const changed: string[] = [];
    for (const a of read.articles) {
      const before = old.articles.get(a.file);
      if (!before) added.push(a.file);
      else if (before.hash !== a.hash) changed.push(a.file);
    }
    const now = new Set(read.articles.map((a) => a.file));
    const removed = [...old.articles.keys()].filter((f) => !now.has(f));

    // Save first, swap second: if the disk fails, the old index and the old snapshot both stay as they were.
    try {
      await this.#io.saveSnapshot(this.options.snapshotDir, next);
    } catch (err) {
      throw new RefreshError(`could not save the new snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the previous index keeps serving`);
    }
    this.#index = next;
    for (const w of read.warnings) this.options.log.warn({ file: w.file }, `corpus: ${w.file}: ${w.problem}`);
    return {
      added,
      removed,
      changed,
      articles: next.articles.size,
      sentences: next.sentences.length,
      people: next.derived.people.length,
      tolls: next.derived.tolls.length,
      warnings: read.warnings,
      ms: performance.now() - t0,
    };
  }
}
