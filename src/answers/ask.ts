import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import { answerSearch } from './search.ts';
import type { Answer } from './types.ts';

/** A plain question: routed by its form to the right answer, else ranked search. */
export function answerAsk(index: CorpusIndex, question: string): Answer {
  const found = answerSearch(index, question);
  return { ...found, command: 'ask', items: found.items.slice(0, LIMITS.askItems) } as Answer;
}
