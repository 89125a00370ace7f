import type { Word } from '../person-words.ts';
import { type ArticleContext, BOS, EMPTY, EOS, featureKey, infoEpoch, infoOf, lineKind, MAX_INFOS, nameLike, ONE, pairHash, posHash, runOf, T, type WordInfo } from './features.ts';
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
function add(m: Weights, key: number, out: Float64Array, at: number): void {
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

/** Per model: the weights of single features that recur (BOS/EOS, POS tags, runs), by key. */
const memos = new WeakMap<Weights, Map<number, Float64Array>>();
let memoModel: Weights | undefined;
let memo = new Map<number, Float64Array>();

function rowOf(m: Weights, key: number): Float64Array {
  let row = memo.get(key);
  if (row === undefined) {
    row = new Float64Array(TAGS);
    add(m, key, row, 0);
    memo.set(key, row);
  }
  return row;
}

const addRow = (out: Float64Array, at: number, row: Float64Array) => {
  out[at]! += row[0]!;
  out[at + 1]! += row[1]!;
  out[at + 2]! += row[2]!;
};

/**
 * The partial sums of every word info, at PARTS × info.id (see SELF … NEXT2), for the model `partsModel`
 * and the infos of `partsEpoch`; `have[id]` says whether they are summed yet. One flat array: a word's
 * sums are one read away from its info.
 */
const PARTS = 5 * TAGS;
let parts = new Float64Array(1024 * PARTS);
let have = new Uint8Array(1024);
let partsModel: Weights | undefined;
let partsEpoch = -1;

/** Where the partial sums of a word's info for model m start in `parts`. */
function partsOf(m: Weights, info: WordInfo): number {
  const id = info.id;
  const at = id * PARTS;
  if (have[id] === 1) return at;
  if (have.length <= id) {
    const size = Math.min(MAX_INFOS, 2 * id + 1);
    const grown = new Float64Array(size * PARTS);
    grown.set(parts);
    parts = grown;
    const seen = new Uint8Array(size);
    seen.set(have);
    have = seen;
  }
  have[id] = 1;
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

let infos: (WordInfo | undefined)[] = [];

/**
 * Adds to `em` (n × TAGS, zeroed) the emission scores of the sentence's candidate words, times the
 * model's scale, and marks them in `cand`; returns how many there are. The candidates are those of
 * `sentenceFeatures`: the name-like words, less a lone first word the article writes in lower case.
 */
export function emissionsInto(m: Weights, ws: Word[], ctx: ArticleContext, em: Float64Array, cand: Uint8Array): number {
  if (memoModel !== m) {
    memoModel = m;
    memo = memos.get(m) ?? new Map();
    memos.set(m, memo);
  }
  if (partsModel !== m || partsEpoch !== infoEpoch) {
    partsModel = m;
    partsEpoch = infoEpoch;
    have.fill(0);
  }
  const n = ws.length;
  let count = 0;
  let kind = -1;
  if (infos.length < n) infos = new Array(2 * n);
  let filled = -1;
  let i = 0;
  while (i < n) {
    if (!nameLike(ws[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && nameLike(ws[j + 1]!)) j++;
    if (j === 0 && ctx.lowerWords.has(ws[0]!.lower)) {
      i++;
      continue;
    }
    if (kind === -1) kind = lineKind(ws);
    for (let k = Math.max(filled + 1, i - 2); k <= Math.min(n - 1, j + 2); k++) infos[k] = infoOf(ws[k]!);
    filled = Math.min(n - 1, j + 2);
    for (let k = i; k <= j; k++) {
      const w = ws[k]!;
      const at = k * TAGS;
      const info = infos[k]!;
      const pi = k > 0 ? infos[k - 1]! : undefined;
      const ni = k + 1 < n ? infos[k + 1]! : undefined;
      const s0 = info.shape;
      const pl = pi ? pi.word : BOS;
      const nl = ni ? ni.word : EOS;
      addParts(em, at, partsOf(m, info) + SELF);
      if (pi) addParts(em, at, partsOf(m, pi) + PREV);
      else addRow(em, at, rowOf(m, featureKey(T['w-1'], BOS)));
      if (ni) addParts(em, at, partsOf(m, ni) + NEXT);
      else addRow(em, at, rowOf(m, featureKey(T['w+1'], EOS)));
      if (k >= 2) addParts(em, at, partsOf(m, infos[k - 2]!) + PREV2);
      else addRow(em, at, rowOf(m, featureKey(T['w-2'], BOS)));
      if (k + 2 < n) addParts(em, at, partsOf(m, infos[k + 2]!) + NEXT2);
      else addRow(em, at, rowOf(m, featureKey(T['w+2'], EOS)));
      addRow(em, at, rowOf(m, featureKey(T.pos0, posHash(w.pos))));
      addRow(em, at, rowOf(m, featureKey(T['pos-1'], k > 0 ? posHash(ws[k - 1]!.pos) : BOS)));
      addRow(em, at, rowOf(m, featureKey(T['pos+1'], k + 1 < n ? posHash(ws[k + 1]!.pos) : EOS)));
      addRow(em, at, rowOf(m, featureKey(T.run, runOf(j - i + 1, k - i, k === j))));
      if (ctx.lowerWords.has(w.lower)) addRow(em, at, rowOf(m, featureKey(T.doclower, ONE)));
      if (k === 0) add(m, featureKey(T['first|shape0'], s0), em, at);
      add(m, featureKey(T['shape-1|0'], pairHash(pi ? pi.shape : BOS, s0)), em, at);
      add(m, featureKey(T['shape0|+1'], pairHash(s0, ni ? ni.shape : EOS)), em, at);
      add(m, featureKey(T['line|shape0'], pairHash(kind, s0)), em, at);
      add(m, featureKey(T['w-1|shape0'], pairHash(pl, s0)), em, at);
      add(m, featureKey(T['w+1|shape0'], pairHash(nl, s0)), em, at);
      cand[k] = 1;
      count++;
    }
    i = j + 1;
  }
  return count;
}
