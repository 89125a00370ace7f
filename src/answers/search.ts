import { searchText } from '../index/search.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import type { Answer, AnswerOptions, SearchItem } from './types.ts';

/**
 * Turns ranked sentence ids into quote items: the same sentence found in several articles is one
 * item (the first article as `source`, the others in `alsoIn`).
 */
export function quoteItems(index: CorpusIndex, ids: Iterable<number>, limit: number = LIMITS.maxItems): SearchItem[] {
  const items: SearchItem[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const s = index.sentences[id];
    if (!s || seen.has(s.key)) continue;
    seen.add(s.key);
    const same = (index.byKey.get(s.key) ?? []).map((i) => index.sentences[i]!.file).filter((f) => f !== s.file);
    const item: SearchItem = { quote: s.text, source: s.file };
    const also = [...new Set(same)];
    if (also.length) item.alsoIn = also;
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

/** /search: sentences ranked by how well they match the words. */
export function answerSearch(index: CorpusIndex, query: string, { limit = LIMITS.maxItems }: AnswerOptions = {}): Answer {
  const items = quoteItems(index, searchText(index.search, query).map((r) => r.id as number), limit);
  return items.length
    ? { command: 'search', query, items }
    : { command: 'search', query, items, message: `No sentence in the articles matches “${query}”.` };
}
