/**
 * The corpus's facts: what is computed once from every article's analysis when the index is built
 * (the people, the tolls as events, the timeline), stored in the snapshot, and read by the answers.
 * This layer sits between `src/nlp/` (one article at a time) and `src/index/` (which stores them);
 * it knows nothing of answers or front ends.
 */

/** A sentence by its place: `index.articles.get(file)!.sentences[sentence]`. */
export interface SentenceRef {
  file: string;
  sentence: number;
}
