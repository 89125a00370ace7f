import { isCorporateSuffix, fold, isGivenName, isRoleNoun, NOT_NAMES, ORG_HEADS, PARTICLES, TITLES } from './gazetteer.ts';
import type { SentenceTokens } from './types.ts';

/**
 * The words of a sentence as the people extractor reads them (wink tokens, hyphenated names joined),
 * the word classes it tests, and the role phrases read around a name: an appositive after it (", an
 * analyst at …,") or a phrase before it ("the suspected planner of the attacks, …").
 */

/** A word of a sentence: one wink token, or several joined by hyphens with no space ("al-Assad", "France-Presse"). */
export interface Word {
  text: string;
  lower: string;
  pos: string;
  /** wink's lemma as it gives it (not folded: lower-case it to compare). */
  lemma: string;
  /** Character offsets in the sentence text. */
  start: number;
  end: number;
  /** A capitalised proper noun that can be part of a name. */
  name: boolean;
  /** Part of a date, time or figure ("this week", "two"). */
  figure: boolean;
  /** May be (part of) a name for the tagger: capitalised, or a particle ("van", "de"). See `nameLike`. */
  nameLike: boolean;
  /** Its first letter is a capital (`upperFirst`). */
  cap: boolean;
  /** What the word opens with: `LEAD_DIGIT` (0–9), `LEAD_LOWER` (a–z) or 0 (read by `lineKind`). */
  lead: number;
}
export const LEAD_DIGIT = 1;
export const LEAD_LOWER = 2;

/** Tokens inside these wink entities are dates and figures, never names. */
const NOT_NAME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT']);
const CAPITALISED = /^\p{Lu}(?:.*\p{Ll}|\.$)/su;
/** "MPs", "CEOs": initialisms, not names. */
const PLURAL_INITIALISM = /^\p{Lu}{2,}s$/u;

/** The text without a final possessive "'s" or "’s" (`s.replace(/['’]s$/, '')`, without a regex). */
export function dropPossessive(s: string): string {
  const n = s.length;
  if (n < 2 || s.charCodeAt(n - 1) !== 115) return s;
  const q = s.charCodeAt(n - 2);
  return q === 39 || q === 0x2019 ? s.slice(0, n - 2) : s;
}

/** `CAPITALISED.test(w)`, the common case read by hand: A–Z, then a–z before any letter beyond ASCII. */
function capitalisedShape(w: string): boolean {
  const c0 = w.charCodeAt(0);
  if (c0 >= 65 && c0 <= 90) {
    for (let k = 1; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c >= 97 && c <= 122) return true;
      if (c >= 128) break;
    }
  }
  return CAPITALISED.test(w);
}

/** Written as a name: capitalised (or a particle opening a hyphenated name, "al-Assad"), not "MPs". */
function nameShaped(word: string, particle: boolean): boolean {
  // "CME's" is an initialism with a possessive, not a capitalised name.
  const bare = dropPossessive(word);
  return (particle || capitalisedShape(bare)) && !(bare.charCodeAt(bare.length - 1) === 115 && PLURAL_INITIALISM.test(bare));
}

const SOFT_POS = new Set(['NOUN', 'VERB', 'ADJ']);

/** A hyphen token: "-", "‐", "‑". */
export const isHyphen = (v: string) => v.length === 1 && (v.charCodeAt(0) === 45 || v.charCodeAt(0) === 0x2010 || v.charCodeAt(0) === 0x2011);

/** Lower case without diacritics (`fold`), with the common case (ASCII) tested by hand. */
function lowerOf(w: string): string {
  // Most words are printable ASCII with no capital: already their own lower case.
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c < 0x20 || c > 0x7e || (c >= 65 && c <= 90)) return lowerOfAny(w);
  }
  return w;
}

function lowerOfAny(w: string): string {
  const lower = w.toLowerCase();
  for (let k = 0; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    if (c < 0x20 || c > 0x7e) return fold(w);
  }
  return lower;
}

const UPPER_FIRST = /^\p{Lu}/u;

/** Capitalised as far as its first letter says: A–Z, or an upper-case letter beyond ASCII (`/^\p{Lu}/u`). */
export function upperFirst(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  return c >= 128 && UPPER_FIRST.test(w);
}

/** The last token of the word that starts at token i: "x-Y" chains written without spaces are one word. */
function wordEnd(st: SentenceTokens, i: number): number {
  const { values, types, offsets } = st;
  const n = values.length;
  let j = i;
  while (
    j + 2 < n &&
    isHyphen(values[j + 1]!) &&
    offsets[j + 1] === offsets[j]! + values[j]!.length &&
    offsets[j + 2] === offsets[j + 1]! + 1 &&
    types[j] === 'word' &&
    types[j + 2] === 'word'
  )
    j += 2;
  return j;
}

/**
 * Word objects and arrays for `wordsOf` to reuse, taken in order until `free`: the words read with a
 * pool are valid until then, and must not be kept. Taking them in order keeps the ones in use few
 * and close together, whatever the number of sentences.
 */
export class WordPool {
  readonly words: Word[] = [];
  readonly arrays: Word[][] = [];
  word = 0;
  array = 0;
  /** Makes every word and array of the pool free again. */
  free(): void {
    this.word = 0;
    this.array = 0;
  }
}

/** Which tokens of the sentence being read are inside a date or figure entity (reused by `wordsOf`). */
let entityMarks = new Uint8Array(256);

/**
 * The words of a sentence, reusing the objects of `pool` if given. With `lowerInto`, the words after
 * the first written in lower case are added to it (as `lowerWordsOf`).
 */
export function wordsOf(st: SentenceTokens, pool?: WordPool, lowerInto?: Set<string>): Word[] {
  const { values, types, offsets, pos: tags, lemmas } = st;
  const n = values.length;
  let inEntity: Uint8Array | undefined;
  for (const e of st.entities) {
    if (!NOT_NAME_ENTITIES.has(e.type)) continue;
    if (inEntity === undefined) {
      if (entityMarks.length < n) entityMarks = new Uint8Array(2 * n);
      inEntity = entityMarks;
      inEntity.fill(0, 0, n);
    }
    inEntity.fill(1, e.first, e.last + 1);
  }
  const text = st.sentence.text;
  let out: Word[] = [];
  if (pool) {
    if (pool.array === pool.arrays.length) pool.arrays.push(out);
    else out = pool.arrays[pool.array]!;
    pool.array++;
  }
  let count = 0;
  let prevName = false;
  for (let i = 0; i < n; i++) {
    const j = wordEnd(st, i);
    const start = offsets[i]!;
    const lastPart = values[j]!;
    const end = offsets[j]! + lastPart.length;
    // A token's value is its text in the sentence (offsets are found by its value).
    const w = j === i ? lastPart : text.slice(start, end);
    const lower = lowerOf(w);
    const c0 = w.charCodeAt(0);
    const lowerLead = c0 >= 97 && c0 <= 122;
    if (lowerInto !== undefined && i > 0 && lowerLead) lowerInto.add(lower);
    const figure = inEntity !== undefined && inEntity[i] === 1;
    const pos = tags[j]!;
    // `upperFirst(w)`, its first letter read once for it, `isNameLike` and `lead`.
    const cap = (c0 >= 65 && c0 <= 90) || (c0 >= 128 && UPPER_FIRST.test(w));
    let name = false;
    // Most words are in lower case and alone (no hyphen): never a name, nothing more to read for it.
    if ((cap || j > i) && types[i] === 'word' && !figure) {
      const particle = j > i && PARTICLES.has(values[i]!.toLowerCase());
      if ((particle || cap) && !NOT_NAMES.has(lower) && nameShaped(w, particle)) {
        // wink sometimes tags a surname as a verb or noun ("Elizabeth Dole/VERB"): after a name, mid-sentence, it still is one.
        name = pos === 'PROPN' || (prevName && !TITLES.has(lower) && SOFT_POS.has(pos));
      }
    }
    const lemma = lemmas[j] ?? lastPart;
    const lead = lowerLead ? LEAD_LOWER : c0 >= 48 && c0 <= 57 ? LEAD_DIGIT : 0;
    // `isNameLike`: a capital (beyond ASCII too, as `cap` reads it), or a particle ("van", two to five letters).
    const nameLike = cap || (lowerLead && lower.length <= 5 && PARTICLES.has(lower));
    const reused = pool?.words[pool.word];
    if (reused) {
      pool!.word++;
      reused.text = w;
      reused.lower = lower;
      reused.pos = pos;
      reused.lemma = lemma;
      reused.start = start;
      reused.end = end;
      reused.name = name;
      reused.figure = figure;
      reused.nameLike = nameLike;
      reused.cap = cap;
      reused.lead = lead;
      out[count] = reused;
    } else {
      const word = { text: w, lower, pos, lemma, start, end, name, figure, nameLike, cap, lead };
      if (pool) {
        pool.words.push(word);
        pool.word++;
      }
      out[count] = word;
    }
    count++;
    prevName = name;
    i = j;
  }
  out.length = count;
  return out;
}

/** Adds to `into` the words of the sentence after its first that are written in lower case (a–z), folded. */
export function lowerWordsOf(st: SentenceTokens, into: Set<string>): void {
  const { values, offsets } = st;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const j = wordEnd(st, i);
    const c = values[i]!.charCodeAt(0);
    if (i > 0 && c >= 97 && c <= 122) into.add(lowerOf(j === i ? values[i]! : st.sentence.text.slice(offsets[i]!, offsets[j]! + values[j]!.length)));
    i = j;
  }
}

/** Party words, capitalised, never names: they qualify a title ("Tory leader Michael Howard"). */
const PARTY_WORDS = new Set(['tory', 'labour', 'labor', 'democrat', 'republican', 'conservative', 'liberal', 'socialist', 'communist']);
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
export const ARTICLES = new Set(['the', 'a', 'an']);
export const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'mr', 'mrs', 'ms', 'dr.', 'dr', 'sir', 'dame']);
/** Words that may follow an appositive: "Abdullah, a Syrian concierge in Beirut who …". */
export const RELATIVES = new Set(['who', 'which', 'that', 'whose', 'whom']);
const PP_HOPS = new Set(['of', 'at', 'in', 'for', 'from', 'with', 'to']);
export const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);
export const NAMING_VERBS = new Set(['named', 'called']);
export const CONNECTORS = new Set(['and', '&']);
export const AGE = /^\d{1,3}$/;
export const INITIALS = /^(?:\p{Lu}\.){2,}$/u;
/** One-word company names: "Citibank", "Bundesbank", "Bancorp". */
export const ORG_SUFFIX = /.(?:bank|banc|corp)$/;
export const isPunct = (w: Word | undefined) => !w || w.pos === 'PUNCT' || w.pos === 'SYM';
export const isTitle = (w: Word | undefined) => !!w && TITLES.has(w.lower);
export const capitalised = (w: Word | undefined) => !!w && w.cap;
/** A lower-case noun or adjective, not a gerund ("time meeting Italian President" has no role "time meeting"). */
const lowerNoun = (w: Word | undefined) => !!w && (w.pos === 'NOUN' || w.pos === 'ADJ') && /^\p{Ll}/u.test(w.text) && !w.lower.endsWith('ing');
export const orgWord = (w: Word) => ORG_HEADS.has(w.lower) || isCorporateSuffix(w.text);
/** Words allowed before a title head: "French Prime", "Army", "Bank of Japan", "police", "former". */
export const isTitleModifier = (ws: Word[], k: number) => {
  const w = ws[k]!;
  if (w.figure) return false;
  if (w.lower === 'of') return capitalised(ws[k - 1]) && capitalised(ws[k + 1]);
  // "Securities and Exchange Commission chairman", not "Oscar S. Wyatt Jr and President".
  if (CONNECTORS.has(w.lower)) return capitalised(ws[k + 1]) && !!ws[k - 1] && capitalised(ws[k - 1]) && !/\.$/.test(ws[k - 1]!.text) && !isGivenName(ws[k - 1]!.text) && !/^(?:Jr|Sr)$/.test(ws[k - 1]!.text);
  // "Tory leader", "Labour MP": a party word is not a name but does qualify a title.
  return isTitle(w) || w.name || (capitalised(w) && (['ADJ', 'NOUN', 'VERB'].includes(w.pos) || PARTY_WORDS.has(w.lower))) || lowerNoun(w);
};

/** A role phrase ws[a..b], at most `max` words, cut before "and", ending on a word (not "of", "the"). */
export function phrase(text: string, ws: Word[], a: number, b: number, max = 10): string | undefined {
  while (a <= b && (isCorporateSuffix(ws[a]!.text) || CONNECTORS.has(ws[a]!.lower))) a++;
  let end = Math.min(b, a + max - 1);
  // Too long: cut before the last preposition that fits ("head of a committee [with the Federation …]").
  if (end < b) for (let k = end; k > a + 1; k--) if (ws[k]!.pos === 'ADP') {
    end = k - 1;
    break;
  }
  for (let k = a + 1; k <= end; k++) if (ws[k]!.pos === 'CCONJ' && !(capitalised(ws[k - 1]) && capitalised(ws[k + 1]))) {
    end = k - 1;
    break;
  }
  while (end >= a && (isPunct(ws[end]) || ['ADP', 'DET', 'CCONJ', 'PART', 'SCONJ'].includes(ws[end]!.pos))) end--;
  return end < a ? undefined : text.slice(ws[a]!.start, ws[end]!.end);
}

/** ", an analyst at political-risk consultancy Teneo Intelligence," → the appositive's text. */
export function appositive(text: string, ws: Word[], at: number): string | undefined {
  const first = ws[at];
  if (!first || RELATIVES.has(first.lower)) return undefined;
  let i = at;
  if (ARTICLES.has(first.lower) || POSSESSIVES.has(first.lower)) i++;
  else if (first.pos === 'DET') return undefined;
  // The head: the first lower-case noun within a few words.
  let head = -1;
  for (let k = i; k < Math.min(ws.length, i + 5); k++) {
    const w = ws[k]!;
    if (isPunct(w) || ['VERB', 'AUX', 'ADP', 'PRON', 'CCONJ'].includes(w.pos)) break;
    if ((w.pos === 'NOUN' || w.pos === 'PROPN') && /^\p{Ll}/u.test(w.text)) {
      head = k;
      break;
    }
  }
  if (head < 0 || !(isRoleNoun(ws[head]!.lower) || isRoleNoun(ws[head]!.lemma.toLowerCase()))) return undefined;
  // "…, director Mike Leigh": a title of someone else in a list.
  if (ws[head + 1]?.name) return undefined;
  // It must close: a comma, the end, or a relative clause; "X, the company spokesman said" is a subject.
  let end = head;
  while (end + 1 < ws.length && !isPunct(ws[end + 1]) && !RELATIVES.has(ws[end + 1]!.lower)) {
    if (ws[end + 1]!.pos === 'VERB' || ws[end + 1]!.pos === 'AUX') return undefined;
    end++;
  }
  return phrase(text, ws, at, end);
}

/** A lower-case word that may qualify a role noun before it: "the suspected planner". */
const roleModifier = (m: Word) => /^\p{Ll}/u.test(m.text) && (m.pos === 'ADJ' || m.pos === 'NOUN' || (m.pos === 'VERB' && m.lower.endsWith('ed')));

/** "the suspected planner of the attacks, Abdelhamid Abaaoud" → the phrase before the comma. */
export function leadIn(text: string, ws: Word[], comma: number): string | undefined {
  let hops = 0;
  // Names right before the comma with no preposition between belong to a list ("nominees Clive Owen, X").
  let names = false;
  for (let k = comma - 1; k >= 0 && k > comma - 9; k--) {
    const w = ws[k]!;
    if (w.pos === 'NOUN' && /^\p{Ll}/u.test(w.text)) {
      if (isRoleNoun(w.lower) || isRoleNoun(w.lemma.toLowerCase())) {
        if (names) return undefined;
        let s = k;
        while (s > 0 && s > k - 3 && roleModifier(ws[s - 1]!)) s--;
        return phrase(text, ws, s, comma - 1);
      }
      // The object of one prepositional phrase after the head: "planner of [the attacks]".
      if (hops > 0) return undefined;
      continue;
    }
    if (PP_HOPS.has(w.lower) && hops === 0 && k < comma - 1) {
      hops++;
      names = false;
      continue;
    }
    if (!['ADJ', 'DET', 'NUM', 'PROPN'].includes(w.pos)) return undefined;
    if (w.pos === 'PROPN') names = true;
  }
  return undefined;
}
