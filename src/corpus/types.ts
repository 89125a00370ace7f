/** Metadata for one article, from `sources.json` and from the text itself. Every field may be missing. */
export interface ArticleMeta {
  /** The article's file name inside the corpus folder: the `source` of every quote from it. */
  file: string;
  title?: string;
  /** ISO date (`YYYY-MM-DD`) or date-time, as given in `sources.json`. */
  published?: string;
  outlet?: string;
  url?: string;
  dateline?: string;
  /** The date the dateline gives, as written ("March 3" of `MILLBROOK, March 3 -`): the anchor of an article with no publication date. */
  datelineDate?: string;
}

/** One article file read from disk, decoded and checked, not yet analysed. */
export interface RawArticle {
  file: string;
  /** The decoded text, exactly as in the file (a leading BOM is kept: offsets are into this string). */
  text: string;
  /** SHA-256 of the file's bytes and its metadata: the key of every cached per-article result. */
  hash: string;
  meta: ArticleMeta;
}

/**
 * What a warning means, for code that acts on it (a refresh) rather than shows it:
 * - `unreadable`: reading failed (an I/O error; the file may read again later) — a refresh stops
 *   rather than drop an article the index serves;
 * - `unusable`: `sources.json` as a whole could not be used — a refresh stops rather than drop
 *   every article's metadata;
 * - `unlisted`: `sources.json` names a file that is not in the folder;
 * - `metadata`: some entries or fields of `sources.json` were dropped;
 * - `skipped`: the file is not an article (empty, binary, too large, a link, gone);
 * - `note`: read, with a remark (a BOM, CRLF line ends).
 */
export type WarningKind = 'unreadable' | 'unusable' | 'unlisted' | 'metadata' | 'skipped' | 'note';

/** A problem with one file of the corpus. The rest of the corpus is still read. */
export interface CorpusWarning {
  file: string;
  /** Said for people: what is wrong and what was done about it. */
  problem: string;
  kind: WarningKind;
}

export interface CorpusRead {
  dir: string;
  articles: RawArticle[];
  warnings: CorpusWarning[];
}
