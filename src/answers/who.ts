import type { CorpusIndex } from '../index/types.ts';
import type { Answer } from './types.ts';

/** /who (not built yet). */
export function answerWho(_index: CorpusIndex, query: string): Answer {
  return { command: 'who', query, items: [], message: '/who is not available yet.' };
}
