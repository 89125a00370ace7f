import type MiniSearch from 'minisearch';
import { buildSearch } from './fast-search.ts';
import { buildPostings, type Postings } from './postings.ts';
import { createSearch, MINISEARCH_OPTIONS } from './search-options.ts';
import type { IndexedDoc } from './types.ts';

/**
 * A MiniSearch that reads the flat postings of `postings.ts` instead of building its own maps.
 *
 * MiniSearch keeps, per term, a `Map<sentence, frequency>`; building those maps is most of the cost of
 * an index (≈1.5 M entries on Reuters: 2.5 s with `addAll`, 0.7 s even when filled directly), and they
 * take ~100 MB. Its search code only ever reads them through `get`, `size` and `keys()`, so here each
 * term's entry is a read-only view of a slice of the flat arrays. Building the view costs one radix-tree
 * insertion per distinct term (~0.1 s on Reuters); scores and results are MiniSearch's own.
 *
 * The view is read-only: a refresh builds a new one aside. Mutating methods throw. It depends on
 * MiniSearch 7's internal field names, so it checks itself once per process against a real MiniSearch
 * (`compactSearchWorks`) and falls back to real maps if they ever disagree (e.g. after an upgrade).
 */

/** One term's postings: what MiniSearch's `termResults` reads (`size`, `keys()`, `get`). */
class PostingList {
  /** Position of the last key handed out by `keys()`: `get` of that key is then O(1). */
  private cursor: number;
  constructor(
    private readonly docs: Int32Array,
    private readonly freqs: Int32Array,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.cursor = start;
  }
  get size(): number {
    return this.end - this.start;
  }
  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }
  get(doc: number): number | undefined {
    if (this.docs[this.cursor] === doc) return this.freqs[this.cursor];
    let lo = this.start;
    let hi = this.end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.docs[mid]!;
      if (v === doc) return this.freqs[mid];
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
  keys(): IterableIterator<number> {
    let i = this.start;
    const { end, docs } = this;
    const set = (k: number) => {
      this.cursor = k;
    };
    return {
      next(): IteratorResult<number> {
        if (i < end) {
          set(i);
          return { value: docs[i++]!, done: false };
        }
        return { value: undefined, done: true };
      },
      [Symbol.iterator]() {
        return this;
      },
    };
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = this.start; i < this.end; i++) yield [this.docs[i]!, this.freqs[i]!];
  }
  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
  forEach(fn: (freq: number, doc: number) => void): void {
    for (let i = this.start; i < this.end; i++) fn(this.freqs[i]!, this.docs[i]!);
  }
  set(): never {
    throw readOnly();
  }
  delete(): never {
    throw readOnly();
  }
}

/** Sentence ids 0…n-1 are MiniSearch's short ids too: an identity map, without storing it. */
class IdentityIds {
  constructor(readonly size: number) {}
  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.size;
  }
  get(id: number): number | undefined {
    return this.has(id) ? id : undefined;
  }
  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.size; i++) yield i;
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [i, i];
  }
  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
  set(): never {
    throw readOnly();
  }
  delete(): never {
    throw readOnly();
  }
}

/** Per sentence `[distinct terms]`, as MiniSearch's `_fieldLength` map gives it. */
class FieldLengths {
  constructor(private readonly lengths: Int32Array) {}
  get size(): number {
    return this.lengths.length;
  }
  get(id: number): number[] | undefined {
    return id >= 0 && id < this.lengths.length ? [this.lengths[id]!] : undefined;
  }
  *entries(): IterableIterator<[number, number[]]> {
    for (let i = 0; i < this.lengths.length; i++) yield [i, [this.lengths[i]!]];
  }
  [Symbol.iterator](): IterableIterator<[number, number[]]> {
    return this.entries();
  }
  set(): never {
    throw readOnly();
  }
  delete(): never {
    throw readOnly();
  }
}

const readOnly = () => new Error('this search index is read-only: a refresh builds a new one');

interface Internals {
  _index: { set(term: string, data: unknown): unknown };
  _documentCount: number;
  _nextId: number;
  _documentIds: unknown;
  _idToShortId: unknown;
  _fieldLength: unknown;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
}

const MUTATORS = ['add', 'addAll', 'addAllAsync', 'remove', 'removeAll', 'discard', 'discardAll', 'replace', 'vacuum'] as const;

function compactView(p: Postings): MiniSearch<IndexedDoc> {
  const search = createSearch();
  const ms = search as unknown as Internals;
  const fieldId = ms._fieldIds[MINISEARCH_OPTIONS.fields[0]!]!;
  if (fieldId !== 0 || !(ms._documentIds instanceof Map) || typeof ms._index?.set !== 'function') throw new Error('unexpected MiniSearch internals');
  const n = p.lengths.length;
  ms._documentCount = n;
  ms._nextId = n;
  const ids = new IdentityIds(n);
  ms._documentIds = ids;
  ms._idToShortId = ids;
  ms._fieldLength = new FieldLengths(p.lengths);
  // The same floating-point steps as MiniSearch's addFieldLength, so scores are bit-identical to addAll.
  let avg = 0;
  for (let d = 0; d < n; d++) avg = (avg * d + p.lengths[d]!) / (d + 1);
  if (n > 0) ms._avgFieldLength[fieldId] = avg;
  for (let t = 0; t < p.terms.length; t++) {
    ms._index.set(p.terms[t]!, new Map([[fieldId, new PostingList(p.docs, p.freqs, p.offsets[t]!, p.offsets[t + 1]!)]]));
  }
  for (const m of MUTATORS) {
    Object.defineProperty(search, m, {
      value: () => {
        throw readOnly();
      },
    });
  }
  return search;
}

/** Rebuilds each sentence's terms string from postings (for the fallback path only). */
function termsOf(p: Postings): string[] {
  const per: string[][] = Array.from({ length: p.lengths.length }, () => []);
  for (let t = 0; t < p.terms.length; t++) {
    for (let k = p.offsets[t]!; k < p.offsets[t + 1]!; k++) for (let f = 0; f < p.freqs[k]!; f++) per[p.docs[k]!]!.push(p.terms[t]!);
  }
  return per.map((w) => w.join(' '));
}

/** A MiniSearch over `postings`: the compact view when it is verified to behave as MiniSearch, else real maps. */
export function searchOver(postings: Postings): MiniSearch<IndexedDoc> {
  return compactSearchWorks() ? compactView(postings) : buildSearch(termsOf(postings));
}

let verified: boolean | undefined;

/**
 * Whether the compact view gives exactly what a real MiniSearch gives (results, scores, order) on a
 * small sample with AND/OR, prefix and fuzzy queries. Checked once per process, well under 1 ms.
 */
export function compactSearchWorks(): boolean {
  if (verified !== undefined) return verified;
  verified = false;
  try {
    const sample = ['kill bomb kill', '', 'bomb pari attack', 'pari', 'attack kill 128 raid raid', 'killer z', 'raider bomber'];
    const view = compactView(buildPostings(sample));
    const real = createSearch();
    real.addAll(sample.map((terms, id) => ({ id, terms })));
    const queries: [string, object][] = [
      ['kill', {}],
      ['kill bomb', { combineWith: 'AND' }],
      ['raid bomb', { combineWith: 'OR' }],
      ['kille', { fuzzy: 0.2 }],
      ['rai', { prefix: true }],
      ['attac bomb', { prefix: true, fuzzy: 0.3, combineWith: 'OR', weights: { fuzzy: 0.3, prefix: 0.5 } }],
    ];
    verified = queries.every(([q, o]) => JSON.stringify(view.search(q, o)) === JSON.stringify(real.search(q, o)));
  } catch {
    verified = false;
  }
  return verified;
}
