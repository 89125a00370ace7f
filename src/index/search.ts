import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { queryTerms } from '../nlp/terms.ts';
import type { IndexedDoc } from './types.ts';

/**
 * MiniSearch over sentences. Terms arrive already normalised (see `nlp/terms.ts`), so MiniSearch
 * only splits on spaces and applies no processing of its own, at index and at query time alike.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  idField: 'id',
  fields: ['terms'],
  storeFields: [],
  tokenize: (text) => text.split(' ').filter(Boolean),
  processTerm: (term) => term,
};

export function createSearch(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>(MINISEARCH_OPTIONS);
}

/**
 * Fuzzy matching only for terms longer than 4 letters: short terms would match too much, and a flat
 * `fuzzy: 0.2` makes the slowest queries ~6× slower.
 */
const fuzzy = (term: string) => (term.length > 4 ? 0.2 : false);
/** Prefix matching on the last word only: the one the user may still be typing. */
const prefix = (_term: string, i: number, terms: string[]) => i === terms.length - 1 && terms.length > 0;

const BASE: SearchOptions = { fuzzy, prefix, weights: { fuzzy: 0.3, prefix: 0.5 }, tokenize: MINISEARCH_OPTIONS.tokenize, processTerm: (t) => t };

/** Ranked sentence ids for already normalised terms: all terms first (AND), any of them when that finds nothing (OR). */
export function searchTerms(index: MiniSearch<IndexedDoc>, terms: string[], filter?: (id: number) => boolean): SearchResult[] {
  if (terms.length === 0) return [];
  const query = terms.join(' ');
  const opts = (combineWith: 'AND' | 'OR'): SearchOptions => ({
    ...BASE,
    combineWith,
    ...(filter ? { filter: (r: SearchResult) => filter(r.id as number) } : {}),
  });
  const and = index.search(query, opts('AND'));
  return and.length > 0 || terms.length === 1 ? and : index.search(query, opts('OR'));
}

/** Ranked sentence ids for free text. */
export function searchText(index: MiniSearch<IndexedDoc>, text: string, filter?: (id: number) => boolean): SearchResult[] {
  return searchTerms(index, queryTerms(text), filter);
}
