import type { Word } from '../person-words.ts';
import { emissionsInto } from './emissions.ts';
import { type ArticleContext, sentenceFeatures } from './features.ts';

/**
 * A first-order sequence tagger for person names: an averaged structured perceptron (Collins 2002)
 * over BIO tags, decoded with Viterbi. Words that are not name-like are O without being scored.
 * `tag` is what indexing runs; `Learner` (used by scripts/train-people.ts) trains the same model.
 */

export const O = 0;
export const B = 1;
export const I = 2;
const TAGS = 3;
/** Transition rows: from START, O, B, I. */
const FROM = 4;

/**
 * Weights of a trained model: an open-addressing table from feature key (`featureKey`, never 0) to
 * a row of TAGS weights, probed linearly from `key & mask`. Slot s is `table[4s]` (the key, read
 * through `keys`, a view of the same memory) and its weights `table[4s + 1 .. 4s + 3]`: one probe
 * reads one cache line. The weights are stored times `scale` (a stored model's are its 16-bit
 * integers, so that a sum of them is exact in any order); a word's emission is their sum over `scale`.
 */
export interface Weights {
  keys: Uint32Array;
  table: Float32Array;
  mask: number;
  scale: number;
  /** trans[from * TAGS + to], from START/O/B/I (0..3). */
  trans: Float32Array | Float64Array;
}

/** A weight table for `keys[r]` → `rows[r * TAGS .. r * TAGS + 2]`, at most half full. */
export function weightTable(keys: ArrayLike<number>, rows: ArrayLike<number>, trans: Float32Array | Float64Array, scale = 1): Weights {
  let size = 1024;
  while (size < 2 * keys.length) size *= 2;
  const table = new Float32Array(size * 4);
  const slots = new Uint32Array(table.buffer);
  const mask = size - 1;
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r]!;
    let s = key & mask;
    while (slots[s * 4] !== 0 && slots[s * 4] !== key) s = (s + 1) & mask;
    slots[s * 4] = key;
    for (let t = 0; t < TAGS; t++) table[s * 4 + 1 + t] = rows[r * TAGS + t]!;
  }
  return { keys: slots, table, mask, scale, trans };
}

/** A span of words tagged as one person's name, with how far the tagger prefers it to nothing. */
export interface NameSpan {
  first: number;
  last: number;
  /** Score of the name's tags over O for the same words (emissions and the transitions into and out of the span). */
  margin: number;
}

let emBuf = new Float64Array(3 * 256);
let candBuf = new Uint8Array(256);
let tagBuf = new Uint8Array(256);

/** Reused buffers of n words' emission scores (zeroed) and candidate marks (cleared); valid until the next call. */
function buffers(n: number): { em: Float64Array; cand: Uint8Array } {
  if (candBuf.length < n) {
    candBuf = new Uint8Array(2 * n);
    tagBuf = new Uint8Array(2 * n);
    emBuf = new Float64Array(2 * n * TAGS);
  }
  emBuf.fill(0, 0, n * TAGS);
  candBuf.fill(0, 0, n);
  return { em: emBuf, cand: candBuf };
}

/**
 * Emission scores (n × TAGS, in the reused `emBuf`) and which words are name-like (`candBuf`; the
 * others are O); false when no word is. Only the candidates' scores are read after.
 */
function emissions(model: Weights, ws: Word[], ctx: ArticleContext): boolean {
  const { em, cand } = buffers(ws.length);
  if (emissionsInto(model, ws, ctx, em, cand) === 0) return false;
  if (model.scale !== 1) {
    const inv = model.scale;
    for (let i = 0; i < ws.length; i++) {
      if (cand[i] === 0) continue;
      const at = i * TAGS;
      em[at] = em[at]! / inv;
      em[at + 1] = em[at + 1]! / inv;
      em[at + 2] = em[at + 2]! / inv;
    }
  }
  return true;
}

/** `emissions` feature by feature, from `sentenceFeatures` (what the learner reads): the reference the fast path must equal. */
export function featureEmissions(model: Weights, ws: Word[], ctx: ArticleContext): { em: Float64Array; cand: Uint8Array } | null {
  const { keys, start, count } = sentenceFeatures(ws, ctx);
  if (count === 0) return null;
  const n = ws.length;
  buffers(n);
  const em = emBuf.subarray(0, n * TAGS);
  const cand = candBuf.subarray(0, n);
  const { keys: slots, mask, table } = model;
  for (let i = 0; i < n; i++) {
    const a = start[i]!;
    const b = start[i + 1]!;
    if (a === b) continue;
    cand[i] = 1;
    const at = i * TAGS;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    for (let f = a; f < b; f++) {
      const key = keys[f]!;
      let s = key & mask;
      for (;;) {
        const k = slots[s * 4]!;
        if (k === key) {
          const r = s * 4;
          e0 += table[r + 1]!;
          e1 += table[r + 2]!;
          e2 += table[r + 3]!;
          break;
        }
        if (k === 0) break;
        s = (s + 1) & mask;
      }
    }
    em[at] = e0 / model.scale;
    em[at + 1] = e1 / model.scale;
    em[at + 2] = e2 / model.scale;
  }
  return { em, cand };
}

const NEG = -1e300;
let score = new Float64Array(3 * 64);
let back = new Uint8Array(3 * 64);

/**
 * The best tag sequence under emissions `em` and transitions `trans` (I only after B or I). A word
 * that is not a candidate is O, so each run of candidates is decoded alone, entered from O (or
 * from the start) and left into O: the same path as decoding the whole sentence.
 */
function viterbi(em: Float64Array, cand: Uint8Array, trans: ArrayLike<number>, n: number = cand.length, tags: Uint8Array = new Uint8Array(n)): Uint8Array {
  tags.fill(O, 0, n);
  let i = 0;
  while (i < n) {
    if (!cand[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && cand[j + 1]) j++;
    decodeRun(em, trans, i, j, j + 1 < n, tags);
    i = j + 1;
  }
  return tags;
}

/** Viterbi over the candidates a..b, entered from O (from the start when a is 0), left into O when `exit`. */
function decodeRun(em: Float64Array, trans: ArrayLike<number>, a: number, b: number, exit: boolean, tags: Uint8Array): void {
  const len = b - a + 1;
  if (score.length < len * TAGS) {
    score = new Float64Array(2 * len * TAGS);
    back = new Uint8Array(2 * len * TAGS);
  }
  const from = a === 0 ? 0 : O + 1;
  for (let t = 0; t < TAGS; t++) score[t] = t === I ? NEG : em[a * TAGS + t]! + trans[from * TAGS + t]!;
  for (let k = 1; k < len; k++) {
    const e = (a + k) * TAGS;
    const prev = (k - 1) * TAGS;
    for (let t = 0; t < TAGS; t++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < TAGS; p++) {
        if (t === I && p === O) continue;
        const s = score[prev + p]!;
        if (s <= NEG) continue;
        const v = s + trans[(p + 1) * TAGS + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[k * TAGS + t] = best <= NEG ? NEG : best + em[e + t]!;
      back[k * TAGS + t] = arg;
    }
  }
  const end = (len - 1) * TAGS;
  let last = 0;
  if (exit) {
    let best = NEG;
    for (let t = 0; t < TAGS; t++) {
      const s = score[end + t]!;
      if (s <= NEG) continue;
      const v = s + trans[(t + 1) * TAGS + O]!;
      if (v > best) {
        best = v;
        last = t;
      }
    }
  } else {
    for (let t = 1; t < TAGS; t++) if (score[end + t]! > score[end + last]!) last = t;
  }
  for (let k = len - 1; k >= 0; k--) {
    tags[a + k] = last;
    last = back[k * TAGS + last]!;
  }
}

/** Spans of B I* in a tag sequence, each with its margin over O. */
function spansOf(tags: Uint8Array, em: Float64Array, trans: ArrayLike<number>, n: number = tags.length): NameSpan[] {
  const out: NameSpan[] = [];
  for (let i = 0; i < n; i++) {
    if (tags[i] !== B) continue;
    let j = i;
    while (j + 1 < n && tags[j + 1] === I) j++;
    // The emissions of words i..j and the transitions into i..j+1, as tagged and with i..j as O.
    let tagged = 0;
    let none = 0;
    const top = Math.min(j + 1, n - 1);
    for (let k = i; k <= top; k++) {
      const t = tags[k]!;
      const o = k <= j ? O : t;
      const fromT = k === 0 ? 0 : tags[k - 1]! + 1;
      const fromO = k === 0 ? 0 : (k - 1 >= i ? O : tags[k - 1]!) + 1;
      tagged += trans[fromT * TAGS + t]!;
      if (k <= j) tagged += em[k * TAGS + t]!;
      none += trans[fromO * TAGS + o]!;
      if (k <= j) none += em[k * TAGS + o]!;
    }
    out.push({ first: i, last: j, margin: tagged - none });
    i = j;
  }
  return out;
}

/** Names the model finds in one sentence's words. */
export function tag(model: Weights, ws: Word[], ctx: ArticleContext): NameSpan[] {
  const n = ws.length;
  if (n === 0 || !emissions(model, ws, ctx)) return [];
  return spansOf(viterbi(emBuf, candBuf, model.trans, n, tagBuf), emBuf, model.trans, n);
}

/** One training sentence: its words' feature rows and gold tags. */
interface Example {
  rows: (Int32Array | null)[];
  gold: Uint8Array;
}

/** Trains the weights: averaged structured perceptron, Viterbi decoding. */
export class Learner {
  /** Feature key → row. */
  readonly rowOf = new Map<number, number>();
  private w = new Float64Array(1 << 16);
  private u = new Float64Array(1 << 16);
  private rows = 0;
  private readonly trans = new Float64Array(FROM * TAGS);
  private readonly transU = new Float64Array(FROM * TAGS);
  private c = 1;
  private readonly examples: Example[] = [];

  private row(key: number): number {
    let r = this.rowOf.get(key);
    if (r === undefined) {
      r = this.rows++;
      this.rowOf.set(key, r);
      if (this.rows * TAGS > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
      }
    }
    return r;
  }

  /** Adds a sentence with its gold tags (one per word). */
  add(ws: Word[], ctx: ArticleContext, gold: Uint8Array): void {
    const rows: (Int32Array | null)[] = new Array(ws.length).fill(null);
    const { keys, start } = sentenceFeatures(ws, ctx);
    for (let i = 0; i < ws.length; i++) {
      if (start[i] === start[i + 1]) continue;
      rows[i] = Int32Array.from(keys.subarray(start[i]!, start[i + 1]!), (key) => this.row(key));
    }
    // A gold name word that is not name-like cannot be tagged: it stays O.
    const g = Uint8Array.from(gold, (x, i) => (rows[i] ? x : O));
    for (let i = 0; i < g.length; i++) if (g[i] === I && (i === 0 || g[i - 1] === O)) g[i] = B;
    this.examples.push({ rows, gold: g });
  }

  get size(): number {
    return this.examples.length;
  }

  private decode(ex: Example): Uint8Array {
    const n = ex.rows.length;
    const em = new Float64Array(n * TAGS);
    const cand = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const rows = ex.rows[i];
      if (!rows) continue;
      cand[i] = 1;
      for (const r of rows) for (let t = 0; t < TAGS; t++) em[i * TAGS + t]! += this.w[r * TAGS + t]!;
    }
    return viterbi(em, cand, this.trans);
  }

  private bump(a: Float64Array, u: Float64Array, k: number, d: number): void {
    a[k]! += d;
    u[k]! += this.c * d;
  }

  /** One pass over the examples in the order given by `order`; returns the number of wrong words. */
  epoch(order: number[]): number {
    let wrong = 0;
    for (const e of order) {
      const ex = this.examples[e]!;
      const pred = this.decode(ex);
      const { gold, rows } = ex;
      let differs = false;
      for (let i = 0; i < gold.length; i++) {
        if (pred[i] === gold[i]) continue;
        differs = true;
        wrong++;
        for (const r of rows[i] ?? []) {
          this.bump(this.w, this.u, r * TAGS + gold[i]!, 1);
          this.bump(this.w, this.u, r * TAGS + pred[i]!, -1);
        }
      }
      if (differs) {
        for (let i = 0; i < gold.length; i++) {
          const gf = i === 0 ? 0 : gold[i - 1]! + 1;
          const pf = i === 0 ? 0 : pred[i - 1]! + 1;
          if (gf === pf && gold[i] === pred[i]) continue;
          this.bump(this.trans, this.transU, gf * TAGS + gold[i]!, 1);
          this.bump(this.trans, this.transU, pf * TAGS + pred[i]!, -1);
        }
      }
      this.c++;
    }
    return wrong;
  }

  /** The averaged weights. */
  averaged(): Weights {
    const weights = new Float64Array(this.rows * TAGS);
    for (let k = 0; k < weights.length; k++) weights[k] = this.w[k]! - this.u[k]! / this.c;
    const trans = new Float64Array(FROM * TAGS);
    for (let k = 0; k < trans.length; k++) trans[k] = this.trans[k]! - this.transU[k]! / this.c;
    return weightTable([...this.rowOf.keys()], weights, trans);
  }
}
