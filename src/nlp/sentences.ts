import { hash } from 'node:crypto';
import { foldWording, type Span } from '../corpus/clean.ts';
import { SPEECH_LEMMAS } from './gazetteer.ts';
import { termOf } from './terms.ts';
import type { Sentence, SentenceTokens } from './types.ts';
import { its, lemmaOf, nlp } from './wink.ts';

/** Identity of a sentence's wording, shared by the same sentence in two articles. */
export function sentenceKey(text: string): string {
  // One-shot `hash` gives the same digest as createHash('sha1') without a Hash object per sentence.
  return hash('sha1', foldWording(text), 'base64url').slice(0, 16);
}

/**
 * wink's tokens of one paragraph as parallel arrays (one entry per token): reading them once into
 * arrays costs far less than an object per token, and a sentence's share is then a plain `slice`.
 */
interface ParagraphTokens {
  values: string[];
  pos: string[];
  lemmas: string[];
  types: string[];
  stops: boolean[];
  /** Offset of each token in the article text. */
  starts: number[];
}

/** Where each token stands in the article: wink gives values, not offsets, so each is found after the previous one. */
function tokenStarts(body: string, values: string[], base: number): number[] {
  const starts = new Array<number>(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const at = body.indexOf(v, cursor);
    starts[i] = base + (at < 0 ? cursor : at);
    if (at >= 0) cursor = at + v.length;
  }
  return starts;
}

/** An initialism such as U.S., U.K., U.N., E.U. */
const INITIALISM = /^(?:\p{Lu}\.){2,}$/u;
/** Company suffixes that often end a sentence. */
const CORPORATE = /^(?:Inc|Corp|Ltd|Co|Bros|Plc|Cos)\.$/;
/** Words that open a clause: after an abbreviation, a capitalised one of these starts a new sentence. */
const CLAUSE_OPENERS = new Set(['DET', 'PRON', 'CCONJ', 'SCONJ', 'ADP', 'ADV', 'AUX']);

/**
 * wink misses a sentence boundary after a sentence-final abbreviation ("…that of the U.S. Russia, by
 * contrast, …"). Split after an initialism or company suffix when the next word is capitalised and
 * opens a clause (a determiner, pronoun, conjunction, …), or, after "the <initialism>", when the next
 * word is a proper noun followed by a comma.
 */
function missedBoundary(t: ParagraphTokens, i: number, text: string): boolean {
  const value = t.values[i]!;
  // Both abbreviations end with a full stop: most tokens are ruled out without a regex.
  if (!value.endsWith('.')) return false;
  const next = t.values[i + 1];
  if (next === undefined || !/^\p{Lu}/u.test(next)) return false;
  const initialism = INITIALISM.test(value);
  if (!(initialism || CORPORATE.test(value))) return false;
  if (!/\s/.test(text[t.starts[i]! + value.length] ?? '')) return false;
  if (CLAUSE_OPENERS.has(t.pos[i + 1]!) && next !== next.toUpperCase()) return true;
  return initialism && t.values[i - 1]?.toLowerCase() === 'the' && t.pos[i + 1] === 'PROPN' && t.values[i + 2] === ',';
}

const QUOTE_MARK = /^(?:'|’|"|”|'')$/;
const isQuote = (v: string | undefined) => v !== undefined && QUOTE_MARK.test(v);
/** A word all in lower case: a sentence does not open with one ("had a much harder time", "says Advani"). */
const LOWER_WORD = /^\p{Ll}[\p{Ll}'’-]*$/u;

/**
 * A false split wink makes before the rest of a sentence: after an abbreviation ("Warner Bros." +
 * "had a much harder time …"), or after a quoted question or exclamation ("“Is that a good thing?”" +
 * "says Advani …", "… Smith asked."). The part after the split opens with a lower-case word, or it
 * ends a quotation with a verb of saying within its first three words.
 */
function falseSplit(t: ParagraphTokens, prevLast: number, a: number, b: number): boolean {
  if (LOWER_WORD.test(t.values[a]!)) return true;
  // "?" or "!" then a closing quote, then the attribution: "… thing?" says Advani / "… now?" Smith asked.
  const q = t.values[prevLast]!;
  const before = t.values[prevLast - 1];
  if (!(isQuote(q) && (before === '?' || before === '!' || (isQuote(before) && /^[?!]$/.test(t.values[prevLast - 2] ?? ''))))) return false;
  for (let i = a; i <= Math.min(b, a + 3); i++) {
    if (t.types[i] === 'punctuation') return false;
    if (t.pos[i] === 'VERB' && SPEECH_LEMMAS.has(t.lemmas[i]!.toLowerCase())) return true;
  }
  return false;
}

/**
 * A boundary wink misses after a closing quote written as two apostrophes: "… to stop.'' The banks
 * refused …" is two sentences. The quote must follow a sentence-final mark with no space, and be
 * followed by white space and a capitalised word or an opening quote.
 */
function quoteBoundary(t: ParagraphTokens, i: number, text: string): boolean {
  const v = t.values[i]!;
  if (v !== "'" && v !== '’') return false;
  const prev = t.values[i - 1];
  if (prev !== v || !/^[.?!]$/.test(t.values[i - 2] ?? '')) return false;
  if (t.starts[i - 1] !== t.starts[i - 2]! + 1 || t.starts[i] !== t.starts[i - 1]! + 1) return false;
  if (!/\s/.test(text[t.starts[i]! + 1] ?? '')) return false;
  const next = t.values[i + 1];
  if (next === undefined) return false;
  if (/^\p{Lu}/u.test(next)) return true;
  return isQuote(next) && /^\p{Lu}/u.test(t.values[next === "'" || next === '’' ? i + 3 : i + 2] ?? '');
}

/** Sentence token ranges [first, last] from wink, with its known slips repaired. */
function sentenceRanges(wink: [number, number][], t: ParagraphTokens, text: string): [number, number][] {
  // Merge a false split with no space between the two parts: a domain name ("NDTV." + "com"), a
  // ticker in brackets ("<ABNN." + "AS>"). A real sentence boundary is followed by white space.
  const merged: [number, number][] = [];
  for (const [a, b] of wink) {
    const prev = merged[merged.length - 1];
    if (prev && a < t.values.length) {
      const last = prev[1];
      if (t.starts[last]! + t.values[last]!.length === t.starts[a] || falseSplit(t, last, a, b)) {
        prev[1] = b;
        continue;
      }
    }
    merged.push([a, b]);
  }
  const ranges: [number, number][] = [];
  for (const [a, b] of merged) {
    let s = a;
    for (let i = a; i < b; i++) {
      if (missedBoundary(t, i, text) || quoteBoundary(t, i, text)) {
        ranges.push([s, i]);
        s = i + 1;
      }
    }
    ranges.push([s, b]);
  }
  return ranges;
}

/** The search terms of tokens [a..b], space-separated. */
function termsOf(t: ParagraphTokens, a: number, b: number): string {
  let out = '';
  for (let i = a; i <= b; i++) {
    const term = termOf(t.values[i]!, t.lemmas[i]!, t.types[i]!, t.stops[i]!);
    if (term) out = out ? `${out} ${term}` : term;
  }
  return out;
}

/**
 * Splits one paragraph into sentences with wink-nlp, repairs wink's known slips, and returns each
 * sentence (exact text and offsets in the article) with its tokens for the fact extractors.
 */
export function splitParagraph(file: string, text: string, para: Span, firstIndex: number): SentenceTokens[] {
  const body = text.slice(para.start, para.end);
  const doc = nlp.readDoc(body);
  const tokens = doc.tokens();
  const values = tokens.out(its.value);
  const t: ParagraphTokens = {
    values,
    pos: tokens.out(its.pos),
    lemmas: tokens.out(lemmaOf),
    types: tokens.out(its.type),
    stops: tokens.out(its.stopWordFlag) as unknown as boolean[],
    starts: tokenStarts(body, values, para.start),
  };
  const entities = doc.entities();
  const entityList = entities.out(its.detail) as unknown as { value: string; type: string }[];
  const entitySpans = entities.out(its.span) as unknown as [number, number][];
  const ranges = sentenceRanges(doc.sentences().out(its.span) as unknown as [number, number][], t, text);

  const out: SentenceTokens[] = [];
  for (const [a, b] of ranges) {
    if (a >= values.length || b >= values.length) continue;
    const start = t.starts[a]!;
    const end = t.starts[b]! + values[b]!.length;
    const sText = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(sText)) continue;
    const sentence: Sentence = {
      file,
      index: firstIndex + out.length,
      start,
      end,
      text: sText,
      key: sentenceKey(sText),
      terms: termsOf(t, a, b),
    };
    const inside: SentenceTokens['entities'] = [];
    for (let k = 0; k < entitySpans.length; k++) {
      const [ea, eb] = entitySpans[k]!;
      if (ea >= a && eb <= b) inside.push({ value: entityList[k]!.value, type: entityList[k]!.type, first: ea - a, last: eb - a });
    }
    const offsets = new Array<number>(b - a + 1);
    for (let i = a; i <= b; i++) offsets[i - a] = t.starts[i]! - start;
    out.push({
      sentence,
      values: values.slice(a, b + 1),
      pos: t.pos.slice(a, b + 1),
      lemmas: t.lemmas.slice(a, b + 1),
      types: t.types.slice(a, b + 1),
      offsets,
      entities: inside,
    });
  }
  return out;
}
