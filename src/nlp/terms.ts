import { its, lemmaOf, nlp, stem } from './wink.ts';

/**
 * The one normalisation of words used both when indexing and when querying: lower case, the
 * lemma (so "said" → "say"), then wink's Porter-2 stem (so "killed", "killing" → "kill"); stop words
 * and punctuation dropped. Numbers are kept as written ("128").
 */
/** Stems already computed: the stemmer is ~16% of analysis time, and news repeats its words. */
const stems = new Map<string, string>();
const STEM_CACHE_MAX = 500_000;

function stemCached(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

export function termOf(value: string, lemma: string, type: string, isStop: boolean): string | undefined {
  if (isStop) return undefined;
  if (type === 'number') return value.replace(/,/g, '');
  if (type !== 'word') return undefined;
  const lower = (lemma || value).toLowerCase();
  const cleaned = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (!cleaned) return undefined;
  return stemCached(cleaned);
}

/** Search terms of free text (a query), processed exactly as sentences are at indexing. */
export function queryTerms(text: string): string[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value);
  const lemmas = tokens.out(lemmaOf);
  const types = tokens.out(its.type);
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const t = termOf(values[i]!, lemmas[i]!, types[i]!, stops[i]!);
    if (t) out.push(t);
  }
  return out;
}
