import { createHash } from 'node:crypto';
import type { RawArticle } from '../corpus/types.ts';

/**
 * Version of everything that shapes the index: bump it whenever analysis, extraction or the snapshot
 * layout changes, and every snapshot made by older code is rebuilt. (Kept apart from `build.ts` so
 * that opening a snapshot does not load the analysis code.)
 */
export const INDEX_VERSION = 14;

/** The identity of a corpus's content under this code: the snapshot key. */
export function corpusKey(articles: Pick<RawArticle, 'file' | 'hash'>[]): string {
  const h = createHash('sha256').update(`index-v${INDEX_VERSION}\n`);
  for (const a of [...articles].sort((x, y) => (x.file < y.file ? -1 : 1))) h.update(`${a.file}\0${a.hash}\n`);
  return h.digest('hex');
}
