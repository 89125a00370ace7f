import { readCorpus, readSources, rememberMetadata, SOURCES_FILE } from '../corpus/read.ts';
import type { CorpusWarning, RawArticle } from '../corpus/types.ts';
import type { Logger } from '../log.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { BuildProgress } from './build.ts';
import { type CorpusFiles, type CorpusReadSince, readCorpusSince } from './corpus-files.ts';
import { loadSnapshot, SnapshotUnusable, saveSnapshot } from './snapshot.ts';
import type { CorpusIndex } from './types.ts';
import { corpusKey } from './version.ts';

/**
 * The disk operations the store performs; tests replace them to inject faults. The store reads the
 * corpus with `readCorpusSince` (only files changed since the last read); when a test replaces
 * `readCorpus` alone, every read is a full `readCorpus`, so the replacement sees them all.
 */
export interface StoreIO {
  readCorpus: typeof readCorpus;
  readCorpusSince: typeof readCorpusSince;
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
  /** From the start of the refresh until the new index served. */
  servingMs: number;
  /** Until the refresh was done (the new index saved, or not). */
  ms: number;
  /** Why the new index could not be saved (it serves from memory; the next refresh saves again). */
  notSaved?: string;
}

/** A refresh that did not happen; the serving index is untouched. */
export class RefreshError extends Error {}
/** A refresh asked for while another runs. */
export class RefreshBusy extends RefreshError {}

/**
 * Problems that fail a refresh rather than silently drop an article from the serving index. An
 * unusable sources.json is not one: the articles keep the metadata read before (see readSources).
 */
const FATAL_ON_REFRESH = new Set<CorpusWarning['kind']>(['unreadable', 'unusable']);

/**
 * A snapshot that parses yet does not match the articles it was keyed by (a flipped byte inside a
 * sentence, a wrong shape) is not served: every sentence of every article read must still be the
 * exact text of its file (articles not read, if any, are taken on the key's word).
 */
function checkLoaded(index: CorpusIndex, raws: RawArticle[]): void {
  const corrupt = (why: string) => new SnapshotUnusable(`snapshot is corrupt (${why})`);
  for (const s of index.sentences) if (typeof s?.text !== 'string') throw corrupt('a sentence has no text');
  for (const raw of raws) {
    const a = index.articles.get(raw.file);
    if (!a || !Array.isArray(a.sentences)) throw corrupt(`${raw.file} is missing`);
    for (const s of a.sentences) {
      if (s.file !== raw.file || s.end !== s.start + s.text.length || !raw.text.startsWith(s.text, s.start)) throw corrupt('a sentence does not match its article file');
    }
  }
  const d = index.derived as unknown as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || !['people', 'tolls', 'timeline'].every((k) => Array.isArray(d[k]))) throw corrupt('derived answers missing');
}

/**
 * Holds the index that serves and replaces it whole. Readers take `store.index` and keep that object
 * for the whole answer; a refresh builds a new index aside and swaps the reference in one step, so no
 * answer ever sees a half-built index. One refresh runs at a time.
 *
 * Work is proportional to what changed: a start reads only files whose signature changed since the
 * snapshot was made (none, usually), a stale snapshot still supplies the analysis of every unchanged
 * article, and a refresh re-reads and re-analyses only changed files and carries the search postings
 * of the others over (see `corpus-files.ts`, `postings.ts`).
 */
export class IndexStore {
  #index: CorpusIndex | undefined;
  #refreshing = false;
  /** Changes (`exclusive`) queued or running, their queue, and the plain refresh running now. */
  #pending = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #running: Promise<unknown> | undefined;
  /** The serving index came from a refresh whose snapshot could not be saved. */
  #unsaved = false;
  readonly options: StoreOptions;
  readonly #io: StoreIO;
  readonly #incremental: boolean;

  constructor(options: StoreOptions) {
    this.options = options;
    this.#io = { readCorpus, readCorpusSince, loadSnapshot, saveSnapshot, ...options.io };
    this.#incremental = !options.io?.readCorpus || !!options.io.readCorpusSince;
  }

  get index(): CorpusIndex {
    if (!this.#index) throw new Error('index not opened yet');
    return this.#index;
  }

  get refreshing(): boolean {
    return this.#refreshing;
  }

  /** Reads the corpus: only what changed since `previous` when possible, all of it otherwise. */
  async #read(previous: CorpusFiles | undefined): Promise<Read> {
    const dir = this.options.corpusDir;
    if (this.#incremental) return this.#io.readCorpusSince(dir, previous, this.#io.readCorpus);
    return { ...(await this.#io.readCorpus(dir)), reused: [] };
  }

  /** Builds the index of what `read` found: new articles analysed (or found in `cache`), unchanged ones taken from `cache`. */
  async #build(read: Read, cache: Map<string, ArticleAnalysis> | undefined, previous: CorpusIndex | undefined, onProgress?: (p: BuildProgress) => void): Promise<CorpusIndex> {
    let reused = read.reused.map((r) => cache?.get(r.hash));
    if (reused.some((a) => !a)) {
      // Cannot happen when the record and the index come from the same read; if it does, read everything.
      read = await this.#read(undefined);
      reused = [];
    }
    const opts = {
      ...(cache ? { cache } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(previous ? { previous } : {}),
    };
    // Loaded only when building: a start from the snapshot never loads the analysis code (wink, chrono, …).
    const { analyzeAllAsync, assembleIndex } = await import('./build.ts');
    const fresh = await analyzeAllAsync(read.articles, opts);
    const index = assembleIndex(corpusKey([...read.articles, ...read.reused]), [...fresh, ...(reused as ArticleAnalysis[])], read.warnings, opts);
    if (read.files) index.files = read.files;
    return index;
  }

  /** Opens the corpus: a valid snapshot when there is one, else a build (reusing what a stale snapshot has), then saved. */
  async open(onProgress?: (p: BuildProgress) => void): Promise<OpenReport> {
    const t0 = performance.now();
    const { snapshotDir, log } = this.options;
    let snap: CorpusIndex | undefined;
    let why = '';
    try {
      snap = await this.#io.loadSnapshot(snapshotDir);
    } catch (caught) {
      // Whatever went wrong with the snapshot, a good corpus is still served: rebuild.
      why = caught instanceof SnapshotUnusable ? caught.message : `snapshot is corrupt (${(caught as Error).message})`;
    }
    // A sources.json that turned unusable since the snapshot leaves the articles the metadata it held.
    if (snap?.articles instanceof Map) rememberMetadata(this.options.corpusDir, [...snap.articles.values()].map((a) => a.meta).filter(Boolean));
    let read = await this.#read(snap?.files);
    const key = corpusKey([...read.articles, ...read.reused]);
    if (snap?.key === key) {
      try {
        checkLoaded(snap, read.articles);
        snap.warnings = read.warnings;
        if (read.files) snap.files = read.files;
        this.#index = snap;
        logWarnings(log, read.warnings);
        // Files were re-read (touched, or changed too close to the last scan): record what they are, so the next start need not.
        if (read.articles.length > 0 && read.files) await this.#io.saveSnapshot(snapshotDir, snap).catch(() => {});
        return { from: 'snapshot', ms: performance.now() - t0, warnings: read.warnings };
      } catch (caught) {
        why = caught instanceof SnapshotUnusable ? caught.message : `snapshot is corrupt (${(caught as Error).message})`;
        snap = undefined;
        read = await this.#read(undefined);
      }
    } else if (snap) {
      why = 'snapshot is stale (the corpus changed since it was made)';
      if (!looksWhole(snap)) snap = undefined;
    }
    logWarnings(log, read.warnings);
    const reuse = snap ? ` (reusing the analysis of ${read.reused.length} unchanged articles)` : '';
    if (why !== 'no snapshot yet') log.warn(`snapshot not used: ${why}; rebuilding${reuse}`);
    const index = await this.#build(read, snap && byHash(snap), snap, onProgress);
    this.#index = index;
    try {
      await this.#io.saveSnapshot(snapshotDir, index);
    } catch (e) {
      log.warn(`snapshot not saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); serving from memory`);
    }
    return { from: 'build', reason: why, ms: performance.now() - t0, warnings: read.warnings };
  }

  /**
   * Readies this process for a fast first refresh, in the background. A start from the snapshot loads
   * no analysis code, so the first refresh would pay for loading it (wink, chrono, the gazetteer), for
   * compiling it, and for `derive` reading every unchanged article's mentions and dates afresh (kept
   * per article from then on): ~2.2 s on Reuters instead of ~0.8 s. This does that work ahead:
   * parses `sources.json`, loads the code, analyses one article (text made of an indexed article's own sentences), reads
   * every article for `derive` in slices of `WARM_SLICE`, compiles `derive` and the assembly of an
   * index on a sample, and builds the timeline once (its merges are kept per date). It yields to the
   * event loop between steps (the longest, loading the gazetteer, ~0.2-0.4 s on Reuters), stops when a refresh
   * has replaced the index meanwhile or `signal` aborts (a front end closing), never throws, and
   * changes no result: it only fills caches. Long-running front ends (the console, the bot) call it
   * after `open`; one-shot `ask` does not.
   */
  async warmUp(signal?: AbortSignal): Promise<void> {
    const index = this.#index;
    if (!index) return;
    const stale = () => this.#index !== index || !!signal?.aborted;
    try {
      const [{ analyzeArticle }, { prepareArticle }, { buildPeople }, { buildTolls }, { buildTimeline }, { assembleIndex }] = await Promise.all([
        import('../nlp/analyze.ts'),
        import('../facts/derive.ts'),
        import('../facts/people.ts'),
        import('../facts/tolls/build.ts'),
        import('../facts/timeline.ts'),
        import('./build.ts'),
      ]);
      // A refresh reads sources.json for the metadata of what changed: parse it now (kept by its text).
      await readSources(this.options.corpusDir, []);
      if (stale()) return;
      const articles = [...index.articles.values()];
      const one = articles.find((a) => a.sentences.length > 0);
      if (one && !stale()) {
        const text = one.sentences.map((s) => s.text).join('\n\n');
        analyzeArticle({ file: one.meta.file, hash: 'warm-up', text, meta: { ...one.meta } });
      }
      for (let i = 0; i < articles.length; i += WARM_SLICE) {
        await nextTurn();
        if (stale()) return;
        for (const a of articles.slice(i, i + WARM_SLICE)) prepareArticle(a);
      }
      // derive once on a sample compiles it (each builder alone, so no turn is long); so does
      // assembling an index of the sample, then another from it as a refresh does (postings carried
      // over); then the timeline over everything, which keeps each date's merge for the next build.
      const sample = articles.slice(0, WARM_SAMPLE);
      for (const build of [buildPeople, buildTolls, buildTimeline]) {
        await nextTurn();
        if (stale()) return;
        build(sample);
      }
      let previous: CorpusIndex | undefined;
      for (const part of [sample, articles.slice(1, WARM_SAMPLE + 1)]) {
        await nextTurn();
        if (stale()) return;
        previous = assembleIndex('warm-up', part, [], previous ? { previous } : {});
      }
      await nextTurn();
      if (!stale()) buildTimeline(articles);
    } catch (err) {
      this.options.log.warn(`warm-up stopped (${(err as Error).message}); the first refresh will take longer`);
    }
  }

  /** Uses an index built elsewhere (tests, benchmarks). */
  use(index: CorpusIndex): void {
    this.#index = index;
  }

  /**
   * Re-reads the corpus folder and swaps in a new index, reusing the analysis of unchanged articles,
   * then saves it. Throws RefreshBusy while another refresh runs, RefreshError when the corpus cannot
   * be read as a whole; in both cases the serving index and the snapshot on disk are untouched. A
   * snapshot that cannot be saved does not undo the refresh: the report says so (`notSaved`).
   */
  async refresh(onProgress?: (p: BuildProgress) => void): Promise<RefreshReport> {
    if (this.#refreshing || this.#pending > 0) throw new RefreshBusy('a refresh is already running');
    this.#refreshing = true;
    const run = this.#refresh(onProgress);
    this.#running = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.#refreshing = false;
      this.#running = undefined;
    }
  }

  /**
   * Runs one change of the corpus folder (article intake) alone, after those queued before it and any
   * running refresh; a plain `refresh` meanwhile is told to wait. `fn` writes, then calls `refresh`;
   * the index swaps only if that succeeds, so on failure `fn` undoes its writes and nothing changed.
   */
  exclusive<T>(fn: (refresh: () => Promise<RefreshReport>) => Promise<T>): Promise<T> {
    this.#pending++;
    const run = this.#queue.then(async () => {
      while (this.#running) await this.#running;
      this.#refreshing = true;
      try {
        return await fn(() => this.#refresh());
      } finally {
        this.#refreshing = false;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run.finally(() => {
      this.#pending--;
    });
  }

  async #refresh(onProgress?: (p: BuildProgress) => void): Promise<RefreshReport> {
    const t0 = performance.now();
    const old = this.index;
    let read: Read;
    try {
      read = await this.#read(old.files);
    } catch (err) {
      throw new RefreshError(`cannot read the corpus folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const fatal = read.warnings.filter((w) => FATAL_ON_REFRESH.has(w.kind) && w.file !== SOURCES_FILE && old.articles.has(w.file));
    if (fatal.length) throw new RefreshError(fatal.map((w) => `${w.file}: ${w.problem}`).join('; '));

    // Nothing changed (same content, same warnings): keep serving the same index; only note what the read saw.
    const same = corpusKey([...read.articles, ...read.reused]) === old.key && JSON.stringify(read.warnings) === JSON.stringify(old.warnings);
    let next = old;
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    if (same) {
      if (read.files) old.files = read.files;
    } else {
      next = await this.#build(read, byHash(old), old, onProgress);
      for (const [file, a] of next.articles) {
        const before = old.articles.get(file);
        if (!before) added.push(file);
        else if (before.hash !== a.hash) changed.push(file);
      }
      for (const file of old.articles.keys()) if (!next.articles.has(file)) removed.push(file);
      this.#index = next;
    }
    const servingMs = performance.now() - t0;
    logWarnings(this.options.log, read.warnings);
    // Swap, then save: the new index serves as soon as it is whole. The snapshot is a cache of it
    // (written atomically): if the disk fails, the previous snapshot stays whole, the report says the
    // index was not saved, a restart re-reads only what changed since that snapshot, and the next
    // refresh saves again (even one that finds nothing changed) — as a start that cannot save serves
    // from memory.
    const notSaved = !same || this.#unsaved ? await this.#save(next) : undefined;
    return {
      added,
      removed,
      changed,
      articles: next.articles.size,
      sentences: next.sentences.length,
      people: next.derived.people.length,
      tolls: next.derived.tolls.length,
      warnings: read.warnings,
      servingMs,
      ms: performance.now() - t0,
      ...(notSaved ? { notSaved } : {}),
    };
  }

  /** Saves the serving index; on failure, says why (and the next refresh tries again). */
  async #save(index: CorpusIndex): Promise<string | undefined> {
    try {
      await this.#io.saveSnapshot(this.options.snapshotDir, index);
      this.#unsaved = false;
      return undefined;
    } catch (err) {
      this.#unsaved = true;
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      this.options.log.warn(`snapshot not saved (${why}); the refreshed index serves from memory`);
      return why;
    }
  }
}

/** One log line per corpus warning, naming the file. */
function logWarnings(log: Logger, warnings: CorpusWarning[]): void {
  for (const w of warnings) log.warn({ file: w.file }, `corpus: ${w.file}: ${w.problem}`);
}

/** Articles read for `derive` per turn of the event loop during `warmUp` (~10 ms on Reuters). */
const WARM_SLICE = 150;
/** Articles `warmUp` derives from to compile `derive` (each builder ~20-60 ms on Reuters). */
const WARM_SAMPLE = 1500;

/** Lets the event loop run what is waiting (answers) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A corpus read; `files` is missing when the read was a plain `readCorpus` (a test's replacement). */
type Read = Omit<CorpusReadSince, 'files'> & { files?: CorpusFiles };

/** Whether an index (a stale snapshot, from a replaceable loader) has the parts a rebuild would reuse. */
function looksWhole(index: CorpusIndex): boolean {
  return index.articles instanceof Map && Array.isArray(index.sentences) && [...index.articles.values()].every((a) => typeof a?.hash === 'string' && Array.isArray(a.sentences));
}

/** An index's analyses by content hash: the cache a rebuild draws on. */
function byHash(index: CorpusIndex): Map<string, ArticleAnalysis> {
  return new Map([...index.articles.values()].map((a) => [a.hash, a]));
}
