import type { CorpusIndex } from '../index/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { Answer } from './types.ts';

/** One dated event. (Filled in by the /timeline work.) */
export interface TimelineEntry {
  date: string;
}

export function buildTimeline(_articles: ArticleAnalysis[]): TimelineEntry[] {
  return [];
}

/** /timeline [topic] (not built yet). */
export function answerTimeline(_index: CorpusIndex, query: string): Answer {
  return { command: 'timeline', query, items: [], message: '/timeline is not available yet.' };
}
