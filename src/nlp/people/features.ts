import { CORPORATE_SUFFIX, cityPopulation, isGivenName, isRoleNoun, NOT_NAMES, nationKind, ORG_HEADS, PARTICLES, TITLES } from '../gazetteer.ts';
import { LEAD_DIGIT, LEAD_LOWER, type Word } from '../person-words.ts';

/**
 * The features the person tagger reads for each word of a sentence: the word itself and its
 * neighbours (folded), its shape and case, prefixes and suffixes, wink's POS tags, the gazetteers
 * (given names, countries, cities, titles, role nouns, organisation heads), the capitalised run it
 * stands in, and two facts about the whole article (is the word also written in lower case; is the
 * line a results row). The same code serves training (scripts/train-people.ts) and tagging, so the
 * two always agree.
 *
 * A feature is a (template, value) pair, hashed to one 32-bit key: FNV-1a of the value's text (a
 * pair of values: their two hashes mixed), mixed with the template's number. No feature string is
 * ever built, and the stored model holds keys and weights, never the words it was trained on.
 */

/** Template names, in table order. Changing them (or what they read) requires retraining the model. */
export const TEMPLATES = [
  'bias',
  'w0',
  'w-1',
  'w+1',
  'w-2',
  'w+2',
  'shape0',
  'shape-1|0',
  'shape0|+1',
  'suf3',
  'suf4',
  'pre3',
  'pos0',
  'pos-1',
  'pos+1',
  'gaz0',
  'gaz-1',
  'gaz+1',
  'gaz+2',
  'first|shape0',
  'run',
  'doclower',
  'line|shape0',
  'w-1|shape0',
  'w+1|shape0',
] as const;
export type Template = (typeof TEMPLATES)[number];
export const T = Object.fromEntries(TEMPLATES.map((t, i) => [t, i])) as Record<Template, number>;

/** FNV-1a of s[from..to) (UTF-16 code units), 32 bits. */
export function fnv1a(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** Murmur3's finaliser: spreads the bits of a 32-bit value. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two value hashes as the hash of their pair (order matters). */
export const pairHash = (a: number, b: number) => fmix(Math.imul(a ^ 0x27d4eb2d, 0x165667b1) + b);

/** The key of feature (template, value hash); never 0 (the weight table's empty slot). */
export const featureKey = (t: number, v: number) => fmix(v + Math.imul(t + 1, 0x9e3779b1)) || 1;

/** A word may be (part of) a person's name (read by `wordsOf`): capitalised, or a name particle ("van", "de"). */
export const nameLike = (w: Word): boolean => w.nameLike;

/**
 * A run of name-like words ws[i..j] the tagger leaves O unscored:
 * - a lone capitalised first word the article also writes in lower case ("The", "But", "Police"),
 *   which spares the tagger a word in most sentences;
 * - a lone word in capitals that wink does not take for a proper noun ("REUTER", "S&P");
 * - a run inside wink's dates and figures ("March", "Friday", "April Three"), never a name.
 */
export function unscoredRun(ws: Word[], i: number, j: number, ctx: ArticleContext): boolean {
  if (j === 0 && ctx.lowerWords.has(ws[0]!.lower)) return true;
  if (i === j && !ws[i]!.name && ws[i]!.text === ws[i]!.text.toUpperCase()) return true;
  for (let k = i; k <= j; k++) if (!ws[k]!.figure) return false;
  return true;
}

/** Case and character classes, runs collapsed: "McCague" → "XxXx", "S." → "X.", "1:18.11" → "d:d.d". */
function shapeOf(text: string): string {
  let out = '';
  let last = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const k =
      c < 128
        ? c >= 65 && c <= 90
          ? 'X'
          : c >= 97 && c <= 122
            ? 'x'
            : c >= 48 && c <= 57
              ? 'd'
              : ch
        : /\p{Lu}/u.test(ch)
          ? 'X'
          : /\p{Ll}/u.test(ch)
            ? 'x'
            : /\p{N}/u.test(ch)
              ? 'd'
              : ch;
    if (k !== last) out += k;
    last = k;
    if (out.length >= 8) break;
  }
  return out;
}

/** Gazetteer classes, as value hashes. */
const GAZ = Object.fromEntries(
  ['given', 'country', 'demonym', 'bigcity', 'city', 'title', 'role', 'org', 'corp', 'particle', 'notname'].map((g) => [g, fnv1a(g)]),
) as Record<string, number>;
const NONE = new Uint32Array(0);

/** What the features read of a word alone, as value hashes, remembered by its text: the same words come back all the time. */
export interface WordInfo {
  /** The folded word. */
  word: number;
  shape: number;
  /** 0: the word is too short to have one. */
  suf3: number;
  suf4: number;
  pre3: number;
  gaz: Uint32Array;
  /** A number of its own among the infos of this `infoEpoch` (./emissions.ts keeps its sums by it). */
  id: number;
}
const INFO = new Map<string, WordInfo>();
/** At most this many infos at once; when full, all are forgotten and a new epoch begins. */
export const MAX_INFOS = 100_000;
/** Changes whenever the infos are forgotten (and their ids start again from 0). */
export let infoEpoch = 0;
/** The infos of this epoch by id. */
const INFO_BY_ID: WordInfo[] = [];
/** The info numbered `id` in this epoch. */
export const infoById = (id: number): WordInfo => INFO_BY_ID[id]!;
/**
 * `word` and `shape` of the infos by id, which the tagger reads for every word it scores and its
 * neighbours: two flat arrays a few hundred kilobytes at most, where the infos themselves lie
 * scattered over the heap (reading each one a likely miss of the processor's cache).
 */
export const infoWords = new Uint32Array(MAX_INFOS);
export const infoShapes = new Uint32Array(MAX_INFOS);
/**
 * In front of INFO, a direct-mapped cache of the latest word per slot (its info's id), by a hash of
 * its length and three letters: most words are the few common ones, found without hashing the whole text.
 * 16K slots (about 200 KB): on Reuters, 83% of the tagger's lookups are found here, against 76% with
 * 4K, and each lookup of INFO that this spares is a likely miss of the processor's cache or several.
 */
const RECENT_BITS = 14;
const recentText: string[] = new Array(1 << RECENT_BITS).fill('');
const recentId = new Int32Array(1 << RECENT_BITS);

export function infoOf(w: Word): WordInfo {
  return INFO_BY_ID[infoIdOf(w)]!;
}

/** The id of `infoOf(w)`. */
export function infoIdOf(w: Word): number {
  const t = w.text;
  const n = t.length;
  const slot = (Math.imul(n * 31 + t.charCodeAt(0), 0x9e3779b1) ^ Math.imul(t.charCodeAt(n >> 1) * 131 + t.charCodeAt(n - 1), 0x85ebca6b)) >>> (32 - RECENT_BITS);
  if (recentText[slot] === t) return recentId[slot]!;
  const id = infoByText(w).id;
  recentText[slot] = t;
  recentId[slot] = id;
  return id;
}

function infoByText(w: Word): WordInfo {
  let info = INFO.get(w.text);
  if (info === undefined) {
    if (INFO.size >= MAX_INFOS) {
      INFO.clear();
      INFO_BY_ID.length = 0;
      recentText.fill('');
      infoEpoch++;
    }
    const l = w.lower;
    const n = l.length;
    info = {
      word: fnv1a(l),
      shape: fnv1a(shapeOf(w.text)),
      suf3: n > 3 ? fnv1a(l, n - 3) : 0,
      suf4: n > 4 ? fnv1a(l, n - 4) : 0,
      pre3: n > 3 ? fnv1a(l, 0, 3) : 0,
      gaz: gazOf(l),
      id: INFO.size,
    };
    INFO.set(w.text, info);
    INFO_BY_ID.push(info);
    infoWords[info.id] = info.word;
    infoShapes[info.id] = info.shape;
  }
  return info;
}

/** Gazetteer classes of a folded word. */
function gazOf(folded: string): Uint32Array {
  const out: number[] = [];
  const lower = folded.replace(/['’]s$/, '');
  if (isGivenName(lower)) out.push(GAZ.given!);
  const nation = nationKind(lower);
  if (nation) out.push(GAZ[nation]!);
  const pop = cityPopulation(lower);
  if (pop >= 100_000) out.push(GAZ.bigcity!);
  else if (pop >= 0) out.push(GAZ.city!);
  if (TITLES.has(lower)) out.push(GAZ.title!);
  if (isRoleNoun(lower, false)) out.push(GAZ.role!);
  if (ORG_HEADS.has(lower)) out.push(GAZ.org!);
  if (CORPORATE_SUFFIX.test(lower)) out.push(GAZ.corp!);
  if (PARTICLES.has(lower)) out.push(GAZ.particle!);
  if (NOT_NAMES.has(lower)) out.push(GAZ.notname!);
  return out.length ? Uint32Array.from(out) : NONE;
}

/** POS tags as value hashes (a closed set). */
const POS = new Map<string, number>();
export const posHash = (pos: string) => {
  let h = POS.get(pos);
  if (h === undefined) {
    h = fnv1a(pos);
    POS.set(pos, h);
  }
  return h;
};

/** What the tagger knows of an article beyond the sentence: the words it writes in lower case. */
export interface ArticleContext {
  lowerWords: Set<string>;
}

/** Reads the article-level context from every sentence's words. */
export function articleContext(sentences: Word[][]): ArticleContext {
  const lowerWords = new Set<string>();
  for (const ws of sentences) {
    for (let i = 1; i < ws.length; i++) {
      const c = ws[i]!.text.charCodeAt(0);
      if (c >= 97 && c <= 122) lowerWords.add(ws[i]!.lower);
    }
  }
  return { lowerWords };
}

/** A results row or a list line rather than running text: many figures, few lower-case words. */
export function lineKind(ws: Word[]): number {
  let digits = 0;
  let lower = 0;
  for (let i = 0; i < ws.length; i++) {
    const lead = ws[i]!.lead;
    if (lead === LEAD_DIGIT) digits++;
    else if (lead === LEAD_LOWER) lower++;
  }
  if (ws.length < 4) return LINE.short!;
  if (digits * 4 >= ws.length) return LINE.figures!;
  if (lower * 4 < ws.length) return LINE.caps!;
  return LINE.prose!;
}
const LINE = Object.fromEntries(['short', 'figures', 'caps', 'prose'].map((k) => [k, fnv1a(k)])) as Record<string, number>;

export const BOS = fnv1a('<s>');
export const EOS = fnv1a('</s>');
export const EMPTY = fnv1a('');
export const ONE = fnv1a('1');
/** "3:1": the second word of a run of three; "4:3e": the last of four or more. */
const RUNS = [1, 2, 3, 4].map((len) => Array.from({ length: len }, (_, k) => fnv1a(`${len}:${k}${k === len - 1 ? 'e' : ''}`)));
export function runOf(len: number, k: number, last: boolean): number {
  const row = RUNS[Math.min(len, 4) - 1]!;
  if (last) return row[row.length - 1]!;
  return row[Math.min(k, row.length - 2)]!;
}

/** The most features a word has: 25 templates, the four gazetteer ones with up to 11 classes each. */
export const MAX_FEATURES = TEMPLATES.length + 4 * 11;

/**
 * Writes the feature keys of word `i` into `out` from `at`; returns where they end. `infos` are the
 * sentence's word infos, `kind` its `lineKind`, `run` the hash of the word's place in its name-like run.
 */
function wordFeatures(ws: Word[], infos: WordInfo[], i: number, ctx: ArticleContext, kind: number, run: number, out: Uint32Array, at: number): number {
  const w = ws[i]!;
  const p = ws[i - 1];
  const n = ws[i + 1];
  const info = infos[i]!;
  const pi = p ? infos[i - 1] : undefined;
  const ni = n ? infos[i + 1] : undefined;
  const n2i = i + 2 < ws.length ? infos[i + 2] : undefined;
  const s0 = info.shape;
  const pl = pi ? pi.word : BOS;
  const nl = ni ? ni.word : EOS;
  out[at++] = featureKey(T.bias, EMPTY);
  out[at++] = featureKey(T.w0, info.word);
  out[at++] = featureKey(T['w-1'], pl);
  out[at++] = featureKey(T['w+1'], nl);
  out[at++] = featureKey(T['w-2'], i >= 2 ? infos[i - 2]!.word : BOS);
  out[at++] = featureKey(T['w+2'], n2i ? n2i.word : EOS);
  out[at++] = featureKey(T.shape0, s0);
  out[at++] = featureKey(T['shape-1|0'], pairHash(pi ? pi.shape : BOS, s0));
  out[at++] = featureKey(T['shape0|+1'], pairHash(s0, ni ? ni.shape : EOS));
  if (info.suf3) out[at++] = featureKey(T.suf3, info.suf3);
  if (info.pre3) out[at++] = featureKey(T.pre3, info.pre3);
  if (info.suf4) out[at++] = featureKey(T.suf4, info.suf4);
  out[at++] = featureKey(T.pos0, posHash(w.pos));
  out[at++] = featureKey(T['pos-1'], p ? posHash(p.pos) : BOS);
  out[at++] = featureKey(T['pos+1'], n ? posHash(n.pos) : EOS);
  for (const g of info.gaz) out[at++] = featureKey(T.gaz0, g);
  if (pi) for (const g of pi.gaz) out[at++] = featureKey(T['gaz-1'], g);
  if (ni) for (const g of ni.gaz) out[at++] = featureKey(T['gaz+1'], g);
  if (n2i) for (const g of n2i.gaz) out[at++] = featureKey(T['gaz+2'], g);
  if (i === 0) out[at++] = featureKey(T['first|shape0'], s0);
  out[at++] = featureKey(T.run, run);
  if (ctx.lowerWords.has(w.lower)) out[at++] = featureKey(T.doclower, ONE);
  out[at++] = featureKey(T['line|shape0'], pairHash(kind, s0));
  out[at++] = featureKey(T['w-1|shape0'], pairHash(pl, s0));
  out[at++] = featureKey(T['w+1|shape0'], pairHash(nl, s0));
  return at;
}

/**
 * The features of a sentence's name-like words (the other words are never part of a name: the
 * tagger gives them O without features). Word i's keys are `keys[start[i]..start[i + 1])`; a word
 * with none is not a candidate. The arrays are reused from call to call: read them before the next.
 */
export interface SentenceFeatures {
  keys: Uint32Array;
  start: Uint32Array;
  /** How many words have features. */
  count: number;
}
let keys = new Uint32Array(4096);
let start = new Uint32Array(257);

export function sentenceFeatures(ws: Word[], ctx: ArticleContext): SentenceFeatures {
  const n = ws.length;
  if (start.length < n + 1) start = new Uint32Array(2 * n + 1);
  let at = 0;
  let count = 0;
  let kind = 0;
  let infos: WordInfo[] | undefined;
  let i = 0;
  start[0] = 0;
  while (i < n) {
    if (!nameLike(ws[i]!)) {
      start[++i] = at;
      continue;
    }
    let j = i;
    while (j + 1 < n && nameLike(ws[j + 1]!)) j++;
    if (unscoredRun(ws, i, j, ctx)) {
      while (i <= j) start[++i] = at;
      continue;
    }
    if (infos === undefined) {
      infos = new Array<WordInfo>(n);
      kind = lineKind(ws);
    }
    for (let k = Math.max(0, i - 2); k <= Math.min(n - 1, j + 2); k++) infos[k] ??= infoOf(ws[k]!);
    for (let k = i; k <= j; k++) {
      if (keys.length < at + MAX_FEATURES) {
        const bigger = new Uint32Array(2 * keys.length);
        bigger.set(keys);
        keys = bigger;
      }
      at = wordFeatures(ws, infos, k, ctx, kind, runOf(j - i + 1, k - i, k === j), keys, at);
      count++;
      start[k + 1] = at;
    }
    i = j + 1;
  }
  return { keys, start, count };
}
