import type { CorpusIndex } from '../../index/types.ts';
import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import { quoteItems } from '../search.ts';
import type { SearchItem } from '../types.ts';
import { given, signalsOf } from './signals.ts';

/**
 * A who-answer whose best sentence names its person by surname alone ("According to Griffith,
 * Stallworth's blood-alcohol level … was measured at 0.126 percent") is followed by the sentence of
 * the same story that gives the person's full name ("Cleveland Browns wide receiver Donte Stallworth
 * was charged …"): the reader learns who it is, in the story's own words. So is a best sentence that
 * says only "he" or "she" ("He's made it his mission to save thousands of turtles …"): by the last
 * person named before it. Names the question already gives ("Who did Sam Adams …", a sentence naming
 * "Adams") are not introduced again.
 */
export function introduceNamed(index: CorpusIndex, items: SearchItem[], topId: number | undefined, asked: Set<string>, limit: number): SearchItem[] {
  if (topId === undefined || !items.length) return items;
  const top = index.sentences[topId]!;
  const a = index.articles.get(top.file);
  if (!a || items[0]!.source !== top.file || items[0]!.quote !== top.text) return items;
  // A lone surname the article did not join to its full name ("Stallworth") takes the story's one full name that ends with it.
  const fuller = (p: string) => {
    if (p.includes(' ')) return p;
    const longer = new Set(a.facts.people.filter((m) => !m.org && m.name.endsWith(` ${p}`)).map((m) => m.name));
    return longer.size === 1 ? [...longer][0]! : p;
  };
  const named = signalsOf(a, top.index).people;
  const full = named.length
    ? nearestAsked(
        top.text,
        named.map(fuller).filter((p) => p.includes(' ') && !top.text.includes(p) && !given(p, asked)),
        asked,
      )
    : PRONOUN_FIRST.test(top.text)
      ? lastNamedBefore(a, top.index, asked, fuller)
      : undefined;
  if (!full) return items;
  // The story's sentences are consecutive in `index.sentences`, in their order.
  const first = topId - top.index;
  for (let k = 0; k < a.sentences.length; k++) {
    const s = index.sentences[first + k];
    if (!s || s.file !== top.file || s.index !== k || k === top.index || !s.text.includes(full)) continue;
    if (items.slice(0, 3).some((it) => it.source === s.file && it.quote === s.text)) return items;
    const intro = quoteItems(index, [first + k], 1);
    const rest = items.slice(1).filter((it) => !(it.source === s.file && it.quote === s.text));
    return [items[0]!, ...intro, ...rest].slice(0, limit);
  }
  return items;
}

/** A sentence that opens on a person's pronoun: "He's made it his mission to save thousands of turtles …". */
const PRONOUN_FIRST = /^["“]?(?:He|She)(?:['’]s)?\b/u;

/**
 * The person "he" or "she" opening sentence k stands for: the last one named in the sentences before
 * it, by full name, unless the question gives the name already.
 */
function lastNamedBefore(a: ArticleAnalysis, k: number, asked: Set<string>, fuller: (p: string) => string): string | undefined {
  for (let j = k - 1; j >= 0; j--) {
    const people = signalsOf(a, j).people.map(fuller).filter((p) => p.includes(' '));
    if (people.length) return people.some((p) => given(p, asked)) ? undefined : people.at(-1);
  }
  return undefined;
}

/**
 * Of the names, the one whose surname stands nearest a word of the question in the sentence
 * ("According to Griffith, Stallworth's blood-alcohol level" for "whose blood-alcohol level …": Stallworth).
 */
function nearestAsked(text: string, names: string[], asked: Set<string>): string | undefined {
  if (names.length < 2) return names[0];
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const at = words.filter((m) => asked.has(m[0].toLowerCase())).map((m) => m.index);
  let best: string | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const surname = name.split(' ').pop()!;
    for (const m of words) {
      if (m[0] !== surname) continue;
      for (const q of at) {
        const gap = Math.abs(q - m.index);
        if (gap < bestGap) {
          bestGap = gap;
          best = name;
        }
      }
    }
  }
  return best ?? names[0];
}

/** A sentence that opens on words pointing back to the one before: "These machines can make …", "It was …", "They said …". */
const ANAPHOR_FIRST = /^["“]?(?:It|They|These|Those|This|Such)\b/u;
/** A clause before the main one: "When used in conjunction with CPR, ". */
const OPENING_CLAUSE = /^(?:When|If|As|After|Once)\b[^,]{0,60},\s*/u;

/**
 * A what-answer whose best sentence opens by pointing back ("When used …, these machines can make the
 * difference between life and death") is followed by the sentence before it in its story, which
 * names what it points to ("Automated external defibrillators -- also known as AEDs -- …").
 */
export function introduceReferent(index: CorpusIndex, items: SearchItem[], topId: number | undefined, limit: number): SearchItem[] {
  if (topId === undefined || !items.length) return items;
  const top = index.sentences[topId]!;
  const prev = index.sentences[topId - 1];
  if (items[0]!.source !== top.file || items[0]!.quote !== top.text || !prev || prev.file !== top.file) return items;
  // The main clause: "When used in conjunction with CPR, these machines …" points back with "these".
  const main = top.text.replace(OPENING_CLAUSE, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  if (!ANAPHOR_FIRST.test(main)) return items;
  if (items.slice(0, 3).some((it) => it.source === prev.file && it.quote === prev.text)) return items;
  const before = quoteItems(index, [topId - 1], 1);
  const rest = items.slice(1).filter((it) => !(it.source === prev.file && it.quote === prev.text));
  return [items[0]!, ...before, ...rest].slice(0, limit);
}
