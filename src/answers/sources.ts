import type { CorpusIndex } from '../index/types.ts';
import type { Answer, SourceItem } from './types.ts';

/** /sources: every article read, with its title, outlet, date, sentence count and its first sentence. */
export function answerSources(index: CorpusIndex): Answer {
  const items: SourceItem[] = [];
  for (const a of index.articles.values()) {
    const lede = a.sentences[0];
    if (!lede) continue;
    items.push({
      quote: lede.text,
      source: a.meta.file,
      title: a.meta.title ?? null,
      outlet: a.meta.outlet ?? null,
      published: a.meta.published ?? null,
      sentences: a.sentences.length,
    });
  }
  return items.length
    ? { command: 'sources', query: '', items }
    : { command: 'sources', query: '', items, message: 'No articles are indexed. Put .txt files in the corpus folder and refresh.' };
}
