import type { ArticleTokens } from './types.ts';

/** A toll of dead or wounded stated by one sentence. */
export interface TollMention {
  sentence: number;
  killed: number | null;
  wounded: number | null;
  atLeast: boolean;
  event?: string;
  date?: string;
}

/** Tolls stated in an article. (Filled in by the /casualties work.) */
export function extractTolls(_article: ArticleTokens): TollMention[] {
  return [];
}
