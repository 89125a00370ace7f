import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { buildPeople, type PersonEntry, preparePeople } from './people.ts';
import { buildTimeline, prepareTimeline, type TimelineEntry } from './timeline.ts';
import { buildTolls, type TollEntry } from './tolls/build.ts';

/**
 * Corpus-level results computed once when the index is built and stored in the snapshot, so that
 * /who, /casualties and /timeline without a filter read them instead of scanning sentences.
 * Each module owns its part: `people.ts` the people, `tolls/` the tolls as events, `timeline.ts` the dates.
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

/**
 * Does the per-article part of `derive` for one article ahead of time (its results are cached by the
 * analysis object): called as analyses arrive during a build, or after a start from a snapshot so
 * that the first refresh finds every unchanged article already read. `derive` gives the same result
 * whether or not this ran.
 */
export function prepareArticle(a: ArticleAnalysis): void {
  preparePeople(a);
  prepareTimeline(a);
}
