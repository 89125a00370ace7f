import type { TollEntry } from '../facts/tolls/build.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import { queryTerms } from '../nlp/terms.ts';
import { toItem } from './tollitems.ts';
import type { Answer, AnswerOptions, CasualtyItem } from './types.ts';

/** Each entry's words, read once: its event, its articles' titles, its sentences. */
const wordsOf = new WeakMap<TollEntry, Set<string>>();

/** Whether every query term is among the entry's words. */
function matches(index: CorpusIndex, e: TollEntry, terms: string[]): boolean {
  let words = wordsOf.get(e);
  if (!words) {
    words = new Set(e.terms.split(' '));
    for (const r of e.refs) {
      const s = index.articles.get(r.file)?.sentences[r.sentence];
      if (s) for (const w of s.terms.split(' ')) words.add(w);
    }
    wordsOf.set(e, words);
  }
  return terms.every((t) => words.has(t));
}

/** Each article's words: its title's and every sentence's. */
const articleWords = new WeakMap<object, Set<string>>();

/** Whether every query term is among the words of one article that states the entry's toll. */
function matchesArticle(index: CorpusIndex, e: TollEntry, terms: string[]): boolean {
  for (const file of new Set(e.refs.map((r) => r.file))) {
    const a = index.articles.get(file);
    if (!a) continue;
    let words = articleWords.get(a);
    if (!words) {
      words = new Set([...queryTerms(a.meta.title ?? ''), ...a.sentences.flatMap((s) => s.terms.split(' '))]);
      articleWords.set(a, words);
    }
    if (terms.every((t) => words.has(t))) return true;
  }
  return false;
}

export interface CasualtyOptions extends AnswerOptions {
  /**
   * "article": an entry matches when one article stating it has every word of the query anywhere
   * (a plain question names the tanker, "Avaj", its story's lead and not the toll's "One person was
   * killed"); by default the words must be the entry's own: its event, titles and stating sentences.
   */
  scope?: 'entry' | 'article';
}

/** /casualties [event]: the tolls computed at indexing, optionally narrowed to an event or place. */
export function answerCasualties(index: CorpusIndex, query: string, { limit = LIMITS.maxItems, scope = 'entry' }: CasualtyOptions = {}): Answer {
  const terms = query.trim() ? queryTerms(query) : [];
  const fits = scope === 'article' ? matchesArticle : matches;
  const entries = terms.length ? index.derived.tolls.filter((e) => fits(index, e, terms)) : index.derived.tolls;
  const items: CasualtyItem[] = [];
  for (const e of entries) {
    const item = toItem(index, e);
    if (item) items.push(item);
    if (items.length >= limit) break;
  }
  if (!items.length) {
    const message = query.trim()
      ? `No toll of dead or wounded in the articles matches “${query.trim()}”.`
      : 'No toll of dead or wounded was found in the articles.';
    return { command: 'casualties', query, items, message };
  }
  const answer: Answer = { command: 'casualties', query, items };
  const notes: string[] = [];
  if (entries.length > items.length) notes.push(`Showing the first ${items.length} of ${entries.length} tolls; name an event or place to narrow the list.`);
  if (items.some((i) => i.order === 'figure' && (i.reports?.length ?? 0) > 1)) {
    notes.push('Some reports carry no publication date: an event with undated reports lists them by figure, lowest first, and has no latest figure.');
  }
  if (notes.length) answer.message = notes.join(' ');
  return answer;
}
