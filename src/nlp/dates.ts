import type { ArticleTokens } from './types.ts';

/** A date a sentence places its event at, normalised against the article's publication date. */
export interface DateMention {
  sentence: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the precision the text gives. */
  date: string;
  /** The words that say the date, as written. */
  dateText: string;
}

/** Dated sentences of an article. (Filled in by the /timeline work.) */
export function extractDates(_article: ArticleTokens): DateMention[] {
  return [];
}
