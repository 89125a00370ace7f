import { derive } from '../facts/derive.ts';
import type { CorpusWarning, RawArticle } from '../corpus/types.ts';
import { type ArticleAnalysis, analyzeArticles } from '../nlp/analyze.ts';
import type { Sentence } from '../nlp/types.ts';
import { searchOver } from './compact-search.ts';
import { analyzeParallel } from './pool.ts';
import { buildPostings, type Postings, updatePostings } from './postings.ts';
import { byWording, type CorpusIndex } from './types.ts';
import { corpusKey } from './version.ts';

export { corpusKey, INDEX_VERSION } from './version.ts';

export interface BuildProgress {
  phase: 'analyse' | 'index' | 'derive';
  done: number;
  total: number;
}

export interface BuildOptions {
  /** Analyses to reuse, by content hash (an unchanged article is not analysed again). */
  cache?: Map<string, ArticleAnalysis>;
  onProgress?: (p: BuildProgress) => void;
  /** The index being replaced: the search postings of its unchanged articles are carried over, not rebuilt. */
  previous?: CorpusIndex;
}

/** Analyses every article in this thread. */
export function analyzeAll(raws: RawArticle[]): ArticleAnalysis[] {
  return analyzeArticles(raws);
}

/**
 * Like `analyzeAll`, on worker threads when there is enough new text to pay for them (see `pool.ts`):
 * a full build of a large corpus uses every core.
 */
export async function analyzeAllAsync(raws: RawArticle[], opts: BuildOptions = {}): Promise<ArticleAnalysis[]> {
  const out = new Array<ArticleAnalysis | undefined>(raws.length);
  const todo: number[] = [];
  raws.forEach((raw, i) => {
    const hit = opts.cache?.get(raw.hash);
    if (hit) out[i] = hit;
    else todo.push(i);
  });
  const fresh = await analyzeParallel(
    todo.map((i) => raws[i]!),
    { onProgress: (done, total) => opts.onProgress?.({ phase: 'analyse', done, total }) },
  );
  todo.forEach((i, k) => {
    out[i] = fresh[k];
  });
  return out as ArticleAnalysis[];
}

/**
 * The postings of the new sentence table: carried over from `previous` for articles it has with the
 * same content (their sentences' ids shift, their terms are not re-read), built for the others.
 */
function postingsFor(sorted: ArticleAnalysis[], sentences: Sentence[], previous: CorpusIndex | undefined): Postings {
  if (!previous) return buildPostings(sentences.map((s) => s.terms));
  const old = previous.postings;
  const oldStart = new Map<string, number>();
  let at = 0;
  for (const [file, a] of previous.articles) {
    oldStart.set(file, at);
    at += a.sentences.length;
  }
  if (at !== previous.sentences.length) return buildPostings(sentences.map((s) => s.terms));
  const keep = new Int32Array(previous.sentences.length).fill(-1);
  const added: { id: number; terms: string }[] = [];
  let id = 0;
  for (const a of sorted) {
    const before = previous.articles.get(a.meta.file);
    const start = oldStart.get(a.meta.file);
    if (before && start !== undefined && before.hash === a.hash && before.sentences.length === a.sentences.length) {
      for (let k = 0; k < a.sentences.length; k++) keep[start + k] = id + k;
    } else {
      a.sentences.forEach((s, k) => {
        added.push({ id: id + k, terms: s.terms });
      });
    }
    id += a.sentences.length;
  }
  return updatePostings(old, keep, added, sentences.length);
}

/** Assembles an index from analysed articles: sentence table, MiniSearch, and derived answers. */
export function assembleIndex(key: string, analyses: ArticleAnalysis[], warnings: CorpusWarning[], opts: BuildOptions = {}): CorpusIndex {
  const sorted = [...analyses].sort((a, b) => (a.meta.file < b.meta.file ? -1 : 1));
  const articles = new Map(sorted.map((a) => [a.meta.file, a]));
  const sentences = sorted.flatMap((a) => a.sentences);
  const byKey = byWording(sentences);
  opts.onProgress?.({ phase: 'index', done: 0, total: sentences.length });
  const postings = postingsFor(sorted, sentences, opts.previous);
  const search = searchOver(postings);
  opts.onProgress?.({ phase: 'derive', done: 0, total: sorted.length });
  return { key, articles, sentences, byKey, search, postings, derived: derive(sorted), warnings, builtAt: new Date().toISOString() };
}

/** Builds an index from articles read from disk (in this thread; the store uses `analyzeAllAsync`). */
export function buildIndex(raws: RawArticle[], warnings: CorpusWarning[]): CorpusIndex {
  return assembleIndex(corpusKey(raws), analyzeAll(raws), warnings);
}
