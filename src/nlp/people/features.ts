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

const SHAPES = new Map<string, string>();
/** Shapes, remembered by word: the same words come back all the time. */
function shape(text: string): string {
  let s = SHAPES.get(text);
  if (s === undefined) {
    if (SHAPES.size > 50_000) SHAPES.clear();
    s = shapeOf(text);
    SHAPES.set(text, s);
  }
  return s;
}

/** Gazetteer classes of a folded word, remembered (a set of constant strings, shared). */
const GAZ = new Map<string, readonly string[]>();
const NONE: readonly string[] = [];
function gazOf(w: Word): readonly string[] {
  let g = GAZ.get(w.lower);
  if (g === undefined) {
    if (GAZ.size > 100_000) GAZ.clear();
    const out: string[] = [];
    const lower = w.lower.replace(/['’]s$/, '');
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
    g = out.length ? out : NONE;
    GAZ.set(w.lower, g);
  }
  return g;
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
  const s0 = shape(w.text);
  const sp = p ? shape(p.text) : BOS;
  const sn = n ? shape(n.text) : EOS;
  emit(T.bias, '');
  emit(T.w0, w.lower);
  emit(T['w-1'], p ? p.lower : BOS);
  emit(T['w+1'], n ? n.lower : EOS);
  emit(T['w-2'], ws[i - 2]?.lower ?? BOS);
  emit(T['w+2'], ws[i + 2]?.lower ?? EOS);
  emit(T.shape0, s0);
  emit(T['shape-1|0'], `${sp}|${s0}`);
  emit(T['shape0|+1'], `${s0}|${sn}`);
  const l = w.lower;
  if (l.length > 3) {
    emit(T.suf3, l.slice(-3));
    emit(T.pre3, l.slice(0, 3));
  }
  if (l.length > 4) emit(T.suf4, l.slice(-4));
  emit(T.pos0, w.pos);
  emit(T['pos-1'], p ? p.pos : BOS);
  emit(T['pos+1'], n ? n.pos : EOS);
  for (const g of gazOf(w)) emit(T.gaz0, g);
  if (p) for (const g of gazOf(p)) emit(T['gaz-1'], g);
  if (n) for (const g of gazOf(n)) emit(T['gaz+1'], g);
  const n2 = ws[i + 2];
  if (n2) for (const g of gazOf(n2)) emit(T['gaz+2'], g);
  if (i === 0) emit(T['first|shape0'], s0);
  emit(T.run, run);
  if (ctx.lowerWords.has(w.lower)) emit(T.doclower, '1');
  emit(T['line|shape0'], `${kind}|${s0}`);
  emit(T['w-1|shape0'], `${p ? p.lower : BOS}|${s0}`);
  emit(T['w+1|shape0'], `${n ? n.lower : EOS}|${s0}`);
}

/**
 * Calls `each(i, emitFeatures)` for every name-like word of the sentence (the others are never part
 * of a name: the tagger gives them O without reading any feature).
 */
export function sentenceFeatures(ws: Word[], ctx: ArticleContext, each: (i: number, features: (emit: Emit) => void) => void): void {
  const kind = lineKind(ws);
  let i = 0;
  while (i < ws.length) {
    if (!nameLike(ws[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < ws.length && nameLike(ws[j + 1]!)) j++;
    const len = Math.min(j - i + 1, 4);
    for (let k = i; k <= j; k++) {
      const run = `${len}:${Math.min(k - i, 3)}${k === j ? 'e' : ''}`;
      each(k, (emit) => wordFeatures(ws, k, ctx, kind, run, emit));
    }
    i = j + 1;
  }
}
