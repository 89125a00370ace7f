/**
 * A process that opens a corpus the way the bot starts, then reports and exits (the cold-start and
 * memory benchmarks run it as a child: `node --expose-gc --import tsx bench/child-open.ts CORPUS SNAPSHOT_DIR`).
 * Line 1 (as soon as the index is ready): `{ readyMs, from, openMs }` — readyMs counts from process start.
 * Line 2: `firstAnswerMs` — when a first /search was answered (the answer engine and wink loaded), then,
 * after two full GCs, memory usage and the index's size.
 * Line 3: after the warm-up the console and the bot run after opening (`store.warmUp()`), its time and
 * memory usage again (the analysis code and derive's per-article caches are then loaded).
 */
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';

const [corpusDir, snapshotDir] = process.argv.slice(2);
if (!corpusDir || !snapshotDir) throw new Error('usage: child-open.ts CORPUS SNAPSHOT_DIR');
const store = new IndexStore({ corpusDir, snapshotDir, log: createLogger('error') });
const report = await store.open();
const readyMs = performance.now();
process.stdout.write(`${JSON.stringify({ readyMs, from: report.from, openMs: report.ms })}\n`);
const { reply } = await import('../src/answers/engine.ts');
const word = store.index.sentences[Math.floor(store.index.sentences.length / 2)]?.text.match(/\p{L}{5,}/u)?.[0] ?? 'news';
reply(store.index, `/search ${word}`);
const firstAnswerMs = performance.now();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
gc?.();
const m = process.memoryUsage();
const index = store.index;
process.stdout.write(`${JSON.stringify({ firstAnswerMs, ...m, articles: index.articles.size, sentences: index.sentences.length })}\n`);
const w0 = performance.now();
await store.warmUp();
const warmUpMs = performance.now() - w0;
gc?.();
gc?.();
process.stdout.write(`${JSON.stringify({ warmUpMs, ...process.memoryUsage() })}\n`);
process.exit(0);
