import type MiniSearch from 'minisearch';
import { createSearch, MINISEARCH_OPTIONS } from './search-options.ts';
import type { IndexedDoc } from './types.ts';

/**
 * Builds the MiniSearch of a sentence table several times faster than `addAll`, with exactly the same
 * result (`toJSON()` equal, same search results in the same order).
 *
 * Why: `addAll` walks MiniSearch's radix tree once per token (≈1.5 M walks on Reuters, 2.5 s). Here
 * each token costs one hash-map lookup, and the tree gets one insertion per distinct term, in the
 * order `addAll` would have created them. That makes the index cheap enough to rebuild whole — at
 * every snapshot load (the snapshot stores terms, not postings) and at every refresh (built aside,
 * so the serving index is never mutated).
 *
 * It writes MiniSearch 7's internal fields, so it checks itself once per process against `addAll` on
 * a small sample and falls back to `addAll` if they ever disagree (e.g. after a MiniSearch upgrade).
 */
interface Internals {
  _index: { set(term: string, data: Map<number, Map<number, number>>): unknown; size: number };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
}

/** MiniSearch over `terms[id]` (space-separated normalised terms of sentence `id`), ids 0…n-1. */
export function buildSearch(terms: readonly string[]): MiniSearch<IndexedDoc> {
  return fastBuildWorks() ? fastBuild(terms) : slowBuild(terms);
}

/** The reference: MiniSearch's own `addAll`. */
export function slowBuild(terms: readonly string[]): MiniSearch<IndexedDoc> {
  const search = createSearch();
  search.addAll(terms.map((t, id) => ({ id, terms: t })));
  return search;
}

function fastBuild(terms: readonly string[]): MiniSearch<IndexedDoc> {
  const search = createSearch();
  const ms = search as unknown as Internals;
  const fieldId = ms._fieldIds[MINISEARCH_OPTIONS.fields[0]!]!;
  const postings = new Map<string, Map<number, number>>();
  const fieldLength = ms._fieldLength;
  let avg = 0;
  for (let id = 0; id < terms.length; id++) {
    const text = terms[id]!;
    let unique = 0;
    if (text.length > 0) {
      for (const term of text.split(' ')) {
        if (!term) continue;
        let docs = postings.get(term);
        if (!docs) {
          docs = new Map();
          postings.set(term, docs);
        }
        const f = docs.get(id);
        if (f === undefined) unique++;
        docs.set(id, (f ?? 0) + 1);
      }
    }
    ms._idToShortId.set(id, id);
    ms._documentIds.set(id, id);
    const lengths: number[] = [];
    lengths[fieldId] = unique;
    fieldLength.set(id, lengths);
    // The same floating-point steps as MiniSearch's addFieldLength, so scores are bit-identical.
    avg = (avg * id + unique) / (id + 1);
  }
  if (terms.length > 0) ms._avgFieldLength[fieldId] = avg;
  ms._documentCount = terms.length;
  ms._nextId = terms.length;
  for (const [term, docs] of postings) ms._index.set(term, new Map([[fieldId, docs]]));
  return search;
}

let verified: boolean | undefined;

/** Whether the fast build matches `addAll` on this MiniSearch version (checked once, < 1 ms). */
export function fastBuildWorks(): boolean {
  if (verified !== undefined) return verified;
  const sample = ['kill bomb kill', '', 'bomb paris attack', 'paris', 'attack kill 128 raid raid', 'z'];
  try {
    const fast = fastBuild(sample);
    const slow = slowBuild(sample);
    verified = JSON.stringify(fast.toJSON()) === JSON.stringify(slow.toJSON()) && fast.search('kill').length === slow.search('kill').length;
  } catch {
    verified = false;
  }
  return verified;
}
