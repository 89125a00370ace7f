import type { CorpusIndex } from '../index/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { Answer } from './types.ts';

/** One person known to the corpus (every form of the name merged). (Filled in by the /who work.) */
export interface PersonEntry {
  name: string;
}

export function buildPeople(_articles: ArticleAnalysis[]): PersonEntry[] {
  return [];
}

/** /who [name] (not built yet). */
export function answerWho(_index: CorpusIndex, query: string): Answer {
  return { command: 'who', query, items: [], message: '/who is not available yet.' };
}
