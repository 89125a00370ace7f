import type { CorpusIndex } from '../index/types.ts';
import type { Answer } from './types.ts';

/** /casualties (not built yet). */
export function answerCasualties(_index: CorpusIndex, query: string): Answer {
  return { command: 'casualties', query, items: [], message: '/casualties is not available yet.' };
}
