import type { CorpusIndex } from '../index/types.ts';
import type { Answer } from './types.ts';

/** /timeline (not built yet). */
export function answerTimeline(_index: CorpusIndex, query: string): Answer {
  return { command: 'timeline', query, items: [], message: '/timeline is not available yet.' };
}
