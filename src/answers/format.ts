import type { ArticleMeta } from '../corpus/types.ts';

/** Looks up an article's metadata by file name, for front ends that show where a quote comes from. */
export type ArticleLookup = (file: string) => ArticleMeta | undefined;

/** "Title — Outlet, 2015-11-17" (title falls back to the file name). Shared by every front end. */
export function sourceLabel(file: string, lookup: ArticleLookup): string {
  const meta = lookup(file);
  const title = meta?.title ?? file;
  const rest = [meta?.outlet, meta?.published?.slice(0, 10)].filter(Boolean).join(', ');
  return rest ? `${title} — ${rest}` : title;
}

/** A toll in words: "at least 44 killed", "129 killed, hundreds wounded". */
export function tollLabel(t: { killed: number | null; wounded: number | null; atLeast: boolean }): string {
  const parts: string[] = [];
  if (t.killed !== null) parts.push(`${t.atLeast ? 'at least ' : ''}${t.killed} killed`);
  if (t.wounded !== null) parts.push(`${t.atLeast && t.killed === null ? 'at least ' : ''}${t.wounded} wounded`);
  return parts.join(', ') || 'no toll given';
}
