import type { ArticleAnalysis } from '../nlp/analyze.ts';

/**
 * Corpus-level results computed once when the index is built and stored in the snapshot, so that
 * /who, /casualties and /timeline without a filter read them instead of scanning sentences.
 */
export interface Derived {
  version: 0;
}

export function derive(_articles: ArticleAnalysis[]): Derived {
  return { version: 0 };
}
