import * as chrono from 'chrono-node';
import type { ArticleTokens } from './types.ts';

/** How finely the words fix the date. A week is reported as its month (or year): never an invented day. */
export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** A date a sentence places its event at, normalised against the article's publication date. */
export interface DateMention {
  sentence: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the precision the text gives. */
  date: string;
  /** The words that say the date, as written. */
  dateText: string;
  /** Offset of `dateText` in the sentence text. */
  at: number;
  precision: DatePrecision;
  /** First day (`YYYY-MM-DD`) of the period the words name: the chronological sort key. */
  from: string;
  /** The date lies after publication (a plan, a schedule). */
  future?: boolean;
}

/*
 * How dates are read. chrono-node finds the date words; the normalisation is ours, because chrono
 * resolves a bare weekday or a month-day to the nearest occurrence (past or future) while news
 * speaks of the past:
 * - an explicit year ("Dec 31, 1986", "March 1987", "in 1986", "3/15/87") is taken as written, even
 *   without a publication date;
 * - everything else is relative to the publication date (`meta.published`) and is skipped when the
 *   article has none;
 * - a bare weekday ("on Monday", "Friday night", "9:30 a.m. on Tuesday") is the latest such day on
 *   or before publication, or the first on or after it when its clause speaks of the future ("will",
 *   "would", "plans to", "is to", "scheduled", "due", …; "said Monday it will" is still Monday past)
 *   or it is a deadline ("closed until Wednesday", "by Friday"); "last/next/this Friday" as written;
 * - a month-day or a month without a year ("Oct. 31", "in January") likewise, except that a date
 *   more than six months back is taken as the coming one: writers name the year of a date that far;
 * - "today", "yesterday", "tonight", "last night", "this morning": that day; "N days/weeks/months/
 *   years ago", "last/this/next week|month|year": that period ("the last week", "the next year" are
 *   spans, and skipped);
 * - a week never yields a day: it is reported as its month, or its year when it straddles two
 *   months, and skipped when it straddles two years;
 * - durations are not dates: "the four-year conflict", "90-minute", "within 30 days", "the past two
 *   years", "two hours after", "a year earlier" are dropped.
 */

/** chrono's casual English parsers, minus those that read durations or offsets from another event. */
const parser = (() => {
  const cfg = chrono.en.configuration.createCasualConfiguration();
  const drop = new Set([
    'ENTimeUnitWithinFormatParser', // "within 30 days", "in 10 days", "for a second"
    'ENTimeUnitLaterFormatParser', // "two hours after", "a day later"
    'ENTimeUnitCasualRelativeFormatParser', // "the past two years", "next five years"
    'ENEndOfCurrentMonthParser',
    // Clock times say no date, and merged into one ("February from 1.23", "March 12 to 3.038") they
    // swallow figures; "9:30 a.m. on Tuesday" is still dated by "on Tuesday".
    'ENTimeExpressionParser',
  ]);
  cfg.parsers = cfg.parsers.filter((p) => !drop.has(p.constructor.name));
  // Two dates are two mentions: merged into a range they would blur ("Feb 27 to March 3").
  cfg.refiners = cfg.refiners.filter((r) => r.constructor.name !== 'ENMergeDateRangeRefiner');
  return new chrono.Chrono(cfg);
})();

/**
 * A cheap test before chrono: month names, weekdays, today/yesterday/tonight/tomorrow, the words that
 * make a relative date (last, this, next, coming, ago), full slash dates and four-digit years.
 */
const MAYBE_DATE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun|to|yester)day|tonight|tomorrow|last|this|next|coming|ago)\b|\d{1,2}\/\d{1,2}\/\d{2,4}|\b(?:1[89]|20)\d\d\b/i;

const FULL_WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
/** Named days that are not dates of the week they fall in. */
const NAMED_DAY = /\b(?:good|black|easter|ash|holy|palm|super|bloody|cyber|blue|shrove|boxing)\s+$/i;
/** What may stand before a month named alone ("in March", "mid-March", "end-March", "last March"). */
const MONTH_LEAD = /\b(?:in|since|during|until|till|through|throughout|by|from|before|after|between|and|to|early|late|mid|end|last|next|this|of|on)[\s-]+$/i;
const MONTH_WORD = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|sept?\.|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|oct\.|nov\.|dec\.)$/i;

/** Words in the clause before a date that put it in the future. */
const FUTURE_CUE =
  /\b(?:will|shall|would|won't|going to|plan(?:s|ned|ning)? to|intend(?:s|ed)? to|(?:is|are|was|were) to|to be held|scheduled|slated|due|set (?:for|to)|expected (?:on|to)|upcoming|coming|next|tomorrow)\b|\w'll\b/i;
/** Where the clause before a date begins: punctuation, or a speech verb ("said Tuesday" is when it was said). */
const CLAUSE_START =
  /[.;:!?"“”()]|\b(?:said|says|told|announced|reported|added|stated|according to|that|which|who|where|when|while|because|although|but)\b/gi;

/** A bare year with a word that makes it a date ("in 1986", "mid-1987", "end of 1986"), not a fiscal span. */
const BARE_YEAR =
  /\b(?:in|during|early|late|mid|end(?: of)?|start of|beginning of|spring(?: of)?|summer(?: of)?|autumn(?: of)?|fall of|winter(?: of)?)[\s-]+((?:1[89]|20)\d\d)\b(?![/-]\d|[.,]\d|\s*(?:-|to|and)\s*\d)/gi;

/** A clock time right before the date words ("9:30 a.m. on Tuesday", "10 pm Friday"). */
const CLOCK_BEFORE = /\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)\s+(?=$)/i;

interface Reading {
  date: string;
  from: CalendarDay;
  precision: DatePrecision;
}

/** Dated sentences of an article: every date each sentence gives, in reading order. */
export function extractDates(article: ArticleTokens): DateMention[] {
  const pub = parseDay(article.meta.published);
  const ref = pub === undefined ? new Date(2000, 0, 1, 12) : localNoon(pub);
  const out: DateMention[] = [];
  for (const s of article.sentences) {
    const text = s.sentence.text;
    if (!MAYBE_DATE.test(text)) continue;
    const found: { at: number; text: string; reading: Reading }[] = [];
    const taken: [number, number][] = [];
    const results = parser.parse(text, ref);
    for (const r of results) taken.push([r.index, r.index + r.text.length]);
    for (const r of results) {
      const reading = readResult(r, text, pub, taken);
      if (!reading) continue;
      // chrono may take a comma or bracket on either side: the date words are what is left.
      const lead = /^[\s,(]*/.exec(r.text)![0].length;
      let words = r.text.slice(lead);
      // A day range ("March 16 to 30") is dated by its first day; a figure after it is not part of it.
      if (r.end) words = words.replace(/\s*(?:[-–]|\b(?:to|through|thru|until|till)\b).*$/s, '');
      words = words.replace(/\s+of\s+\d{1,3}(?!\d).*$/s, '').replace(/[\s,;)]+$/, '');
      // A clock time told with the day belongs to the date words: "9:30 a.m. on Tuesday".
      let at = r.index + lead;
      const clock = CLOCK_BEFORE.exec(text.slice(0, at));
      if (clock) {
        at -= clock[0].length;
        words = clock[0] + words;
      }
      found.push({ at, text: words, reading });
    }
    for (const m of text.matchAll(BARE_YEAR)) {
      const at = m.index;
      if (taken.some(([a, b]) => at < b && at + m[0].length > a)) continue;
      const year = Number(m[1]);
      found.push({ at, text: m[0], reading: yearReading(year) });
    }
    found.sort((a, b) => a.at - b.at);
    for (const f of found) {
      const mention: DateMention = {
        sentence: s.sentence.index,
        date: f.reading.date,
        dateText: f.text,
        at: f.at,
        precision: f.reading.precision,
        from: toIso(f.reading.from),
      };
      if (pub !== undefined && f.reading.from > pub) mention.future = true;
      out.push(mention);
    }
  }
  return out;
}

/** chrono works in local time: the reference is noon of the publication day, wherever the code runs. */
function localNoon(day: CalendarDay): Date {
  const [y, m, d] = toIso(day).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

/** Reads one chrono result into a normalised date, or nothing when it is not a usable date. */
function readResult(r: chrono.ParsedResult, text: string, pub: CalendarDay | undefined, taken: [number, number][]): Reading | null {
  const words = r.text;
  const s = r.start;
  const before = text.slice(0, r.index);
  // Offsets from another event ("a year earlier", "the day before") and clock times are not dates.
  if (/\b(?:before|earlier|later|after)$/i.test(words) || /\bnow\b/i.test(words)) return null;
  if (/\b(?:hours?|minutes?|seconds?|hrs?|mins?|secs?)\b/i.test(words) && !s.isCertain('weekday') && !s.isCertain('month')) return null;
  // Fractions and prices ("up 1/4 to 38-3/4") are not dates: a slash date needs its year.
  if (/^\d{1,2}\/\d{1,2}$/.test(words.trim())) return null;

  const year = s.get('year');
  const explicit = year !== null && s.isCertain('year') && hasYearDigits(words, year);
  if (explicit) return exactReading(r);
  if (pub === undefined) return null;
  // "versus 292,000 week ago": the figure before is not a count of periods.
  if (/^\d/.test(words.trim()) && /[\d,.]$/.test(before)) return null;

  // Relative to publication: a unit word names the period ("the past year" is a span, not a date).
  if (/\bpast\s+(?:week|month|year)/i.test(words)) return null;
  // "in the last week (of the month)", "over the next year": spans, not the week or year before or after.
  if (/\bthe\s+$/i.test(before) && /^(?:last|next|past|this)\b/i.test(words.trim())) return null;
  if (/\bweeks?\b/i.test(words)) {
    if (/\bweeks?\s+ago$/i.test(words) || s.isCertain('day') || s.isCertain('year')) return weekReading(weekOf(dayFromComponents(r)));
    if (/\bthis\s+week\b/i.test(words)) return weekReading(weekOf(pub));
    return null;
  }
  if (/\bmonths?\b/i.test(words)) {
    if (!s.isCertain('month')) return null;
    return monthReading(s.get('year')!, s.get('month')!);
  }
  if (/\byears?\b/i.test(words)) {
    if (!s.isCertain('year')) return null;
    return yearReading(year!);
  }
  if (/\bago$/i.test(words)) {
    // "two days ago"
    if (!s.isCertain('day')) return null;
    return dayReading(dayFromComponents(r));
  }

  // "today", "tonight", "yesterday", "tomorrow", "last night": chrono fixes the day from publication.
  if (/\b(?:today|tonight|yesterday|tomorrow|last\s+night)\b/i.test(words)) {
    return s.isCertain('day') && s.isCertain('month') ? dayReading(dayFromComponents(r)) : null;
  }
  if (s.isCertain('month')) {
    const month = s.get('month')!;
    // "for February, 25.7 mln people": a figure after a month is not its day.
    const after = text.slice(r.index + words.length);
    if (s.isCertain('day') && (/^\S+,\s*\d/.test(words.trim()) || /^[.,]\d/.test(after))) return null;
    // "the October-December fourth quarter": an ordinal before a period word is not a day.
    if (s.isCertain('day') && /^\s*(?:quarter|half|period|term|round|year)\b/i.test(after)) return null;
    const monthWord = words.replace(/^(?:on|in|the|end of|mid-?)\s*/i, '').split(/[\s,]+/)[0] ?? '';
    if (!/^\p{Lu}/u.test(monthWord)) return null; // "march", "may" lower case are not months
    const future = speaksOfFuture(text, r.index, taken, r.index + words.length);
    const [pubYear, pubMonth] = monthOf(pub);
    if (s.isCertain('day')) {
      const day = chooseYear(pub, pubYear, future, (y) => dayOf(y, month, s.get('day')!), 183);
      if (r.tags().has('refiner/ENEndOfPeriodRefiner')) return monthReading(...monthOf(day));
      return dayReading(day);
    }
    if (!MONTH_WORD.test(monthWord) || !MONTH_LEAD.test(before)) return null;
    const now = pubYear * 12 + pubMonth - 1;
    const at = (y: number) => y * 12 + month - 1;
    // "last June" is the one before this month, "next June" the one after, "this June" this year's.
    const modifier = /\b(last|next|this)\s+$/i.exec(before)?.[1]?.toLowerCase();
    let m: number;
    if (modifier === 'last') m = at(pubYear) < now ? at(pubYear) : at(pubYear - 1);
    else if (modifier === 'next') m = at(pubYear) > now ? at(pubYear) : at(pubYear + 1);
    else if (modifier === 'this') m = at(pubYear);
    else m = chooseYear(now, pubYear, future, at, 6);
    return monthReading(Math.floor(m / 12), (m % 12) + 1);
  }

  if (s.isCertain('weekday')) {
    const m = FULL_WEEKDAY.exec(words);
    if (!m || NAMED_DAY.test(before + words.slice(0, m.index))) return null;
    if (!/^\p{Lu}/u.test(m[0])) return null;
    // A bare weekday in a name ("the Sunday Times") is not a date.
    if (words.trim() === m[0] && /^\s+\p{Lu}\p{Ll}/u.test(text.slice(r.index + words.length))) return null;
    const wd = s.get('weekday')!;
    const pubWd = dayOfWeek(pub);
    const modifier = /\b(last|past|next|this|coming)\s+\w+day\b/i.exec(words)?.[1]?.toLowerCase();
    let day: CalendarDay;
    if (modifier === 'last' || modifier === 'past') day = pub - (((pubWd - wd + 6) % 7) + 1);
    else if (modifier === 'next' || modifier === 'coming') day = pub + (((wd - pubWd + 6) % 7) + 1);
    else if (modifier === 'this') day = pub - pubWd + wd;
    else if (speaksOfFuture(text, r.index, taken, r.index + words.length)) day = pub + ((wd - pubWd + 7) % 7);
    else day = pub - ((pubWd - wd + 7) % 7);
    return dayReading(day);
  }

  // "this morning", "this afternoon": the day of publication.
  if (/^this\s+(?:morning|afternoon|evening)$/i.test(words)) return dayReading(pub);
  return null;
}

/** The year digits are in the words themselves ("1986", "'86", "3/15/87"), not implied by the reference. */
function hasYearDigits(words: string, year: number): boolean {
  if (new RegExp(`\\b${year}\\b`).test(words)) return true;
  const yy = String(year).slice(2);
  // A numeric date with one separator throughout ("3/15/87"), not a price fraction ("5-15/16").
  return new RegExp(`(?:^|[^\\d/.-])\\d{1,2}(?:/\\d{1,2}/|-\\d{1,2}-|\\.\\d{1,2}\\.)${yy}$|'${yy}\\b`).test(words.trim());
}

function dayFromComponents(r: chrono.ParsedResult): CalendarDay {
  return dayOf(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!);
}

/** A date whose year the text gives: as precise as its certain components. */
function exactReading(r: chrono.ParsedResult): Reading | null {
  const s = r.start;
  const year = s.get('year')!;
  if (s.isCertain('month') && s.isCertain('day') && !r.tags().has('refiner/ENEndOfPeriodRefiner')) {
    const day = dayFromComponents(r);
    return dayReading(day);
  }
  if (s.isCertain('month')) return monthReading(year, s.get('month')!);
  return yearReading(year);
}

function dayReading(day: CalendarDay): Reading {
  return { date: toIso(day), from: day, precision: 'day' };
}

function yearReading(year: number): Reading {
  return { date: String(year), from: dayOf(year, 1, 1), precision: 'year' };
}

function monthReading(year: number, month: number): Reading {
  return { date: `${year}-${String(month).padStart(2, '0')}`, from: dayOf(year, month, 1), precision: 'month' };
}

/** A week (Sunday to Saturday, as chrono counts) as its month, else its year, else nothing. */
function weekReading([first, last]: [CalendarDay, CalendarDay]): Reading | null {
  const [y1, m1] = monthOf(first);
  const [y2, m2] = monthOf(last);
  if (y1 === y2 && m1 === m2) return { ...monthReading(y1, m1), from: first, precision: 'week' };
  if (y1 === y2) return { date: String(y1), from: first, precision: 'week' };
  return null;
}

/**
 * The year of a month-day (or a month) written without one: the latest on or before publication, or
 * the first on or after it when the clause speaks of the future; a reading more than six months away
 * gives way to the other one when that is nearer (writers name the year of a date that far). `at(year)` places the date in a year, in units (days or months) comparable
 * with `now`, the publication in the same units.
 */
function chooseYear(now: number, pubYear: number, future: boolean, at: (year: number) => number, halfYear: number): number {
  const candidates = [at(pubYear - 1), at(pubYear), at(pubYear + 1)];
  const past = candidates.filter((c) => c <= now).pop()!;
  const next = candidates.find((c) => c >= now)!;
  if (future) return next - now > halfYear && now - past <= halfYear ? past : next;
  return now - past > halfYear ? next : past;
}

/** A deadline word right before the date words. */
const DEADLINE = /\b(?:until|till|by)\s+$/i;

/** What right after a date puts it in the future ("on Monday will start"). */
const FUTURE_AFTER = /^[\s,]*(?:will|would|shall|(?:is|are) (?:to|due|set|expected|scheduled))\b/i;

/**
 * Does the clause that leads to the date (after any speech verb) speak of the future, or the verb
 * right after it? `at` is where the date words start in `text`, `end` where they end.
 */
function speaksOfFuture(text: string, at: number, taken: [number, number][], end = at): boolean {
  if (FUTURE_AFTER.test(text.slice(end, end + 30))) return true;
  // A deadline ("closed until Wednesday", "in place by Friday") lies ahead, unless told in the past
  // perfect ("had asked for the data by Monday").
  if (DEADLINE.test(text.slice(Math.max(0, at - 12), at))) return !/\bhad\b/i.test(clauseBefore(text, at, taken));
  return FUTURE_CUE.test(clauseBefore(text, at, taken));
}

/** The clause that leads to a date: after the last punctuation or speech verb, other dates blanked. */
function clauseBefore(text: string, at: number, taken: [number, number][]): string {
  const offset = Math.max(0, at - 120);
  let left = text.slice(offset, at);
  // Other date words ("next week") say nothing about this date.
  for (const [a, b] of taken) {
    if (b <= offset || a >= at) continue;
    const s = Math.max(a, offset) - offset;
    const e = Math.min(b, at) - offset;
    left = left.slice(0, s) + ' '.repeat(e - s) + left.slice(e);
  }
  let start = 0;
  for (const m of left.matchAll(CLAUSE_START)) start = m.index + m[0].length;
  return left.slice(start);
}

/** A calendar day as a count of days since 1970-01-01 (UTC, so no time zone or DST can shift it). */
type CalendarDay = number;
const MS_PER_DAY = 86_400_000;

function dayOf(year: number, month: number, day: number): CalendarDay {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD…` (a date or a date-time) → its day; anything else → undefined. */
function parseDay(iso: string | undefined): CalendarDay | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  return toIso(day) === `${m[1]}-${m[2]}-${m[3]}` ? day : undefined;
}

function toIso(day: CalendarDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function monthOf(day: CalendarDay): [number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(day: CalendarDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The Sunday-to-Saturday week holding a day. */
function weekOf(day: CalendarDay): [CalendarDay, CalendarDay] {
  const first = day - dayOfWeek(day);
  return [first, first + 6];
}
