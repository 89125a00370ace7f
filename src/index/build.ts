import { createHash } from 'node:crypto';
import { derive } from '../answers/derive.ts';
import type { CorpusWarning, RawArticle } from '../corpus/types.ts';
import { type ArticleAnalysis, analyzeArticle } from '../nlp/analyze.ts';
import type { Sentence } from '../nlp/types.ts';
import { createSearch } from './search.ts';
import type { CorpusIndex } from './types.ts';

/**
 * Version of everything that shapes the index: bump it whenever analysis, extraction or the snapshot
 * layout changes, and every snapshot made by older code is rebuilt.
 */
export const INDEX_VERSION = 1;

/** The identity of a corpus's content under this code: the snapshot key. */
export function corpusKey(articles: Pick<RawArticle, 'file' | 'hash'>[]): string {
  const h = createHash('sha256').update(`index-v${INDEX_VERSION}\n`);
  for (const a of [...articles].sort((x, y) => (x.file < y.file ? -1 : 1))) h.update(`${a.file}\0${a.hash}\n`);
  return h.digest('hex');
}

export interface BuildProgress {
  phase: 'analyse' | 'index' | 'derive';
  done: number;
  total: number;
}

export interface BuildOptions {
  /** Analyses to reuse, by content hash (an unchanged article is not analysed again). */
  cache?: Map<string, ArticleAnalysis>;
  onProgress?: (p: BuildProgress) => void;
}

/** Analyses every article (or reuses a cached analysis of the same content). */
export function analyzeAll(raws: RawArticle[], opts: BuildOptions = {}): ArticleAnalysis[] {
  const out: ArticleAnalysis[] = [];
  const step = Math.max(1, Math.floor(raws.length / 20));
  raws.forEach((raw, i) => {
    out.push(opts.cache?.get(raw.hash) ?? analyzeArticle(raw));
    if (i % step === 0) opts.onProgress?.({ phase: 'analyse', done: i, total: raws.length });
  });
  return out;
}

/** Assembles an index from analysed articles: sentence table, MiniSearch, and derived answers. */
export function assembleIndex(key: string, analyses: ArticleAnalysis[], warnings: CorpusWarning[], opts: BuildOptions = {}): CorpusIndex {
  const sorted = [...analyses].sort((a, b) => (a.meta.file < b.meta.file ? -1 : 1));
  const articles = new Map(sorted.map((a) => [a.meta.file, a]));
  const sentences: Sentence[] = [];
  const byKey = new Map<string, number[]>();
  for (const a of sorted) {
    for (const s of a.sentences) {
      const id = sentences.length;
      sentences.push(s);
      const same = byKey.get(s.key);
      if (same) same.push(id);
      else byKey.set(s.key, [id]);
    }
  }
  opts.onProgress?.({ phase: 'index', done: 0, total: sentences.length });
  const search = createSearch();
  search.addAll(sentences.map((s, id) => ({ id, terms: s.terms })));
  opts.onProgress?.({ phase: 'derive', done: 0, total: sorted.length });
  return { key, articles, sentences, byKey, search, derived: derive(sorted), warnings, builtAt: new Date().toISOString() };
}

/** Builds an index from articles read from disk. */
export function buildIndex(raws: RawArticle[], warnings: CorpusWarning[], opts: BuildOptions = {}): CorpusIndex {
  return assembleIndex(corpusKey(raws), analyzeAll(raws, opts), warnings, opts);
}
