import type { Word } from '../person-words.ts';
import { type ArticleContext, BOS, EMPTY, EOS, featureKey, infoById, infoEpoch, infoIdOf, infoShapes, infoWords, lineKind, MAX_INFOS, nameLike, ONE, pairHash, posHash, runOf, T, unscoredRun } from './features.ts';
import type { Weights } from './perceptron.ts';

/**
 * The tagger's emission scores, as `sentenceFeatures` would give them summed, with less work: most
 * features read one word alone (the word, its shape, affixes and gazetteer classes, as the word
 * itself or as a neighbour; a POS tag), and their weights are summed once per word and model and
 * remembered on the word's info. Only the features of a pair (a word and its neighbour's shape, the
 * line's kind) and the article's are looked up per word. A stored model's weights are integers (see
 * `Weights`), so the sums are exact whatever their order: the scores are the same as feature by feature.
 */

const TAGS = 3;
/** A word's partial sums: as the word itself, as w-1, w+1, w-2, w+2 (TAGS each). */
const SELF = 0;
const PREV = 3;
const NEXT = 6;
const PREV2 = 9;
const NEXT2 = 12;

/** Adds the weights of feature `key` (none when the model lacks it) to out[at..at + 2]. */
function add(m: Weights, key: number, out: Float64Array | Float32Array, at: number): void {
  const { keys, table, mask } = m;
  let s = key & mask;
  for (;;) {
    const k = keys[s * 4]!;
    if (k === key) {
      const r = s * 4;
      out[at]! += table[r + 1]!;
      out[at + 1]! += table[r + 2]!;
      out[at + 2]! += table[r + 3]!;
      return;
    }
    if (k === 0) return;
    s = (s + 1) & mask;
  }
}

/**
 * In front of the model's table, for the features of a pair (a word's shape with its neighbours'
 * or the line's kind, a neighbour's word with the shape): a direct-mapped cache of the latest key
 * per slot and its weights, copied. The same few thousand pairs come back all the time, and this
 * small table stays in the processor's cache where the model's (a megabyte, probed at random) does
 * not. The weights added are the table's own, in the same order: the sums are the same.
 */
const PAIR_BITS = 13;
const pairKeys = new Uint32Array(1 << PAIR_BITS);
/** The weights of `pairKeys[slot]` at 3 × slot (zeros for a feature the model lacks). */
const pairRows = new Float32Array(TAGS << PAIR_BITS);
let pairModel: Weights | undefined;

/** `add` through the pair cache (filled for model `pairModel`). */
function addPair(m: Weights, key: number, out: Float64Array, at: number): void {
  const slot = key >>> (32 - PAIR_BITS);
  const r = slot * TAGS;
  if (pairKeys[slot] !== key) {
    pairKeys[slot] = key;
    pairRows[r] = 0;
    pairRows[r + 1] = 0;
    pairRows[r + 2] = 0;
    add(m, key, pairRows, r);
  }
  out[at]! += pairRows[r]!;
  out[at + 1]! += pairRows[r + 1]!;
  out[at + 2]! += pairRows[r + 2]!;
}

/**
 * Per model: the weights of the single features that recur, read once: the sentence's edges
 * (BOS/EOS as a neighbour), each POS tag as the word's, its previous and its next word's, each
 * place in a run, and "also written in lower case".
 */
interface Fixed {
  /** w-1 = BOS, w+1 = EOS, w-2 = BOS, w+2 = EOS, pos-1 = BOS, pos+1 = EOS, doclower: TAGS each. */
  rows: Float64Array;
  /** By POS tag: as pos0, pos-1, pos+1 (TAGS each). */
  pos: Map<string, Float64Array>;
  /** By `runIndex`. */
  runs: Float64Array;
}
const W_PREV_BOS = 0;
const W_NEXT_EOS = 3;
const W_PREV2_BOS = 6;
const W_NEXT2_EOS = 9;
const POS_PREV_BOS = 12;
const POS_NEXT_EOS = 15;
const DOCLOWER = 18;
const fixedRows = new WeakMap<Weights, Fixed>();
let fixedModel: Weights | undefined;
let fixed: Fixed | undefined;

function fixedOf(m: Weights): Fixed {
  if (fixedModel === m) return fixed!;
  let f = fixedRows.get(m);
  if (f === undefined) {
    const rows = new Float64Array(21);
    const keys = [
      featureKey(T['w-1'], BOS),
      featureKey(T['w+1'], EOS),
      featureKey(T['w-2'], BOS),
      featureKey(T['w+2'], EOS),
      featureKey(T['pos-1'], BOS),
      featureKey(T['pos+1'], EOS),
      featureKey(T.doclower, ONE),
    ];
    for (let k = 0; k < keys.length; k++) add(m, keys[k]!, rows, k * TAGS);
    const runs = new Float64Array(10 * TAGS);
    for (let len = 1; len <= 4; len++) for (let k = 0; k < len; k++) add(m, featureKey(T.run, runOf(len, k, k === len - 1)), runs, runIndex(len, k, k === len - 1) * TAGS);
    f = { rows, pos: new Map(), runs };
    fixedRows.set(m, f);
  }
  fixedModel = m;
  fixed = f;
  return f;
}

/** The place of word k in a run of len name-like words, as `runOf` tells them apart: 0..9. */
function runIndex(len: number, k: number, last: boolean): number {
  const l = Math.min(len, 4);
  const base = (l * (l - 1)) / 2;
  return base + (last ? l - 1 : Math.min(k, l - 2));
}

/** The rows of a POS tag as pos0, pos-1 and pos+1. */
function posRows(m: Weights, f: Fixed, pos: string): Float64Array {
  let r = f.pos.get(pos);
  if (r === undefined) {
    r = new Float64Array(3 * TAGS);
    const h = posHash(pos);
    add(m, featureKey(T.pos0, h), r, 0);
    add(m, featureKey(T['pos-1'], h), r, TAGS);
    add(m, featureKey(T['pos+1'], h), r, 2 * TAGS);
    f.pos.set(pos, r);
  }
  return r;
}

/** Adds row[from..from + 2] to out[at..at + 2]. */
const addAt = (out: Float64Array, at: number, row: Float64Array, from: number) => {
  out[at]! += row[from]!;
  out[at + 1]! += row[from + 1]!;
  out[at + 2]! += row[from + 2]!;
};

/**
 * The partial sums of every word info, at PARTS × info.id (see SELF … NEXT2), for the model `partsModel`
 * and the infos of `partsEpoch`; `have[id]` says whether they are summed yet. One flat array: a word's
 * sums are one read away from its info. 32-bit floats, half the memory to read: a stored model's sums
 * are integers far below 2^24, so they are exact.
 */
const PARTS = 5 * TAGS;
let parts = new Float32Array(1024 * PARTS);
let have = new Uint8Array(1024);
let partsModel: Weights | undefined;
let partsEpoch = -1;

/** Where the partial sums of the word info `id` for model m start in `parts`. */
function partsOf(m: Weights, id: number): number {
  const at = id * PARTS;
  if (have[id] === 1) return at;
  if (have.length <= id) {
    const size = Math.min(MAX_INFOS, 2 * id + 1);
    const grown = new Float32Array(size * PARTS);
    grown.set(parts);
    parts = grown;
    const seen = new Uint8Array(size);
    seen.set(have);
    have = seen;
  }
  have[id] = 1;
  const info = infoById(id);
  const e = parts;
  e.fill(0, at, at + PARTS);
  add(m, featureKey(T.bias, EMPTY), e, at + SELF);
  add(m, featureKey(T.w0, info.word), e, at + SELF);
  add(m, featureKey(T.shape0, info.shape), e, at + SELF);
  if (info.suf3) add(m, featureKey(T.suf3, info.suf3), e, at + SELF);
  if (info.pre3) add(m, featureKey(T.pre3, info.pre3), e, at + SELF);
  if (info.suf4) add(m, featureKey(T.suf4, info.suf4), e, at + SELF);
  for (const g of info.gaz) add(m, featureKey(T.gaz0, g), e, at + SELF);
  add(m, featureKey(T['w-1'], info.word), e, at + PREV);
  for (const g of info.gaz) add(m, featureKey(T['gaz-1'], g), e, at + PREV);
  add(m, featureKey(T['w+1'], info.word), e, at + NEXT);
  for (const g of info.gaz) add(m, featureKey(T['gaz+1'], g), e, at + NEXT);
  add(m, featureKey(T['w-2'], info.word), e, at + PREV2);
  add(m, featureKey(T['w+2'], info.word), e, at + NEXT2);
  for (const g of info.gaz) add(m, featureKey(T['gaz+2'], g), e, at + NEXT2);
  return at;
}

/** Adds the partial sums at parts[p..p + 2] (read `parts` after `partsOf`, which may grow it). */
const addParts = (out: Float64Array, at: number, p: number) => {
  out[at]! += parts[p]!;
  out[at + 1]! += parts[p + 1]!;
  out[at + 2]! += parts[p + 2]!;
};

/**
 * What the scores read of each word of the sentence being scored, from its info, read once per word
 * (every word is read as itself and as up to four neighbours): its folded word's and its shape's
 * hashes, where its partial sums start in `parts`, and its POS tag's rows.
 */
let wordAt = new Uint32Array(256);
let shapeAt = new Uint32Array(256);
let partsAt = new Int32Array(256);
const posAt: Float64Array[] = [];

/**
 * Adds to `em` (n × TAGS, zeroed) the emission scores of the sentence's candidate words, times the
 * model's scale, and marks them in `cand`; returns how many there are. The candidates are those of
 * `sentenceFeatures`: the name-like words, less a lone first word the article writes in lower case.
 */
export function emissionsInto(m: Weights, ws: Word[], ctx: ArticleContext, em: Float64Array, cand: Uint8Array): number {
  const f = fixedOf(m);
  const rows = f.rows;
  if (partsModel !== m || partsEpoch !== infoEpoch) {
    partsModel = m;
    partsEpoch = infoEpoch;
    have.fill(0);
  }
  if (pairModel !== m) {
    pairModel = m;
    pairKeys.fill(0);
  }
  const n = ws.length;
  let count = 0;
  let kind = -1;
  if (wordAt.length < n) {
    wordAt = new Uint32Array(2 * n);
    shapeAt = new Uint32Array(2 * n);
    partsAt = new Int32Array(2 * n);
  }
  let filled = -1;
  let i = 0;
  while (i < n) {
    if (!nameLike(ws[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && nameLike(ws[j + 1]!)) j++;
    if (unscoredRun(ws, i, j, ctx)) {
      i = j + 1;
      continue;
    }
    if (kind === -1) kind = lineKind(ws);
    for (let k = Math.max(filled + 1, i - 2); k <= Math.min(n - 1, j + 2); k++) {
      const id = infoIdOf(ws[k]!);
      wordAt[k] = infoWords[id]!;
      shapeAt[k] = infoShapes[id]!;
      partsAt[k] = partsOf(m, id);
      posAt[k] = posRows(m, f, ws[k]!.pos);
    }
    filled = Math.min(n - 1, j + 2);
    for (let k = i; k <= j; k++) {
      const w = ws[k]!;
      const at = k * TAGS;
      const s0 = shapeAt[k]!;
      const pl = k > 0 ? wordAt[k - 1]! : BOS;
      const nl = k + 1 < n ? wordAt[k + 1]! : EOS;
      addParts(em, at, partsAt[k]! + SELF);
      if (k > 0) addParts(em, at, partsAt[k - 1]! + PREV);
      else addAt(em, at, rows, W_PREV_BOS);
      if (k + 1 < n) addParts(em, at, partsAt[k + 1]! + NEXT);
      else addAt(em, at, rows, W_NEXT_EOS);
      if (k >= 2) addParts(em, at, partsAt[k - 2]! + PREV2);
      else addAt(em, at, rows, W_PREV2_BOS);
      if (k + 2 < n) addParts(em, at, partsAt[k + 2]! + NEXT2);
      else addAt(em, at, rows, W_NEXT2_EOS);
      addAt(em, at, posAt[k]!, 0);
      if (k > 0) addAt(em, at, posAt[k - 1]!, TAGS);
      else addAt(em, at, rows, POS_PREV_BOS);
      if (k + 1 < n) addAt(em, at, posAt[k + 1]!, 2 * TAGS);
      else addAt(em, at, rows, POS_NEXT_EOS);
      addAt(em, at, f.runs, runIndex(j - i + 1, k - i, k === j) * TAGS);
      if (ctx.lowerWords.has(w.lower)) addAt(em, at, rows, DOCLOWER);
      if (k === 0) addPair(m, featureKey(T['first|shape0'], s0), em, at);
      addPair(m, featureKey(T['shape-1|0'], pairHash(k > 0 ? shapeAt[k - 1]! : BOS, s0)), em, at);
      addPair(m, featureKey(T['shape0|+1'], pairHash(s0, k + 1 < n ? shapeAt[k + 1]! : EOS)), em, at);
      addPair(m, featureKey(T['line|shape0'], pairHash(kind, s0)), em, at);
      addPair(m, featureKey(T['w-1|shape0'], pairHash(pl, s0)), em, at);
      addPair(m, featureKey(T['w+1|shape0'], pairHash(nl, s0)), em, at);
      cand[k] = 1;
      count++;
    }
    i = j + 1;
  }
  return count;
}
