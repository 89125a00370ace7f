import { searchText } from '../index/search.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import type { Answer, AnswerOptions, SearchItem } from './types.ts';

/**
 * Turns ranked sentence ids into quote items: the same sentence found in several articles is one
 * item (the first article as `source`, the others in `alsoIn`). With `nearCopies`, a sentence of
 * another article with nearly the same terms (`NEAR_COPY`) joins the item before it in `alsoIn`,
 * with its own quote, instead of taking a place of its own.
 */
export function quoteItems(index: CorpusIndex, ids: Iterable<number>, limit: number = LIMITS.maxItems, opts: { nearCopies?: boolean } = {}): SearchItem[] {
  const items: SearchItem[] = [];
  const seen = new Set<string>();
  // With `nearCopies`: each item's terms, to fold in a later sentence of another article that tells the same in nearly the same words.
  const told: { item: SearchItem; terms: Set<string> }[] = [];
  for (const id of ids) {
    const s = index.sentences[id];
    if (!s || seen.has(s.key)) continue;
    seen.add(s.key);
    const terms = opts.nearCopies ? new Set(s.terms.split(' ').filter(Boolean)) : undefined;
    const copy = terms && told.find((t) => t.item.source !== s.file && nearlySame(t.terms, terms));
    if (copy) {
      copy.item.alsoIn ??= [];
      copy.item.alsoIn.push({ quote: s.text, source: s.file });
      continue;
    }
    const same = (index.byKey.get(s.key) ?? []).map((i) => index.sentences[i]!.file).filter((f) => f !== s.file);
    const item: SearchItem = { quote: s.text, source: s.file };
    const also = [...new Set(same)];
    if (also.length) item.alsoIn = also;
    if (terms) told.push({ item, terms });
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

/**
 * Share of two sentences' terms they have in common (of the larger) for one to be a near copy of the
 * other. On 337 Reuters casualty questions, 0.8 -> 0.7 folds the same report of two wire versions
 * ("Noranda Inc said production … was shut down by the fire that broke out last night, trapping 44
 * miners" / "Toronto, April 2 - <Noranda Inc> said production … was shut down by the fire that
 * trapped 44 miners"); 0.6 folds different news of one story ("production will remain shut down").
 */
export const NEAR_COPY = 0.7;

/** Two sentences whose terms are nearly all the same: one report in two wire versions ("which tried" / "that tried"). */
function nearlySame(a: Set<string>, b: Set<string>): boolean {
  if (a.size < 4 || b.size < 4) return false;
  let common = 0;
  for (const t of b) if (a.has(t)) common++;
  return common >= NEAR_COPY * Math.max(a.size, b.size);
}

/** /search: sentences ranked by how well they match the words. */
export function answerSearch(index: CorpusIndex, query: string, { limit = LIMITS.maxItems }: AnswerOptions = {}): Answer {
  const items = quoteItems(index, searchText(index.search, query).map((r) => r.id as number), limit);
  return items.length
    ? { command: 'search', query, items }
    : { command: 'search', query, items, message: `No sentence in the articles matches “${query}”.` };
}
