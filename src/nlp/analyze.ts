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
  return analyzeArticles([raw])[0]!;
}

/**
 * How many articles wink-nlp reads before the fact readers run over them. The readers' own tables
 * (the person tagger's weights and word sums, the gazetteers, chrono-node) then stay in the caches
 * from one article to the next instead of being pushed out by wink's work on each: on Reuters the
 * analysis is several percent cheaper, the people step most of all (BENCHMARKS.md, "People").
 */
export const READ_BATCH = 64;

/** `analyzeArticle` for many articles, in order, batch by batch: the same analyses (every reader is pure). */
export function analyzeArticles(raws: RawArticle[]): ArticleAnalysis[] {
  const out: ArticleAnalysis[] = [];
  for (let s = 0; s < raws.length; s += READ_BATCH) {
    const batch = raws.slice(s, s + READ_BATCH).map(readTokens);
    const dates = batch.map((b) => readDates(b.tokens));
    const people = batch.map((b) => extractPeople(b.tokens));
    const tolls = batch.map((b) => extractTolls(b.tokens));
    batch.forEach((b, i) => {
      const facts: ArticleFacts = { people: people[i]!, tolls: tolls[i]!, dates: dates[i]!.dates };
      if (dates[i]!.anchor) facts.dateAnchor = dates[i]!.anchor;
      if (dates[i]!.undated) facts.undatedDates = dates[i]!.undated;
      out.push({
        meta: b.tokens.meta,
        hash: b.raw.hash,
        sentences: b.tokens.sentences.map((x) => x.sentence),
        facts,
        dropped: { repeated: b.clean.repeated, boilerplate: b.clean.boilerplate },
      });
    });
  }
  return out;
}

/** An article cleaned, its metadata completed from the text, and read by wink-nlp into sentences and tokens. */
function readTokens(raw: RawArticle) {
  const clean = cleanArticle(raw.text, raw.meta.title);
  const meta: ArticleMeta = { ...raw.meta };
  if (!meta.title && clean.headline) meta.title = clean.headline;
  if (!meta.dateline && clean.dateline) meta.dateline = clean.dateline;
  if (!meta.datelineDate && clean.datelineDate) meta.datelineDate = clean.datelineDate;
  const tokens: ArticleTokens = { meta, sentences: [] };
  for (const para of clean.paragraphs) {
    tokens.sentences.push(...splitParagraph(raw.file, raw.text, para, tokens.sentences.length));
  }
  return { raw, clean, tokens };
}
