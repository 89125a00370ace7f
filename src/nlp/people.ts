import type { ArticleTokens } from './types.ts';

/** One mention of a person in one sentence of an article. */
export interface PersonMention {
  /** The name as the sentence writes it. */
  name: string;
  /** Index of the sentence in its article. */
  sentence: number;
  /** A role read from the text around the mention (title before, appositive after), if any. */
  role?: string;
}

/** People mentioned in an article. (Filled in by the /who work.) */
export function extractPeople(_article: ArticleTokens): PersonMention[] {
  return [];
}
