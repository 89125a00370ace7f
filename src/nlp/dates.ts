import type { ArticleTokens } from './types.ts';
import { type Anchor, type AnchorSource, anchorFacts, type DateAnchor, findAnchor } from './dates/anchor.ts';
import { type DatePrecision, localNoon, type Reading, toIso, yearOf } from './dates/calendar.ts';
import { speaksOfFuture } from './dates/cues.ts';
import { parser, readResult } from './dates/chrono-read.ts';
import { bareYears, type NewsFind, newsDates } from './dates/news.ts';

export type { AnchorSource, DateAnchor, DatePrecision };

/** A date a sentence places its event at, normalised against the article's anchor. */
export interface DateMention {
  sentence: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the precision the text gives; `XXXX-MM-DD` / `XXXX-MM` when no year is known. */
  date: string;
  /** The words that say the date, as written. */
  dateText: string;
  /** Offset of `dateText` in the sentence text. */
  at: number;
  precision: DatePrecision;
  /** First day (`YYYY-MM-DD`) of the period the words name: the chronological sort key (year 9999 when no year is known). */
  from: string;
  /** The date lies after the anchor (a plan, a schedule); with no anchor, its clause speaks of the future ("growth will slow in 2005"). */
  future?: boolean;
  /** The words give no year and the article none either ("26 December"): shown as written. */
  noYear?: boolean;
  /** The date was counted from an anchor other than the publication date ("on Monday" against the dateline). */
  relativeTo?: AnchorSource;
}

/** An article's dates and what they were read against. */
export interface ArticleDates {
  dates: DateMention[];
  /** The day relative dates count from, and where it came from; none when the article gives none. */
  anchor?: DateAnchor;
  /** Relative dates ("on Monday", "last week") left undated for want of an anchor. */
  undated: number;
}

/*
 * How dates are read. chrono-node finds most date words (`dates/chrono-read.ts`), news rules the
 * rest (`dates/news.ts`); the normalisation is ours:
 * - an explicit year ("Dec 31, 1986", "March 1987", "since 1901", "his 1996 campaign", "3/15/87",
 *   "nineteen ninety-six") is taken as written, with or without an anchor;
 * - everything else counts from the article's anchor (`dates/anchor.ts`: the publication date, else
 *   the dateline's day in the file name's year, else the file name's date) and is left undated
 *   without one — except a month or month-day ("26 December"), kept as written with no year;
 * - a bare weekday is the latest such day on or before the anchor, or the first on or after it when
 *   its clause speaks of the future ("will", "is to", "as soon as", a present-tense verb: "meet
 *   Monday") or it is a deadline ("closed until Wednesday"); "last/next/this/the previous Friday";
 * - a month or month-day without a year likewise (past unless the clause speaks of the future);
 *   "June last year", "last May", "February this year" by their modifier;
 * - "today", "yesterday", "N days/weeks/months/years ago", "last/this/next week|month|year", "a
 *   year earlier", "year-ago", "the current year", "by year-end": that period;
 * - "the next day", "earlier that day", "the following month": from the last date the article gave;
 * - holidays with a fixed or computable date ("Christmas", "Thanksgiving Day", "Easter");
 * - a week never yields a day: it is reported as its month, or its year when it straddles two;
 * - durations are not dates: "the four-year conflict", "within 30 days", "the past two years".
 */

/**
 * Cheap tests before the readers: words chrono can read (month names, weekdays, today/yesterday/
 * tonight/tomorrow, the words of a relative date, slash dates, four-digit years), and words only
 * the news rules read (spelled-out years, holidays, "a year earlier", "the next morning").
 */
const MAYBE_CHRONO =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun|to|yester)day|tonight|tomorrow|last|this|next|coming|ago)\b|\d{1,2}\/\d{1,2}\/\d{2,4}|\b(?:1[89]|20)\d\d\b/i;
const MAYBE_NEWS =
  /(?:1[6-9]|20)\d\d|\b(?:year|day|month|morning|afternoon|evening|night|christmas|thanksgiving|easter|halloween|eighteen|nineteen|twenty|thousand|independence|valentine's|new year's|fourth of july)\b/i;

/** A clock time right before the date words ("9:30 a.m. on Tuesday", "10 pm Friday"). */
const CLOCK_BEFORE = /\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)\s+(?=$)/i;

interface Found {
  at: number;
  text: string;
  reading: Reading;
  relative: boolean;
}

/** Dated sentences of an article: every date each sentence gives, in reading order. */
export function extractDates(article: ArticleTokens): DateMention[] {
  return readDates(article).dates;
}

/** The dates of an article, its anchor, and how many relative dates had none to count from. */
export function readDates(article: ArticleTokens): ArticleDates {
  const anchor: Anchor | undefined = findAnchor(article.meta);
  const day = anchor?.day;
  const ref = day === undefined ? new Date(2000, 0, 1, 12) : localNoon(day);
  const maxYear = day === undefined ? 2100 : yearOf(day) + 30;
  const out: DateMention[] = [];
  let undated = 0;
  let last: Reading | undefined;
  for (const s of article.sentences) {
    const text = s.sentence.text;
    const maybeChrono = MAYBE_CHRONO.test(text);
    if (!maybeChrono && !MAYBE_NEWS.test(text)) continue;
    const found: Found[] = [];
    const news = newsDates(text, { anchor: day, last }, []);
    const taken: [number, number][] = news.map((f) => [f.at, f.at + f.text.length]);
    const parsed = maybeChrono ? parseSpelled(text, ref) : [];
    const results = parsed.filter((r) => !taken.some(([a, b]) => r.index < b && r.index + r.text.length > a));
    for (const r of results) taken.push([r.index, r.index + r.text.length]);
    for (const f of news) {
      if (f.reading) found.push({ at: f.at, text: f.text, reading: f.reading, relative: isRelative(f) });
      else undated++;
    }
    for (const r of results) {
      const reading = readResult(r, text, day, taken, s, last);
      if (reading === 'relative') undated++;
      if (!reading || reading === 'relative') continue;
      found.push({ ...chronoWords(r, text), reading, relative: !reading.noYear && !new RegExp(`\\b${yearOf(reading.from)}\\b|'\\d\\d\\b|\\d/\\d+/\\d`).test(r.text) });
    }
    for (const f of bareYears(text, taken, maxYear)) if (f.reading) found.push({ at: f.at, text: f.text, reading: f.reading, relative: false });
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
      if (f.reading.noYear) {
        mention.noYear = true;
        if (f.reading.ahead) mention.future = true;
      }
      else if (day !== undefined ? f.reading.from > day : speaksOfFuture(text, f.at, [], f.at + f.text.length, s)) mention.future = true;
      if (f.relative && anchor && anchor.by !== 'published') mention.relativeTo = anchor.by;
      out.push(mention);
      if (!f.reading.noYear && f.reading.precision !== 'year' && f.reading.precision !== 'week') last = f.reading;
    }
  }
  const result: ArticleDates = { dates: out, undated };
  if (anchor) result.anchor = anchorFacts(anchor);
  return result;
}

/** A day of the month spelled out after its month, as wire copy writes days below ten: "a March five tremor", "effective April one". */
const SPELLED_DAY =
  /\b((?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s)(one|two|three|four|five|six|seven|eight|nine)\b(?![-’'])(?!\s+(?:of|year|years|day|days|week|weeks|month|months|hundred|thousand|million|billion|mln|pct|percent|per)\b)/gi;
const SPELLED = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** "May" must read as the month: after a word that introduces a date ("on May one", "effective May one"). */
const MAY_LEAD = /\b(?:on|by|from|until|till|to|before|after|since|effective|through|of|and|between)\s+$/i;

/**
 * chrono over the text with spelled days written as figures ("March 5 " for "March five"), its results'
 * words taken back from the text as written; the same offsets, as each figure is padded to its word's length.
 */
function parseSpelled(text: string, ref: Date): ReturnType<typeof parser.parse> {
  const ends: [number, number][] = [];
  const read = text.replace(SPELLED_DAY, (all, month: string, day: string, at: number) => {
    if (/^may/i.test(month) && !MAY_LEAD.test(text.slice(0, at))) return all;
    const figure = String(SPELLED.indexOf(day.toLowerCase()) + 1);
    const from = at + month.length;
    ends.push([from + figure.length, from + day.length]);
    return month + figure.padEnd(day.length, ' ');
  });
  const results = parser.parse(read, ref);
  if (!ends.length) return results;
  for (const r of results) {
    const end = r.index + r.text.length;
    const spelled = ends.find(([figureEnd]) => figureEnd === end);
    (r as { text: string }).text = text.slice(r.index, spelled ? spelled[1] : end);
  }
  return results;
}

function isRelative(f: NewsFind): boolean {
  return !!f.reading && !f.reading.noYear && !/\d{4}|\b(?:eighteen|nineteen|twenty|thousand)\b/i.test(f.text);
}

/** The date words of a chrono result as written: chrono may take a comma or bracket on either side, or a range. */
function chronoWords(r: { index: number; text: string; end?: unknown }, text: string): { at: number; text: string } {
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
  return { at, text: words };
}

