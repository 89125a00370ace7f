import type { CorpusIndex } from '../index/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { Answer } from './types.ts';

/** One distinct toll, with every sentence that states it. (Filled in by the /casualties work.) */
export interface TollEntry {
  killed: number | null;
}

export function buildTolls(_articles: ArticleAnalysis[]): TollEntry[] {
  return [];
}

/** /casualties [event] (not built yet). */
export function answerCasualties(_index: CorpusIndex, query: string): Answer {
  return { command: 'casualties', query, items: [], message: '/casualties is not available yet.' };
}
