/**
 * 1. Ingest: a full build (read aside) against wink-nlp's own time on the same text.
 *
 * wink's time: `nlp.readDoc` (the bot's one wink instance, its default pipeline) over exactly the
 * paragraphs the bot hands it, single-threaded, in the same process and run. The build: what `open`
 * does without a snapshot — analysis on the worker pool, then the index (postings, MiniSearch view,
 * derived answers). Their ratio is the cost of everything the bot adds.
 */
import { derive } from '../src/facts/derive.ts';
import { cleanArticle } from '../src/corpus/clean.ts';
import type { RawArticle } from '../src/corpus/types.ts';
import { analyzeAll, analyzeAllAsync, assembleIndex, corpusKey } from '../src/index/build.ts';
import { readCorpusSince } from '../src/index/corpus-files.ts';
import { defaultWorkers } from '../src/index/pool.ts';
import { saveSnapshot } from '../src/index/snapshot.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { nlp } from '../src/nlp/wink.ts';
import { benchSnapshotDir, round, stats, timed } from './lib.ts';

export interface IngestOptions {
  runs: number;
  /** Also time a single-threaded build (no pool), once. */
  singleThread: boolean;
}

function winkPass(paragraphs: string[]): { ms: number; tokens: number } {
  const t = performance.now();
  let tokens = 0;
  for (const p of paragraphs) tokens += nlp.readDoc(p).tokens().length();
  return { ms: performance.now() - t, tokens };
}

async function productBuild(raws: RawArticle[], warnings: CorpusIndexWarnings) {
  const t0 = performance.now();
  const analyses = await analyzeAllAsync(raws);
  const t1 = performance.now();
  const index = assembleIndex(corpusKey(raws), analyses, warnings);
  const t2 = performance.now();
  return { index, analyses, ms: t2 - t0, analyseMs: t1 - t0, assembleMs: t2 - t1 };
}
type CorpusIndexWarnings = CorpusIndex['warnings'];

export async function benchIngest(corpusDir: string, opts: IngestOptions): Promise<{ result: Record<string, unknown> }> {
  // Read as the store reads a corpus it has no record of (the files and their signatures, for the snapshot).
  const read = await timed(() => readCorpusSince(corpusDir, undefined));
  const raws = read.value.articles;
  const bytes = raws.reduce((n, r) => n + Buffer.byteLength(r.text), 0);
  // The exact text wink is given: every story paragraph (cleaning is the bot's own work, done here once, untimed).
  const paragraphs = raws.flatMap((r) => cleanArticle(r.text, r.meta.title).paragraphs.map((p) => r.text.slice(p.start, p.end)));

  const wink: number[] = [];
  const build: number[] = [];
  const analyse: number[] = [];
  const assemble: number[] = [];
  let tokens = 0;
  let last: Awaited<ReturnType<typeof productBuild>> | undefined;
  for (let run = 0; run < opts.runs; run++) {
    const w = winkPass(paragraphs);
    wink.push(w.ms);
    tokens = w.tokens;
    last = undefined; // let the previous index go before building the next
    last = await productBuild(raws, read.value.warnings);
    build.push(last.ms);
    analyse.push(last.analyseMs);
    assemble.push(last.assembleMs);
    process.stderr.write(`  ingest run ${run + 1}/${opts.runs}: wink ${Math.round(w.ms)} ms, build ${Math.round(last.ms)} ms\n`);
  }
  const index = last!.index;
  const sorted = [...index.articles.values()];
  const deriveMs = (await timed(() => derive(sorted))).ms;

  let single: Record<string, unknown> | undefined;
  if (opts.singleThread) {
    const t0 = performance.now();
    const analyses = analyzeAll(raws);
    const t1 = performance.now();
    assembleIndex(corpusKey(raws), analyses, read.value.warnings);
    const t2 = performance.now();
    // Analysis is pure, so the pool must give exactly the single-threaded result.
    const differing = analyses.filter((a, i) => JSON.stringify(a) !== JSON.stringify(last!.analyses[i])).map((a) => a.meta.file);
    single = {
      buildMs: round(t2 - t0),
      analyseMs: round(t1 - t0),
      assembleMs: round(t2 - t1),
      ratioToWink: round((t2 - t0) / stats(wink).median),
      poolEqualsSingleThread: differing.length === 0,
      articlesDiffering: differing.length,
      ...(differing.length ? { firstDiffering: differing.slice(0, 5) } : {}),
    };
  }

  // Leave a snapshot (with the corpus record, as the store writes it) for the start and refresh sections.
  const snapDir = benchSnapshotDir(corpusDir);
  index.files = read.value.files;
  const save = await timed(() => saveSnapshot(snapDir, index));

  const buildMedian = stats(build).median;
  const result = {
    articles: raws.length,
    sentences: index.sentences.length,
    tokens,
    megabytes: round(bytes / 1e6),
    workers: defaultWorkers(),
    readMs: round(read.ms),
    wink: stats(wink),
    build: stats(build),
    analyse: stats(analyse),
    assemble: stats(assemble),
    deriveMs: round(deriveMs),
    articlesPerSecond: Math.round(raws.length / (buildMedian / 1000)),
    tokensPerSecond: Math.round(tokens / (buildMedian / 1000)),
    winkTokensPerSecond: Math.round(tokens / (stats(wink).median / 1000)),
    ratioToWink: round(buildMedian / stats(wink).median),
    ratioToWinkWithRead: round((buildMedian + read.ms) / stats(wink).median),
    ...(single ? { singleThread: single } : {}),
    snapshotSaveMs: round(save.ms),
  };
  return { result };
}
