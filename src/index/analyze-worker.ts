import { parentPort } from 'node:worker_threads';
import type { RawArticle } from '../corpus/types.ts';
import { analyzeArticles } from '../nlp/analyze.ts';

/**
 * An analysis worker (see pool.ts): analyses the batches of articles it is sent, one reply per batch,
 * `{ id, analyses }` or `{ id, error }`. `analyzeArticles` is pure, so the results are the same as in
 * the main thread.
 */
parentPort?.on('message', (task: { id: number; raws: RawArticle[] }) => {
  try {
    parentPort!.postMessage({ id: task.id, analyses: analyzeArticles(task.raws) });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: (err as Error)?.message ?? String(err) });
  }
});
parentPort?.postMessage({ ready: true });
