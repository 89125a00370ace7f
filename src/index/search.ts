import type MiniSearch from 'minisearch';
import type { SearchOptions, SearchResult } from 'minisearch';
import { queryTerms } from '../nlp/terms.ts';
import { MINISEARCH_OPTIONS } from './search-options.ts';
import type { IndexedDoc } from './types.ts';


/**
 * Fuzzy matching only for terms longer than 4 letters: short terms would match too much, and a flat
 * `fuzzy: 0.2` makes the slowest queries ~6× slower.
 */
const fuzzy = (term: string) => (term.length > 4 ? 0.2 : false);
/**
 * Prefix matching on the last word only (the one the user may still be typing), and only from 3
 * letters: a 1- or 2-letter prefix stands for a large part of the vocabulary (the "s" of "Toyota's"
 * made a 300 ms query of a 1 ms one on Reuters) and says little about what the user means.
 */
const MIN_PREFIX = 3;
const prefix = (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= MIN_PREFIX;

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

const EXACT: SearchOptions = { fuzzy: false, prefix: false, combineWith: 'OR', tokenize: MINISEARCH_OPTIONS.tokenize, processTerm: (t) => t };

/** Ids of the sentences that contain this normalised term exactly (no fuzzy or prefix match). */
export function sentencesWithTerm(index: MiniSearch<IndexedDoc>, term: string): number[] {
  return index.search(term, EXACT).map((r) => r.id as number);
}
