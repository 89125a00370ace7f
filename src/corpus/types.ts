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

/** A problem with one file of the corpus. The rest of the corpus is still read. */
export interface CorpusWarning {
  file: string;
  problem: string;
}

export interface CorpusRead {
  dir: string;
  articles: RawArticle[];
  warnings: CorpusWarning[];
}
