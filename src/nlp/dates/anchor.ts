/**
 * The anchor of an article: the day its relative dates ("on Monday", "last month", "a year earlier")
 * count from. In order: the publication date (`sources.json`), the dateline's date in the year of
 * the file name's date, a date in the file name (wire archives name files `APW19980213.1310`,
 * `AP900815-0044`). None of them: relative dates are not dated, and a month or month-day keeps no
 * year ("26 December").
 */
import type { ArticleMeta } from '../../corpus/types.ts';
import { type CalendarDay, monthOf, parseDay, toIso, validDay } from './calendar.ts';

export type AnchorSource = 'published' | 'dateline' | 'file name';

export interface Anchor {
  day: CalendarDay;
  by: AnchorSource;
}

/** What an article's dates were read against: stored with its facts, shown with its answers. */
export interface DateAnchor {
  /** `YYYY-MM-DD`. */
  date: string;
  by: AnchorSource;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month name or its abbreviation ("Sept.", "August") → 1–12. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return undefined;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i]!;
  return full.startsWith(w) || (i === 8 && w === 'sept') ? i + 1 : undefined;
}

/** A dateline's date as written ("March 3", "Aug. 7", "7 August") → [month, day]. */
export function datelineMonthDay(text: string | undefined): [number, number] | undefined {
  if (!text) return undefined;
  const m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})$/.exec(text.trim()) ?? /^(\d{1,2})\s+([A-Za-z]{3,9})\.?$/.exec(text.trim());
  if (!m) return undefined;
  const [w, d] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
  const month = monthNumber(w);
  const day = Number(d);
  return month && day >= 1 && day <= 31 ? [month, day] : undefined;
}

/** A date in a file name: `…19980213…` (YYYYMMDD) or letters then `900815` (YYMMDD) then a separator. */
export function fileNameDay(file: string): CalendarDay | undefined {
  const base = file.replace(/\.[^.]*$/, '');
  const long = /(?:^|\D)((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)/.exec(base);
  if (long) return validDay(Number(long[1]), Number(long[2]), Number(long[3]));
  const short = /^[A-Za-z]+(\d\d)(\d\d)(\d\d)(?:[-_.]|$)/.exec(base);
  if (short) {
    const yy = Number(short[1]);
    return validDay(yy < 50 ? 2000 + yy : 1900 + yy, Number(short[2]), Number(short[3]));
  }
  return undefined;
}

/**
 * The anchor, from the metadata: the publication date, else the dateline's day in the year of the
 * file name's date, else the file name's date. A dateline alone gives no year, and none is taken
 * from the dates the text tells: on 2,095 Reuters stories with a dateline, the year of a nearby full
 * date in the text was the story's only 9 times in 12 (the latest one's, 26 in 63): "the year ended
 * January 31, 1986" in a March 1987 story. Never a year guessed.
 */
export function findAnchor(meta: ArticleMeta): Anchor | undefined {
  const pub = parseDay(meta.published);
  if (pub !== undefined) return { day: pub, by: 'published' };
  const fromFile = fileNameDay(meta.file);
  if (fromFile === undefined) return undefined;
  const dl = datelineMonthDay(meta.datelineDate);
  if (!dl) return { day: fromFile, by: 'file name' };
  // The dateline's day nearest the file's ("Dec 31" in a file of January 1 is the day before).
  const [year] = monthOf(fromFile);
  const days = [year - 1, year, year + 1].map((y) => validDay(y, dl[0], dl[1])).filter((d): d is CalendarDay => d !== undefined);
  const day = days.sort((a, b) => Math.abs(a - fromFile) - Math.abs(b - fromFile))[0];
  return day !== undefined ? { day, by: 'dateline' } : { day: fromFile, by: 'file name' };
}

export function anchorFacts(a: Anchor): DateAnchor {
  return { date: toIso(a.day), by: a.by };
}
