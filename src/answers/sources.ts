import type { CorpusIndex } from '../index/types.ts';
import { fold } from '../nlp/gazetteer.ts';
import type { Answer, AnswerOptions, SourceItem } from './types.ts';

/** Words of a title, an outlet or a file name, folded (case and accents ignored). */
const words = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * /sources [query]: the articles read, with title, outlet, date, sentence count and first sentence.
 * With a query, the articles whose title, outlet or file name has every word of it (a word matches
 * one it begins: "elect" finds "Election"). Every article by default (front ends page them); `limit` caps.
 */
export function answerSources(index: CorpusIndex, query = '', opts: AnswerOptions = {}): Answer {
  const wanted = words(query);
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const items: SourceItem[] = [];
  let indexed = 0;
  for (const a of index.articles.values()) {
    const lede = a.sentences[0];
    if (!lede) continue;
    indexed++;
    if (wanted.length) {
      const have = words(`${a.meta.title ?? ''} ${a.meta.outlet ?? ''} ${a.meta.file.replace(/\.txt$/i, '')}`);
      if (!wanted.every((w) => have.some((h) => h.startsWith(w)))) continue;
    }
    if (items.length >= limit) continue;
    items.push({
      quote: lede.text,
      source: a.meta.file,
      title: a.meta.title ?? null,
      outlet: a.meta.outlet ?? null,
      published: a.meta.published ?? null,
      sentences: a.sentences.length,
    });
  }
  if (items.length) return { command: 'sources', query, items };
  const message = !indexed
    ? 'No articles are indexed. Put .txt files in the corpus folder and refresh.'
    : `No article's title, outlet or file name has every word of "${query}". /sources alone lists all ${indexed.toLocaleString('en-US')}.`;
  return { command: 'sources', query, items, message };
}
