import { its, lemmaOf, nlp, stem } from './wink.ts';

/**
 * The one normalisation of words used both when indexing and when querying: lower case, the
 * lemma (so "said" → "say"), then wink's Porter-2 stem (so "killed", "killing" → "kill"); stop words
 * punctuation and the possessive "'s" dropped. Numbers are kept as written ("128").
 */
export function termOf(value: string, lemma: string, type: string, isStop: boolean): string | undefined {
  if (isStop) return undefined;
  // The possessive ("Frankie's" is read as "Frankie" and "'s"): no term, or "s" would match half the sentences.
  if (isPossessive(value)) return undefined;
  if (type === 'number') return value.replace(/,/g, '');
  if (type !== 'word') return undefined;
  return wordTerm(lemma || value) ?? undefined;
}

const isPossessive = (v: string) => v.length === 2 && (v === "'s" || v === '’s' || v === "'S" || v === '’S');

/**
 * Terms of words already read, by the word as wink gives it (null: no term). News repeats its words,
 * and lower-casing, trimming and stemming (the stemmer alone was ~16% of analysis time) are pure.
 */
const wordTerms = new Map<string, string | null>();
const TERM_CACHE_MAX = 500_000;

function wordTerm(word: string): string | null {
  let term = wordTerms.get(word);
  if (term === undefined) {
    if (wordTerms.size >= TERM_CACHE_MAX) wordTerms.clear();
    const cleaned = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    term = cleaned ? stem(cleaned) : null;
    wordTerms.set(word, term);
  }
  return term;
}

/** Search terms of free text (a query), processed exactly as sentences are at indexing. */
export function queryTerms(text: string): string[] {
  return termSpans(text).map((t) => t.term);
}

/** The terms of a text read with wink (lemma, then stem; see `termOf`), each with where its word starts and ends in the text. */
export function termSpans(text: string): { term: string; from: number; to: number }[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value);
  const lemmas = tokens.out(lemmaOf);
  const types = tokens.out(its.type);
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const out: { term: string; from: number; to: number }[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // A token wink does not give as written (none known) keeps its term, placed where the last one ended.
    const found = text.indexOf(v, at);
    const from = found < 0 ? at : found;
    if (found >= 0) at = found + v.length;
    const t = termOf(v, lemmas[i]!, types[i]!, stops[i]!);
    if (t) out.push({ term: t, from, to: found < 0 ? from : at });
  }
  return out;
}

/**
 * Terms of plain words without reading them with wink (a title, a heading): each word lower-cased and
 * stemmed as `termOf` does, no lemma and no stop-word list. Cheap enough for many short texts at query time.
 */
export function wordTermsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) {
    const t = /^\d[\d,]*$/.test(w) ? w.replace(/,/g, '') : wordTerm(w.replace(/['’]s$/i, ''));
    if (t) out.push(t);
  }
  return out;
}
