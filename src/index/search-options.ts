import MiniSearch, { type Options } from 'minisearch';
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
