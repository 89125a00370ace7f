import { cleanArticle } from '../corpus/clean.ts';
import type { ArticleMeta, RawArticle } from '../corpus/types.ts';
import { type DateMention, extractDates } from './dates.ts';
import { extractPeople, type PersonMention } from './people.ts';
import { splitParagraph } from './sentences.ts';
import { extractTolls, type TollMention } from './tolls.ts';
import type { ArticleTokens, Sentence } from './types.ts';

/** Facts read from one article at indexing time; answering never re-parses the corpus. */
export interface ArticleFacts {
  people: PersonMention[];
  tolls: TollMention[];
  dates: DateMention[];
}

/** Everything the index keeps of one article. Serialisable: it is what the snapshot stores. */
export interface ArticleAnalysis {
  /** Metadata, completed from the text (title from the headline, dateline). */
  meta: ArticleMeta;
  hash: string;
  sentences: Sentence[];
  facts: ArticleFacts;
  /** Paragraphs dropped as repeats, and boilerplate lines dropped. */
  dropped: { repeated: number; boilerplate: string[] };
}

/** Reads one article into sentences and facts. Pure: same input, same output. */
export function analyzeArticle(raw: RawArticle): ArticleAnalysis {
  const clean = cleanArticle(raw.text, raw.meta.title);
  const meta: ArticleMeta = { ...raw.meta };
  if (!meta.title && clean.headline) meta.title = clean.headline;
  if (!meta.dateline && clean.dateline) meta.dateline = clean.dateline;
  const tokens: ArticleTokens = { meta, sentences: [] };
  for (const para of clean.paragraphs) {
    tokens.sentences.push(...splitParagraph(raw.file, raw.text, para, tokens.sentences.length));
  }
  return {
    meta,
    hash: raw.hash,
    sentences: tokens.sentences.map((s) => s.sentence),
    facts: { people: extractPeople(tokens), tolls: extractTolls(tokens), dates: extractDates(tokens) },
    dropped: { repeated: clean.repeated, boilerplate: clean.boilerplate },
  };
}
