import type MiniSearch from 'minisearch';
import type { Derived } from '../facts/derive.ts';
import type { CorpusWarning } from '../corpus/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { Sentence } from '../nlp/types.ts';
import type { CorpusFiles } from './corpus-files.ts';
import type { Postings } from './postings.ts';

/** A sentence as MiniSearch indexes it: its id (position in `CorpusIndex.sentences`) and its terms. */
export interface IndexedDoc {
  id: number;
  terms: string;
}

/** The whole queryable state, built once and then only read. A refresh builds a new one aside. */
export interface CorpusIndex {
  /** Identity of the corpus content and the index version (what a snapshot is keyed by). */
  key: string;
  /** Articles by file name, in file-name order. */
  articles: Map<string, ArticleAnalysis>;
  /** Every sentence of every article; a sentence's id is its position here. */
  sentences: Sentence[];
  /** Sentences by wording key: more than one entry means the same sentence appears in several articles. */
  byKey: Map<string, number[]>;
  /** MiniSearch over the sentences (read-only: a refresh builds a new index). Ids are positions in `sentences`. */
  search: MiniSearch<IndexedDoc>;
  /** The inverted index `search` reads; a refresh derives the next one from it. */
  postings: Postings;
  /** What the corpus read that built this index saw of each file: the next read skips unchanged files. */
  files?: CorpusFiles;
  /** Corpus-level answers computed at indexing (people, tolls, timeline). */
  derived: Derived;
  warnings: CorpusWarning[];
  builtAt: string;
}

/** Sentence ids by wording key (`CorpusIndex.byKey`), ids ascending. */
export function byWording(sentences: readonly Sentence[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  sentences.forEach((s, id) => {
    const same = byKey.get(s.key);
    if (same) same.push(id);
    else byKey.set(s.key, [id]);
  });
  return byKey;
}
