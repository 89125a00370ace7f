import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { buildTolls, type TollEntry } from './casualties.ts';
import { buildTimeline, type TimelineEntry } from './timeline.ts';
import { buildPeople, type PersonEntry } from './who.ts';

/**
 * Corpus-level results computed once when the index is built and stored in the snapshot, so that
 * /who, /casualties and /timeline without a filter read them instead of scanning sentences.
 * Each module owns its part: `who.ts` the people, `casualties.ts` the tolls, `timeline.ts` the dates.
 */
export interface Derived {
  people: PersonEntry[];
  tolls: TollEntry[];
  timeline: TimelineEntry[];
}

/** `articles` come in file-name order; sentence ids are positions in the concatenation of their sentences. */
export function derive(articles: ArticleAnalysis[]): Derived {
  return { people: buildPeople(articles), tolls: buildTolls(articles), timeline: buildTimeline(articles) };
}
