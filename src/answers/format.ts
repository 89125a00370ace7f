import type { ArticleMeta } from '../corpus/types.ts';
import type { CorpusIndex } from '../index/types.ts';

/** Looks up an article's metadata by file name, for front ends that show where a quote comes from. */
export type ArticleLookup = (file: string) => ArticleMeta | undefined;

/** The lookup of an index's articles. */
export const lookupIn =
  (index: CorpusIndex): ArticleLookup =>
  (file) =>
    index.articles.get(file)?.meta;

/** "Title — Outlet, 2015-11-17" (title falls back to the file name). Shared by every front end. */
export function sourceLabel(file: string, lookup: ArticleLookup): string {
  const meta = lookup(file);
  const title = meta?.title ?? file;
  const rest = [meta?.outlet, meta?.published?.slice(0, 10)].filter(Boolean).join(', ');
  return rest ? `${title} — ${rest}` : title;
}

/** A toll in words, from the figures as written: "At least 44 killed", "129 killed, hundreds wounded". */
export function tollLabel(t: {
  killed: number | null;
  wounded: number | null;
  atLeast: boolean;
  killedText?: string | null;
  woundedText?: string | null;
  noCasualties?: boolean;
}): string {
  if (t.noCasualties) return 'no casualties reported';
  const figure = (n: number | null, text: string | null | undefined) => text ?? (n === null ? null : `${t.atLeast ? 'at least ' : ''}${n}`);
  const parts: string[] = [];
  const killed = figure(t.killed, t.killedText);
  const wounded = figure(t.wounded, t.woundedText);
  if (killed) parts.push(`${killed} killed`);
  if (wounded) parts.push(`${wounded} wounded`);
  return parts.join(', ') || 'no figure given';
}
