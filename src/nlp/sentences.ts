import { createHash } from 'node:crypto';
import type { Span } from '../corpus/clean.ts';
import { termOf } from './terms.ts';
import type { Sentence, SentenceTokens } from './types.ts';
import { its, lemmaOf, nlp } from './wink.ts';

/** Identity of a sentence's wording, shared by the same sentence in two articles. */
export function sentenceKey(text: string): string {
  const folded = text.toLowerCase().replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(folded).digest('base64url').slice(0, 16);
}

interface Tok {
  value: string;
  pos: string;
  lemma: string;
  type: string;
  stop: boolean;
  /** Offset in the article text. */
  start: number;
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
function missedBoundary(toks: Tok[], i: number, text: string): boolean {
  const t = toks[i]!;
  const next = toks[i + 1];
  if (!next || !/^\p{Lu}/u.test(next.value)) return false;
  if (!(INITIALISM.test(t.value) || CORPORATE.test(t.value))) return false;
  if (!/\s/.test(text[t.start + t.value.length] ?? '')) return false;
  if (CLAUSE_OPENERS.has(next.pos) && next.value !== next.value.toUpperCase()) return true;
  const prev = toks[i - 1];
  return INITIALISM.test(t.value) && prev?.value.toLowerCase() === 'the' && next.pos === 'PROPN' && toks[i + 2]?.value === ',';
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
  const pos = tokens.out(its.pos);
  const lemmas = tokens.out(lemmaOf);
  const types = tokens.out(its.type);
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const toks: Tok[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const at = body.indexOf(v, cursor);
    const off = at < 0 ? cursor : at;
    toks.push({ value: v, pos: pos[i]!, lemma: lemmas[i]!, type: types[i]!, stop: stops[i]!, start: para.start + off });
    cursor = at < 0 ? cursor : at + v.length;
  }
  const entityList = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
  const entitySpans = doc.entities().out(its.span) as unknown as [number, number][];

  // Sentence token ranges from wink, then the repairs.
  let ranges = (doc.sentences().out(its.span) as unknown as [number, number][]).map(([a, b]) => [a, b] as [number, number]);
  // Merge a false split with no space between the two parts: a domain name ("NDTV." + "com"), a
  // ticker in brackets ("<ABNN." + "AS>"). A real sentence boundary is followed by white space.
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    const firstTok = toks[r[0]];
    if (prev && firstTok) {
      const lastTok = toks[prev[1]]!;
      if (lastTok.start + lastTok.value.length === firstTok.start) {
        prev[1] = r[1];
        continue;
      }
    }
    merged.push([r[0], r[1]]);
  }
  ranges = [];
  for (const [a, b] of merged) {
    let s = a;
    for (let i = a; i < b; i++) {
      if (missedBoundary(toks, i, text)) {
        ranges.push([s, i]);
        s = i + 1;
      }
    }
    ranges.push([s, b]);
  }

  const out: SentenceTokens[] = [];
  for (const [a, b] of ranges) {
    const first = toks[a];
    const last = toks[b];
    if (!first || !last) continue;
    const start = first.start;
    const end = last.start + last.value.length;
    const sText = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(sText)) continue;
    const slice = toks.slice(a, b + 1);
    const terms: string[] = [];
    for (const t of slice) {
      const term = termOf(t.value, t.lemma, t.type, t.stop);
      if (term) terms.push(term);
    }
    const sentence: Sentence = {
      file,
      index: firstIndex + out.length,
      start,
      end,
      text: sText,
      key: sentenceKey(sText),
      terms: terms.join(' '),
    };
    const entities: SentenceTokens['entities'] = [];
    entitySpans.forEach(([ea, eb], k) => {
      if (ea >= a && eb <= b) entities.push({ value: entityList[k]!.value, type: entityList[k]!.type, first: ea - a, last: eb - a });
    });
    out.push({
      sentence,
      values: slice.map((t) => t.value),
      pos: slice.map((t) => t.pos),
      lemmas: slice.map((t) => t.lemma),
      types: slice.map((t) => t.type),
      offsets: slice.map((t) => t.start - start),
      entities,
    });
  }
  return out;
}
