import type { ArticleMeta } from '../corpus/types.ts';
import type { CorpusIndex } from '../index/types.ts';
import type { Answer, TimelineItem } from './types.ts';

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

/** A toll in words, from the figures as written: "At least 44 killed", "129 killed, hundreds wounded", "192 dead or presumed dead (26 → about 200 → 192)". */
export function tollLabel(t: {
  killed: number | null;
  wounded: number | null;
  atLeast: boolean;
  killedText?: string | null;
  woundedText?: string | null;
  noCasualties?: boolean;
  missing?: number | null;
  missingText?: string | null;
  combined?: { text: string; of: string[] } | null;
  affected?: { kind: string; text: string }[];
  victims?: string[];
  kind?: string;
  historical?: boolean;
  change?: string | null;
  order?: 'published' | 'figure';
  reports?: unknown[];
}): string {
  if (t.noCasualties) return 'no casualties reported';
  const figure = (n: number | null, text: string | null | undefined) => text ?? (n === null ? null : `${t.atLeast ? 'at least ' : ''}${n}`);
  const parts: string[] = [];
  const killed = figure(t.killed, t.killedText);
  const wounded = figure(t.wounded, t.woundedText);
  const missing = figure(t.missing ?? null, t.missingText);
  if (t.combined && t.kind === 'combined') parts.push(`${t.combined.text} ${t.combined.of.join(' or ')}`);
  if (killed) parts.push(`${killed} killed`);
  if (wounded) parts.push(`${wounded} wounded`);
  if (missing) parts.push(`${missing} missing`);
  if (t.combined && t.kind !== 'combined') parts.push(`${t.combined.text} ${t.combined.of.join(' or ')}`);
  for (const a of t.affected ?? []) parts.push(`${a.text} ${a.kind}`);
  if (!parts.length && t.victims?.length) parts.push(`${t.kind === 'killed' ? 'killed' : 'victims'}: ${t.victims.join(', ')}`);
  let label = parts.join(', ') || 'no figure given';
  if (t.change) label += ` (${t.order === 'figure' ? 'reports by figure, undated: ' : ''}${t.change})`;
  else if ((t.reports?.length ?? 0) > 1) label += ` (${t.reports!.length} reports)`;
  if (t.historical) label += ', over years';
  return label;
}

/** Every row a front end shows, in order: the items, then a timeline's dates without a year. */
export function answerRows(answer: Answer): Answer['items'] {
  return answer.command === 'timeline' && answer.yearless?.length ? [...answer.items, ...answer.yearless] : answer.items;
}

/**
 * A timeline row's date and how it was read, for every front end: `when` is the date (or, with no
 * year, the words as written), `how` the words that gave it and any note ("dated from the dateline",
 * "year not given", "ahead of the article": a plan or forecast, not when it happened).
 */
export function dateHeading(item: Pick<TimelineItem, 'date' | 'dateText' | 'note' | 'future'>): { when: string; how: string } {
  const yearless = item.date.startsWith('XXXX');
  const how = [yearless ? undefined : `“${item.dateText}”`, item.note, item.future ? 'ahead of the article' : undefined].filter(Boolean).join('; ');
  return { when: yearless ? item.dateText : item.date, how };
}

/** "1 article", "2,225 articles", "3 people": a count and its noun, for every front end. */
export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
