/** Calendar arithmetic for the date readers: whole days, no time zone. */

/** How finely the words fix the date. A week is reported as its month (or year): never an invented day. */
export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** A calendar day as a count of days since 1970-01-01 (UTC, so no time zone or DST can shift it). */
export type CalendarDay = number;
const MS_PER_DAY = 86_400_000;

/** A date read from the words: its value at its precision and the first day of its period. */
export interface Reading {
  date: string;
  from: CalendarDay;
  precision: DatePrecision;
  /** The words give no year and none is known: `date` is `XXXX-MM-DD` or `XXXX-MM`. */
  noYear?: boolean;
  /** A year-less date whose clause speaks of the future ("meets on 12 January"). */
  ahead?: boolean;
}

export function dayOf(year: number, month: number, day: number): CalendarDay {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD…` (a date or a date-time) → its day; anything else → undefined. */
export function parseDay(iso: string | undefined): CalendarDay | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return undefined;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The day, when year, month and day make a real date. */
export function validDay(y: number, mo: number, d: number): CalendarDay | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const day = dayOf(y, mo, d);
  const [yy, mm] = monthOf(day);
  return yy === y && mm === mo ? day : undefined;
}

export function toIso(day: CalendarDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function monthOf(day: CalendarDay): [number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
}

export function yearOf(day: CalendarDay): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: CalendarDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The Sunday-to-Saturday week holding a day. */
export function weekOf(day: CalendarDay): [CalendarDay, CalendarDay] {
  const first = day - dayOfWeek(day);
  return [first, first + 6];
}

/** chrono works in local time: the reference is noon of a day, wherever the code runs. */
export function localNoon(day: CalendarDay): Date {
  const [y, m, d] = toIso(day).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

export function dayReading(day: CalendarDay): Reading {
  return { date: toIso(day), from: day, precision: 'day' };
}

export function yearReading(year: number): Reading {
  return { date: String(year), from: dayOf(year, 1, 1), precision: 'year' };
}

export function monthReading(year: number, month: number): Reading {
  return { date: `${year}-${String(month).padStart(2, '0')}`, from: dayOf(year, month, 1), precision: 'month' };
}

/** A month (as `year * 12 + month - 1`) as its reading. */
export function monthIndexReading(m: number): Reading {
  return monthReading(Math.floor(m / 12), (m % 12) + 1);
}

/**
 * A date whose year neither the words nor the article give: shown as written, placed after every
 * dated one (`from` is a day of year 9999 so the order stays by month and day), never given a year.
 */
export function yearlessReading(month: number, day?: number): Reading {
  const mm = String(month).padStart(2, '0');
  if (day === undefined) return { date: `XXXX-${mm}`, from: dayOf(9999, month, 1), precision: 'month', noYear: true };
  return { date: `XXXX-${mm}-${String(day).padStart(2, '0')}`, from: dayOf(9999, month, day), precision: 'day', noYear: true };
}

/** A week (Sunday to Saturday, as chrono counts) as its month, else its year, else nothing. */
export function weekReading([first, last]: [CalendarDay, CalendarDay]): Reading | null {
  const [y1, m1] = monthOf(first);
  const [y2, m2] = monthOf(last);
  if (y1 === y2 && m1 === m2) return { ...monthReading(y1, m1), from: first, precision: 'week' };
  if (y1 === y2) return { date: String(y1), from: first, precision: 'week' };
  return null;
}

/** Easter Sunday of a year (the Gregorian computus). */
export function easter(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** The n-th (1-based) weekday `wd` of a month. */
export function nthWeekday(year: number, month: number, wd: number, n: number): CalendarDay {
  const first = dayOf(year, month, 1);
  return first + ((wd - dayOfWeek(first) + 7) % 7) + 7 * (n - 1);
}
