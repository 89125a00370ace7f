/**
 * The inverted index of the sentence table, in flat typed arrays: for each distinct term, the ids of
 * the sentences that contain it and how often. It is the one source of truth for search: MiniSearch
 * reads it directly (see `compact-search.ts`), the snapshot stores it as is, and a refresh derives the
 * next one from the previous one in a linear pass instead of re-reading every sentence's terms.
 *
 * Canonical form: terms sorted (UTF-16 order), sentence ids ascending within a term. A full build and
 * an incremental update of the same sentences therefore give identical arrays, so identical scores.
 */
export interface Postings {
  /** Distinct terms, sorted; a term's id is its position. */
  terms: string[];
  /** Postings of term t are at `offsets[t] … offsets[t + 1] - 1` in `docs` and `freqs`. */
  offsets: Int32Array;
  /** Sentence ids, ascending within each term. */
  docs: Int32Array;
  /** Occurrences of the term in that sentence. */
  freqs: Int32Array;
  /** Per sentence: how many distinct terms it has (MiniSearch's "field length"). */
  lengths: Int32Array;
}

/** Postings of `terms[i]` (space-separated normalised terms) as sentence `ids[i]` (default `i`), ids ascending. */
export function buildPostings(terms: readonly string[], ids?: readonly number[], docCount = terms.length): Postings {
  const idOf = new Map<string, number>();
  const seen: string[] = [];
  let toks = new Int32Array(1024);
  let nToks = 0;
  const docStart = new Int32Array(terms.length + 1);
  for (let d = 0; d < terms.length; d++) {
    docStart[d] = nToks;
    const text = terms[d]!;
    // Split as MiniSearch's tokenizer does (`MINISEARCH_OPTIONS.tokenize`): on spaces, empty parts dropped.
    for (const w of text ? text.split(' ') : []) {
      if (!w) continue;
      let t = idOf.get(w);
      if (t === undefined) {
        t = seen.length;
        idOf.set(w, t);
        seen.push(w);
      }
      if (nToks === toks.length) toks = grow(toks);
      toks[nToks++] = t;
    }
  }
  docStart[terms.length] = nToks;

  // Canonical term order: sorted. rank[provisional id] = final id.
  const order = seen.map((_, i) => i).sort((a, b) => (seen[a]! < seen[b]! ? -1 : 1));
  const rank = new Int32Array(seen.length);
  order.forEach((prov, final) => {
    rank[prov] = final;
  });
  for (let k = 0; k < nToks; k++) toks[k] = rank[toks[k]!]!;
  const sorted = order.map((i) => seen[i]!);

  const T = sorted.length;
  const df = new Int32Array(T);
  const last = new Int32Array(T).fill(-1);
  const lengths = new Int32Array(docCount);
  for (let d = 0; d < terms.length; d++) {
    let unique = 0;
    for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
      const t = toks[k]!;
      if (last[t] !== d) {
        last[t] = d;
        df[t]!++;
        unique++;
      }
    }
    lengths[ids ? ids[d]! : d] = unique;
  }
  const offsets = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t]! + df[t]!;
  const docs = new Int32Array(offsets[T]!);
  const freqs = new Int32Array(offsets[T]!);
  const fill = offsets.slice(0, T);
  last.fill(-1);
  for (let d = 0; d < terms.length; d++) {
    const id = ids ? ids[d]! : d;
    for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
      const t = toks[k]!;
      if (last[t] !== d) {
        last[t] = d;
        const p = fill[t]!++;
        docs[p] = id;
        freqs[p] = 1;
      } else {
        freqs[fill[t]! - 1]!++;
      }
    }
  }
  return { terms: sorted, offsets, docs, freqs, lengths };
}

/**
 * The postings after a change to the sentence table, from the previous postings, without touching
 * unchanged sentences' terms: `keep[old id]` is the sentence's new id, or -1 when it is gone; `added`
 * are the new sentences with their new ids (ids ascending); `docCount` is the new table's size.
 * Kept ids must stay in the same relative order (they do: articles keep their file-name order).
 * Equal to `buildPostings` of the new table.
 */
export function updatePostings(old: Postings, keep: Int32Array, added: { id: number; terms: string }[], docCount: number): Postings {
  const add = buildPostings(
    added.map((a) => a.terms),
    added.map((a) => a.id),
    docCount,
  );
  const lengths = add.lengths;
  for (let o = 0; o < keep.length; o++) {
    const n = keep[o]!;
    if (n >= 0) lengths[n] = old.lengths[o]!;
  }
  // Merge the two sorted term lists, and for each term the two ascending id lists.
  const terms: string[] = [];
  const offsets: number[] = [0];
  let docs = new Int32Array(old.docs.length + add.docs.length);
  let freqs = new Int32Array(docs.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < old.terms.length || j < add.terms.length) {
    const a = old.terms[i];
    const b = add.terms[j];
    const takeOld = a !== undefined && (b === undefined || a <= b);
    const takeAdd = b !== undefined && (a === undefined || b <= a);
    const start = n;
    let p = takeOld ? old.offsets[i]! : 0;
    const pEnd = takeOld ? old.offsets[i + 1]! : 0;
    let q = takeAdd ? add.offsets[j]! : 0;
    const qEnd = takeAdd ? add.offsets[j + 1]! : 0;
    if (n + (pEnd - p) + (qEnd - q) > docs.length) {
      docs = grow(docs, n + (pEnd - p) + (qEnd - q));
      freqs = grow(freqs, docs.length);
    }
    while (p < pEnd || q < qEnd) {
      while (p < pEnd && keep[old.docs[p]!]! < 0) p++;
      const fromOld = p < pEnd;
      const mapped = fromOld ? keep[old.docs[p]!]! : -1;
      if (fromOld && (q >= qEnd || mapped < add.docs[q]!)) {
        docs[n] = mapped;
        freqs[n++] = old.freqs[p++]!;
      } else if (q < qEnd) {
        docs[n] = add.docs[q]!;
        freqs[n++] = add.freqs[q++]!;
      }
    }
    if (n > start) {
      terms.push((takeOld ? a : b)!);
      offsets.push(n);
    }
    if (takeOld) i++;
    if (takeAdd) j++;
  }
  return { terms, offsets: Int32Array.from(offsets), docs: docs.slice(0, n), freqs: freqs.slice(0, n), lengths };
}

function grow(a: Int32Array, atLeast = a.length * 2): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

/** Whether two postings are identical (tests, and the benchmark's incremental-equals-full check). */
export function samePostings(a: Postings, b: Postings): boolean {
  const eq = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, k) => v === y[k]);
  return a.terms.length === b.terms.length && a.terms.every((t, k) => t === b.terms[k]) && eq(a.offsets, b.offsets) && eq(a.docs, b.docs) && eq(a.freqs, b.freqs) && eq(a.lengths, b.lengths);
}
