import { cleanArticle } from '../corpus/clean.ts';
import type { ArticleMeta, RawArticle } from '../corpus/types.ts';
import { type DateAnchor, type DateMention, readDates } from './dates.ts';
import { extractPeople, type PersonMention } from './people.ts';
import { splitParagraph } from './sentences.ts';
import { extractTolls, type TollMention } from './tolls.ts';
import type { ArticleTokens, Sentence } from './types.ts';

/** Facts read from one article at indexing time; answering never re-parses the corpus. */
export interface ArticleFacts {
  people: PersonMention[];
  tolls: TollMention[];
  dates: DateMention[];
  /** What the relative dates were counted from (none when the article gives no date of its own). */
  dateAnchor?: DateAnchor;
  /** Relative dates ("on Monday") left undated for want of an anchor. */
  undatedDates?: number;
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
  if (!meta.datelineDate && clean.datelineDate) meta.datelineDate = clean.datelineDate;
  const tokens: ArticleTokens = { meta, sentences: [] };
  for (const para of clean.paragraphs) {
    tokens.sentences.push(...splitParagraph(raw.file, raw.text, para, tokens.sentences.length));
  }
  const dates = readDates(tokens);
  const facts: ArticleFacts = { people: extractPeople(tokens), tolls: extractTolls(tokens), dates: dates.dates };
  if (dates.anchor) facts.dateAnchor = dates.anchor;
  if (dates.undated) facts.undatedDates = dates.undated;
  return {
    meta,
    hash: raw.hash,
    sentences: tokens.sentences.map((s) => s.sentence),
    facts,
    dropped: { repeated: clean.repeated, boilerplate: clean.boilerplate },
  };
}
