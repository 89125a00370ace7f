import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawArticle } from '../corpus/types.ts';
import { type ArticleAnalysis, analyzeArticle, analyzeArticles, READ_BATCH } from '../nlp/analyze.ts';

/**
 * Analyses articles on worker threads, one per core: wink-nlp and the fact extractors are pure CPU
 * work per article, so N cores analyse N articles at once. Results come back in input order and are
 * the same as `analyzeArticle` in the main thread (it is pure; the pool test checks it).
 *
 * Small jobs stay in the main thread: a worker costs ~0.3–0.5 s to start (Node, tsx, the wink model),
 * more than analysing a few hundred kilobytes. If a worker fails (it crashes, or a batch throws), its
 * unfinished articles are analysed in the main thread, so a real analysis error surfaces exactly as
 * it would without the pool.
 */
export interface PoolOptions {
  /** Worker threads to use (default: the cores available, at most 8). Fewer than 2 means no pool. */
  workers?: number;
  /** Below this much text (bytes), analyse in the main thread (default 1.5 MB). */
  minBytes?: number;
  /** Text per batch sent to a worker (default 64 kB): small enough to balance, large enough to amortise messages. */
  batchBytes?: number;
  /** Called after each finished batch with the number of articles analysed so far. */
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_MIN_BYTES = 1.5 * 1024 * 1024;
const DEFAULT_BATCH_BYTES = 64 * 1024;
const IN_FLIGHT_PER_WORKER = 2;

/** Default worker count: the cores this process may use. */
export function defaultWorkers(): number {
  return Math.min(8, availableParallelism());
}

/** Analyses `raws` (on worker threads when it pays), results in input order. */
export async function analyzeParallel(raws: RawArticle[], opts: PoolOptions = {}): Promise<ArticleAnalysis[]> {
  const workers = opts.workers ?? defaultWorkers();
  const bytes = raws.reduce((n, r) => n + r.text.length, 0);
  if (workers < 2 || raws.length < 2 || bytes < (opts.minBytes ?? DEFAULT_MIN_BYTES)) return inThread(raws, opts);

  const batches: number[][] = [];
  const limit = opts.batchBytes ?? DEFAULT_BATCH_BYTES;
  let cur: number[] = [];
  let size = 0;
  raws.forEach((r, i) => {
    cur.push(i);
    size += r.text.length;
    if (size >= limit) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
  });
  if (cur.length) batches.push(cur);

  const out = new Array<ArticleAnalysis | undefined>(raws.length);
  let done = 0;
  await runBatches(
    batches.map((b) => b.map((i) => raws[i]!)),
    Math.min(workers, batches.length),
    (k, analyses) => {
      batches[k]!.forEach((i, j) => {
        out[i] = analyses[j];
      });
      done += analyses.length;
      opts.onProgress?.(done, raws.length);
    },
  );
  // Whatever a worker could not do (it failed, or the pool could not start) is done here.
  for (let i = 0; i < raws.length; i++) out[i] ??= analyzeArticle(raws[i]!);
  return out as ArticleAnalysis[];
}

function inThread(raws: RawArticle[], opts: PoolOptions): ArticleAnalysis[] {
  // About twenty progress reports, each after a whole number of the analysis's own batches.
  const step = Math.max(READ_BATCH, Math.ceil(raws.length / 20 / READ_BATCH) * READ_BATCH);
  const out: ArticleAnalysis[] = [];
  for (let s = 0; s < raws.length; s += step) {
    out.push(...analyzeArticles(raws.slice(s, s + step)));
    opts.onProgress?.(out.length, raws.length);
  }
  return out;
}

type Reply = { ready: true } | { id: number; analyses: ArticleAnalysis[] } | { id: number; error: string };

/**
 * Runs the batches on `n` workers, each kept `IN_FLIGHT_PER_WORKER` batches ahead so it never waits
 * for the main thread. Resolves when every batch is answered or abandoned; a worker that fails is
 * retired and its batches are left for the caller (undefined results).
 */
function runBatches(batches: RawArticle[][], n: number, onBatch: (k: number, analyses: ArticleAnalysis[]) => void): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    let live = 0;
    const pool: Worker[] = [];
    const finish = () => {
      if (live > 0) return;
      for (const w of pool) void w.terminate();
      resolve();
    };
    for (let k = 0; k < n; k++) {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./analyze-worker.mjs', import.meta.url));
      } catch {
        continue;
      }
      pool.push(worker);
      live++;
      const pending = new Set<number>();
      let retired = false;
      const feed = () => {
        while (pending.size < IN_FLIGHT_PER_WORKER && next < batches.length) {
          const id = next++;
          pending.add(id);
          worker.postMessage({ id, raws: batches[id] });
        }
        if (pending.size === 0) retire();
      };
      const retire = () => {
        if (retired) return;
        retired = true;
        live--;
        void worker.terminate();
        finish();
      };
      worker.on('message', (m: Reply) => {
        if ('ready' in m) return feed();
        pending.delete(m.id);
        if ('analyses' in m) onBatch(m.id, m.analyses);
        feed();
      });
      worker.on('error', retire);
      worker.on('exit', retire);
    }
    finish();
  });
}
