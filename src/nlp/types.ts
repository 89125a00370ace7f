import type { ArticleMeta } from '../corpus/types.ts';

/**
 * One sentence of an article: its exact text and where it stands. `text` is always
 * `articleText.slice(start, end)`, so a quote is an exact substring of the file.
 */
export interface Sentence {
  file: string;
  /** Position of the sentence in its article, from 0, in reading order. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** Identity of the wording (case and spacing folded): equal keys in two articles are the same sentence. */
  key: string;
  /** Normalised search terms (stems of lemmas, stop words dropped), space-separated. */
  terms: string;
}

/**
 * The tokens of one sentence as wink-nlp sees them, for the fact extractors. Transient: built during
 * analysis, never stored. All arrays have one entry per token.
 */
export interface SentenceTokens {
  sentence: Sentence;
  values: string[];
  /** Universal POS tags (PROPN, NOUN, VERB, NUM, …). */
  pos: string[];
  lemmas: string[];
  /** wink token types: word, number, punctuation, … */
  types: string[];
  /** Character offset of each token inside `sentence.text`. */
  offsets: number[];
  /** wink entities (DATE, TIME, CARDINAL, DURATION, …) with token spans [first, last] inclusive. */
  entities: { value: string; type: string; first: number; last: number }[];
}

/** What an extractor sees: an article's metadata and every sentence with its tokens, in order. */
export interface ArticleTokens {
  meta: ArticleMeta;
  sentences: SentenceTokens[];
}
