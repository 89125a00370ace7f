import { CORPORATE_SUFFIX, cityPopulation, isGivenName, isRoleNoun, NOT_NAMES, nationKind, ORG_HEADS, PARTICLES, TITLES } from '../gazetteer.ts';
import type { Word } from '../person-words.ts';

/**
 * The features the person tagger reads for each word of a sentence: the word itself and its
 * neighbours (folded), its shape and case, prefixes and suffixes, wink's POS tags, the gazetteers
 * (given names, countries, cities, titles, role nouns, organisation heads), the capitalised run it
 * stands in, and two facts about the whole article (is the word also written in lower case; is the
 * line a results row). The same code serves training (scripts/train-people.ts) and tagging, so the
 * two always agree.
 *
 * A feature is a (template, value) pair; each template has its own table of values, so that a
 * value that is already a string of the sentence (a word, a POS tag) is looked up without building a
 * new key string.
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
const T = Object.fromEntries(TEMPLATES.map((t, i) => [t, i])) as Record<Template, number>;

/** Receives one feature of the current word. */
export type Emit = (template: number, value: string) => void;

/** A word may be (part of) a person's name: capitalised, or a name particle ("van", "de", "al-Assad"). */
export function nameLike(w: Word): boolean {
  const c = w.text.charCodeAt(0);
  // A–Z, or any upper-case letter beyond ASCII.
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return PARTICLES.has(w.lower);
  return /^\p{Lu}/u.test(w.text);
}

/** Case and character classes, runs collapsed: "McCague" → "XxXx", "S." → "X.", "1:18.11" → "d:d.d". */
function shapeOf(text: string): string {
  let out = '';
  let last = '';
  for (const ch of text) {
    const k = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (k !== last) out += k;
    last = k;
    if (out.length >= 8) break;
  }
  return out;
}

/** What the features read of a word alone, remembered by its text: the same words come back all the time. */
interface WordInfo {
  shape: string;
  suf3: string | null;
  suf4: string | null;
  pre3: string | null;
  gaz: readonly string[];
}
const INFO = new Map<string, WordInfo>();
const NONE: readonly string[] = [];

function infoOf(w: Word): WordInfo {
  let info = INFO.get(w.text);
  if (info === undefined) {
    if (INFO.size > 100_000) INFO.clear();
    const l = w.lower;
    info = { shape: shapeOf(w.text), suf3: l.length > 3 ? l.slice(-3) : null, suf4: l.length > 4 ? l.slice(-4) : null, pre3: l.length > 3 ? l.slice(0, 3) : null, gaz: gazOf(l) };
    INFO.set(w.text, info);
  }
  return info;
}

/** Gazetteer classes of a folded word. */
function gazOf(folded: string): readonly string[] {
  const out: string[] = [];
  const lower = folded.replace(/['’]s$/, '');
  if (isGivenName(lower)) out.push('given');
  const nation = nationKind(lower);
  if (nation) out.push(nation);
  const pop = cityPopulation(lower);
  if (pop >= 100_000) out.push('bigcity');
  else if (pop >= 0) out.push('city');
  if (TITLES.has(lower)) out.push('title');
  if (isRoleNoun(lower, false)) out.push('role');
  if (ORG_HEADS.has(lower)) out.push('org');
  if (CORPORATE_SUFFIX.test(lower)) out.push('corp');
  if (PARTICLES.has(lower)) out.push('particle');
  if (NOT_NAMES.has(lower)) out.push('notname');
  return out.length ? out : NONE;
}

/**
 * `${a}|${b}`, interned: the same pair gives the same string object, whose hash V8 then computes
 * once, so a table look-up builds no new string.
 */
const PAIRS = new Map<string, Map<string, string>>();
let pairCount = 0;
function pair(a: string, b: string): string {
  let inner = PAIRS.get(a);
  if (inner === undefined) {
    if (pairCount > 200_000) {
      PAIRS.clear();
      pairCount = 0;
    }
    inner = new Map();
    PAIRS.set(a, inner);
  }
  let s = inner.get(b);
  if (s === undefined) {
    s = `${a}|${b}`;
    inner.set(b, s);
    pairCount++;
  }
  return s;
}

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
function lineKind(ws: Word[]): string {
  let digits = 0;
  let lower = 0;
  for (const w of ws) {
    const c = w.text.charCodeAt(0);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 122) lower++;
  }
  if (ws.length < 4) return 'short';
  if (digits * 4 >= ws.length) return 'figures';
  if (lower * 4 < ws.length) return 'caps';
  return 'prose';
}

const BOS = '<s>';
const EOS = '</s>';

/**
 * Emits the features of word `i` of a sentence. `kind` is the sentence's `lineKind`, `run` the
 * length of the name-like run the word stands in and its place in it.
 */
function wordFeatures(ws: Word[], i: number, ctx: ArticleContext, kind: string, run: string, emit: Emit): void {
  const w = ws[i]!;
  const p = ws[i - 1];
  const n = ws[i + 1];
  const n2 = ws[i + 2];
  const info = infoOf(w);
  const pi = p ? infoOf(p) : undefined;
  const ni = n ? infoOf(n) : undefined;
  const s0 = info.shape;
  const pl = p ? p.lower : BOS;
  const nl = n ? n.lower : EOS;
  emit(T.bias, '');
  emit(T.w0, w.lower);
  emit(T['w-1'], pl);
  emit(T['w+1'], nl);
  emit(T['w-2'], ws[i - 2]?.lower ?? BOS);
  emit(T['w+2'], n2?.lower ?? EOS);
  emit(T.shape0, s0);
  emit(T['shape-1|0'], pair(pi ? pi.shape : BOS, s0));
  emit(T['shape0|+1'], pair(s0, ni ? ni.shape : EOS));
  if (info.suf3 !== null) emit(T.suf3, info.suf3);
  if (info.pre3 !== null) emit(T.pre3, info.pre3);
  if (info.suf4 !== null) emit(T.suf4, info.suf4);
  emit(T.pos0, w.pos);
  emit(T['pos-1'], p ? p.pos : BOS);
  emit(T['pos+1'], n ? n.pos : EOS);
  for (const g of info.gaz) emit(T.gaz0, g);
  if (pi) for (const g of pi.gaz) emit(T['gaz-1'], g);
  if (ni) for (const g of ni.gaz) emit(T['gaz+1'], g);
  if (n2) for (const g of infoOf(n2).gaz) emit(T['gaz+2'], g);
  if (i === 0) emit(T['first|shape0'], s0);
  emit(T.run, run);
  if (ctx.lowerWords.has(w.lower)) emit(T.doclower, '1');
  emit(T['line|shape0'], pair(kind, s0));
  emit(T['w-1|shape0'], pair(pl, s0));
  emit(T['w+1|shape0'], pair(nl, s0));
}

const RUNS = [1, 2, 3, 4].map((len) => Array.from({ length: len }, (_, k) => `${len}:${k}${k === len - 1 ? 'e' : ''}`));
/** "3:1": the second word of a run of three; "4:3e": the last of four or more. */
function runOf(len: number, k: number, last: boolean): string {
  const row = RUNS[Math.min(len, 4) - 1]!;
  if (last) return row[row.length - 1]!;
  return row[Math.min(k, row.length - 2)]!;
}

/**
 * For every name-like word of the sentence, calls `begin(i)` and then `emit` for each of its
 * features (the other words are never part of a name: the tagger gives them O without features).
 */
export function sentenceFeatures(ws: Word[], ctx: ArticleContext, begin: (i: number) => void, emit: Emit): void {
  let kind: string | undefined;
  let i = 0;
  while (i < ws.length) {
    if (!nameLike(ws[i]!)) {
      i++;
      continue;
    }
    kind ??= lineKind(ws);
    let j = i;
    while (j + 1 < ws.length && nameLike(ws[j + 1]!)) j++;
    // A lone capitalised first word the article also writes in lower case ("The", "But", "Police")
    // is not a name: it is left O unscored, which spares the tagger a word in most sentences.
    if (j === 0 && ctx.lowerWords.has(ws[0]!.lower)) {
      i = 1;
      continue;
    }
    for (let k = i; k <= j; k++) {
      begin(k);
      wordFeatures(ws, k, ctx, kind, runOf(j - i + 1, k - i, k === j), emit);
    }
    i = j + 1;
  }
}
