/**
 * Date words chrono-node does not read, or reads as something else, in news: bare years in any
 * position that reads as a date, years spelled out, "June last year" and "last May", periods told
 * relative to the article's year ("a year earlier", "year-ago", "the full year", "by year-end"),
 * anaphoric days ("the next morning", "earlier that day", "the following month") and holidays.
 */
import { nationKind } from '../gazetteer.ts';
import { monthNumber } from './anchor.ts';
import {
  type CalendarDay,
  dayOf,
  dayReading,
  easter,
  monthIndexReading,
  monthOf,
  monthReading,
  nthWeekday,
  type Reading,
  yearOf,
  yearReading,
} from './calendar.ts';
import { speaksOfFuture } from './cues.ts';

/** One date found by a news rule: `reading` null when it needs an anchor the article lacks. */
export interface NewsFind {
  at: number;
  text: string;
  reading: Reading | null;
  /** Read from the last date given (anaphora): "the next day". */
  anaphoric?: boolean;
}

/** What the rules know while reading an article. */
export interface NewsContext {
  anchor: CalendarDay | undefined;
  /** The last date the article gave before this point, at its precision. */
  last: Reading | undefined;
}

const MONTH_NAME = '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';

/** "June last year", "February this year", "last May", "this December". */
const MONTH_MODIFIED = new RegExp(`\\b(${MONTH_NAME})(?:,?\\s+(last|this|next)\\s+year)\\b|\\b(last|this|next)\\s+(${MONTH_NAME})(?![\\w-])(?!\\s+\\d)`, 'g');

/**
 * A four-digit year standing as a date: not a figure (a price, a count, a decimal, a range of
 * figures), not a street number or a model. "since 1901", "his 1996 campaign", "fiscal 1989".
 */
const YEAR = /(?<![\d$#£€¥.,/:]|\d-|\bNo\.?\s|\bNos\.?\s|\b(?:Route|Flight|Room|Highway|Interstate|Model|Article|Chapter|Resolution|Rule|Form|Section|Vol\.?|Page|page|pp?\.)\s)((?:1[6-9]|20)\d\d)(?![\d%]|[.,:/]\d|-\d|\s*(?:%|percent|per\s*cent|pct)\b|'s|s\b)/g;
/** Nouns a count stands before ("1200 people"): the figure is a number, not a year. */
const COUNTED =
  /^\s+(?:people|persons|men|women|children|troops|soldiers|police|workers|employees|jobs|shares|units|cars|vehicles|tons|tonnes|feet|foot|metres|meters|miles|km|kilometers|kilometres|points|votes|acres|barrels|deaths|cases|members|students|pounds|dollars|yen|marks|francs|hours|minutes|days|weeks|rooms|seats|homes|houses|beds|guns|rifles|tanks|planes|aircraft|refugees|prisoners|residents|families|pupils|patients|dead|injured|hectares|square|cubic|calories|words|pages|copies|gallons|litres|liters|bottles|mph|kph|degrees|ft|lbs?|kg|bpd|mw|stores|outlets|branches|plants|sites|flights|passengers)\b/i;

/** A 24-hour clock time ("at 1700 EST", "1430 GMT", "0900 local time") is not a year. */
const CLOCK_AFTER = /^\s*(?:GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|UTC|JST|HKT|SGT|IST|AEST|local\s+time|hrs|hours|h)\b/;

/** Tens and units of a spelled-out year ("nineteen ninety-six", "nineteen oh five", "two thousand and one"). */
const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SPELLED_YEAR = new RegExp(
  `\\b(?:(eighteen|nineteen|twenty)[\\s-]+(?:(${TENS.slice(2).join('|')})(?:[\\s-]+(${UNITS.slice(1).join('|')}))?|(${TEENS.join('|')})|oh[\\s-]+(${UNITS.slice(1).join('|')}))|two thousand(?:(?:\\s+and)?[\\s-]+(${[...UNITS.slice(1), ...TEENS].join('|')}))?)\\b`,
  'gi',
);

function spelledYear(m: RegExpMatchArray): number | undefined {
  const low = (s: string | undefined) => s?.toLowerCase();
  if (m[0].toLowerCase().startsWith('two thousand')) {
    const rest = low(m[6]);
    if (!rest) return 2000;
    const u = UNITS.indexOf(rest);
    return 2000 + (u >= 0 ? u : 10 + TEENS.indexOf(rest));
  }
  const century = { eighteen: 1800, nineteen: 1900, twenty: 2000 }[low(m[1])!]!;
  if (m[2]) return century + 10 * TENS.indexOf(low(m[2])!) + (m[3] ? UNITS.indexOf(low(m[3])!) : 0);
  if (m[4]) return century + 10 + TEENS.indexOf(low(m[4])!) - 0;
  return century + UNITS.indexOf(low(m[5])!);
}

/** Periods told against the anchor's year: each rule reads its match into a date, or null without an anchor. */
const RELATIVE_RULES: { re: RegExp; read: (ctx: NewsContext, m: RegExpMatchArray) => Reading | null; anaphoric?: boolean }[] = [
  // "a year earlier", "a year before", "year-earlier", "year-ago", "the year-ago quarter": the year before.
  { re: /\b(?:an?|one) year (?:earlier|before)\b|\byear-(?:earlier|ago)\b(?!\s+(?:\w+\s+)?(?:period|quarter|months|half|weeks)\b)/gi, read: ({ anchor }) => (anchor === undefined ? null : yearReading(yearOf(anchor) - 1)) },
  // "over the past year", "in the latest fiscal year": the year before the article's.
  {
    re: /\b(?<=(?:over|in|during)\s+)the\s+(?:past|latest(?:\s+fiscal)?)\s+year\b(?!['’]s|\s+(?:ended|ending)\b)/gi,
    read: ({ anchor }) => (anchor === undefined ? null : yearReading(yearOf(anchor) - 1)),
  },
  // The article's own year: "the current (fiscal) year", "the full year", "for the year", "earlier in the year".
  // "by year-end": the anchor year's last day; "since year-end" the last one before it.
  {
    re: /\b(?:(since)\s+)?year-end\b(?!\s+(?:results|figures|bonus|dividend|report|close|level)s?\b)/gi,
    read: ({ anchor }, m) => (anchor === undefined ? null : dayReading(dayOf(yearOf(anchor) - (m[1] ? 1 : 0), 12, 31))),
  },
  {
    re: /\b(?:the\s+current(?:\s+fiscal)?\s+year|the\s+(?:full|fiscal)\s+year|(?:earlier|later)\s+(?:in\s+)?(?:the|this)\s+year|by\s+(?:the\s+)?(?:year\s+end|year's\s+end|end\s+of\s+the\s+year)|around\s+year[- ]end|(?<=\b(?:for|in|during)\s+)the\s+year(?=[\s,.])(?!\s+(?:ended|ending|to|through)\b))/gi,
    read: ({ anchor }) => (anchor === undefined ? null : yearReading(yearOf(anchor))),
  },
];

/** Days told from the last day given: "the next day", "the following morning", "earlier that day". */
const ANAPHORA =
  /\b(?:(the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night))|(the\s+(?:same|previous)\s+day|(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)|(?:earlier|later)\s+in\s+the\s+day|that\s+(?:same\s+)?(?:morning|afternoon|evening|night))|(the\s+(?:next|following)\s+month)|(the\s+(?:next|following)\s+year))\b/gi;

const HOLIDAY_WORD = /Christmas|Boxing|New Year|Independence|Fourth of July|Thanksgiving|Valentine|Halloween|Easter|Good Friday/;
/** Holidays with a fixed or computable date. */
const HOLIDAYS: { re: RegExp; on: (year: number) => CalendarDay }[] = [
  { re: /\bChristmas(?:\s+Day)?\b(?!\s+(?:Eve|tree|card|present|gift|shopping|season|holidays?|party|carol|market)s?\b)/g, on: (y) => dayOf(y, 12, 25) },
  { re: /\bChristmas\s+Eve\b/g, on: (y) => dayOf(y, 12, 24) },
  { re: /\bBoxing\s+Day\b/g, on: (y) => dayOf(y, 12, 26) },
  { re: /\bNew\s+Year's\s+Day\b/g, on: (y) => dayOf(y, 1, 1) },
  { re: /\bNew\s+Year's\s+Eve\b/g, on: (y) => dayOf(y, 12, 31) },
  { re: /\b(?:Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July)\b/g, on: (y) => dayOf(y, 7, 4) },
  { re: /\bThanksgiving(?:\s+Day)?\b/g, on: (y) => nthWeekday(y, 11, 4, 4) },
  { re: /\bValentine's\s+Day\b/g, on: (y) => dayOf(y, 2, 14) },
  { re: /\bHalloween\b/g, on: (y) => dayOf(y, 10, 31) },
  { re: /\bEaster(?:\s+Sunday)?\b(?!\s+(?:Monday|Island|egg|Rising)s?\b)/g, on: (y) => easter(y) },
  { re: /\bGood\s+Friday\b/g, on: (y) => easter(y) - 2 },
];

/** Every date the news rules read in one sentence, in no order. `taken` are spans already read. */
export function newsDates(text: string, ctx: NewsContext, taken: [number, number][]): NewsFind[] {
  const out: NewsFind[] = [];
  const free = (at: number, end: number) => !taken.some(([a, b]) => at < b && end > a) && !out.some((f) => at < f.at + f.text.length && end > f.at);
  const anchor = ctx.anchor;

  // Each rule runs only on a sentence holding its key words: most sentences hold none.
  const has = (re: RegExp) => re.test(text);
  for (const m of has(/\b(?:last|this|next)\b/i) ? text.matchAll(MONTH_MODIFIED) : []) {
    const word = m[1] ?? m[4]!;
    const mod = (m[2] ?? m[3]!).toLowerCase();
    const month = monthNumber(word);
    if (!month || !free(m.index, m.index + m[0].length)) continue;
    if (word === 'May' && m[3] && /^\s+(?:be|have|not|also|well|need|take|come|go|get|see|seem)\b/i.test(text.slice(m.index + m[0].length))) continue;
    let reading: Reading | null = null;
    if (anchor !== undefined) {
      const [py, pm] = monthOf(anchor);
      const now = py * 12 + pm - 1;
      const at = (y: number) => y * 12 + month - 1;
      if (m[2]) reading = monthReading(py + (mod === 'last' ? -1 : mod === 'next' ? 1 : 0), month);
      else if (mod === 'last') reading = monthIndexReading(at(py) <= now - 2 ? at(py) : at(py - 1));
      else if (mod === 'next') reading = monthIndexReading(at(py) > now ? at(py) : at(py + 1));
      else reading = monthReading(py, month);
    }
    out.push({ at: m.index, text: m[0], reading });
  }

  for (const rule of has(/year/i) ? RELATIVE_RULES : []) {
    for (const m of text.matchAll(rule.re)) {
      if (!free(m.index, m.index + m[0].length)) continue;
      out.push({ at: m.index, text: m[0], reading: rule.read(ctx, m) });
    }
  }

  for (const m of has(/\b(?:day|morning|afternoon|evening|night|month|year)\b/i) ? text.matchAll(ANAPHORA) : []) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const base = ctx.last ?? (anchor === undefined ? undefined : dayReading(anchor));
    let reading: Reading | null = null;
    if (base && !base.noYear) {
      if ((m[1] || m[2]) && base.precision === 'day') reading = dayReading(base.from + (m[1] ? 1 : /previous/i.test(m[0]) ? -1 : 0));
      else if (m[3] && (base.precision === 'day' || base.precision === 'month')) {
        const [y, mo] = monthOf(base.from);
        reading = monthIndexReading(y * 12 + mo);
      } else if (m[4]) reading = yearReading(yearOf(base.from) + 1);
    }
    if (reading || base === undefined) out.push({ at: m.index, text: m[0], reading, anaphoric: true });
  }

  for (const h of has(HOLIDAY_WORD) ? HOLIDAYS : []) {
    for (const m of text.matchAll(h.re)) {
      if (!free(m.index, m.index + m[0].length)) continue;
      const explicit = /^,?\s+((?:1[6-9]|20)\d\d)\b/.exec(text.slice(m.index + m[0].length));
      if (explicit) {
        out.push({ at: m.index, text: m[0] + explicit[0], reading: dayReading(h.on(Number(explicit[1]))) });
        continue;
      }
      let reading: Reading | null = null;
      if (anchor !== undefined) {
        const y = yearOf(anchor);
        const future = speaksOfFuture(text, m.index, taken, m.index + m[0].length);
        const days = [h.on(y - 1), h.on(y), h.on(y + 1)];
        const day = future ? days.find((d) => d >= anchor)! : days.filter((d) => d <= anchor).pop()!;
        reading = dayReading(day);
      }
      out.push({ at: m.index, text: m[0], reading });
    }
  }

  for (const m of has(/\b(?:eighteen|nineteen|twenty|thousand)\b/i) ? text.matchAll(SPELLED_YEAR) : []) {
    const year = spelledYear(m);
    if (year === undefined || !free(m.index, m.index + m[0].length)) continue;
    // "nineteen ninety-six" is a year; "twenty thirty" alone is more likely a count: keep the
    // twentieth-century forms and "two thousand" only after "the year" or a month, or before nothing counted.
    if (COUNTED.test(text.slice(m.index + m[0].length))) continue;
    if (/^two thousand/i.test(m[0]) && !/\b(?:the\s+year|in|by|until|since)\s+$/i.test(text.slice(0, m.index))) continue;
    const monthBefore = new RegExp(`\\b(${MONTH_NAME})\\s+$`).exec(text.slice(0, m.index));
    if (monthBefore && monthNumber(monthBefore[1]!)) {
      const start = m.index - monthBefore[0].length;
      out.push({ at: start, text: text.slice(start, m.index + m[0].length), reading: monthReading(year, monthNumber(monthBefore[1]!)!) });
      continue;
    }
    const lead = /\bthe\s+year\s+$/i.exec(text.slice(0, m.index));
    const start = lead ? m.index - lead[0].length : m.index;
    out.push({ at: start, text: text.slice(start, m.index + m[0].length), reading: yearReading(year) });
  }
  return out;
}

/** Capitalised words that may stand before a year as a date ("Fiscal 1988", "Christmas 1998", "Since 1990"). */
const DATE_WORD_BEFORE =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|fall|winter|fiscal|calendar|year|christmas|easter|ramadan|thanksgiving|halloween|in|since|by|during|until|till|before|after|from|through|throughout|between|of|for|and|or|to|early|late|mid|end|about|around|circa|also|only|then)$/i;

const ADJECTIVE_END = /(?:an|ish|ese|ic|al|Soviet)$/;

/**
 * A year written after a capitalised word inside a sentence is part of a name ("a venture called
 * Orion 1980", "Agenda 2000", "Vision 2020"), not a date; the sentence's first word may be a
 * preposition ("Between 1982 and 1992").
 */
function inName(text: string, at: number): boolean {
  const m = /(^|[^\s])(\s*)(\p{Lu}\p{Ll}+)\s+$/u.exec(text.slice(Math.max(0, at - 40), at));
  if (!m) return false;
  const word = m[3]!;
  // "the Soviet 1986/87 crop", "the Republican 1996 convention": an adjective of a nation or party dates it.
  if (DATE_WORD_BEFORE.test(word) || ADJECTIVE_END.test(word) || nationKind(word) !== null) return false;
  const start = Math.max(0, at - 40) + m.index + m[1]!.length + m[2]!.length;
  // The sentence's first word, or one after an opening quote or bracket, is capitalised anyway.
  return !/(?:^|[.!?:;"“([]|``)\s*$/.test(text.slice(0, start));
}

/**
 * Bare four-digit years not already part of another date, each as its year: "since 1901", "the
 * 1988 period", "between 1985 and 1987", "by 1992". `maxYear` bounds what can be a year (an
 * anchor's year plus a generation; 2100 without one).
 */
export function bareYears(text: string, taken: [number, number][], maxYear: number): NewsFind[] {
  const out: NewsFind[] = [];
  for (const m of text.matchAll(YEAR)) {
    const at = m.index;
    const end = at + m[0].length;
    if (taken.some(([a, b]) => at < b && end > a)) continue;
    const year = Number(m[1]);
    if (year > maxYear) continue;
    const after = text.slice(end);
    if (COUNTED.test(after) || CLOCK_AFTER.test(after)) continue;
    // "to 1995 from 1890": a figure moving is not a year; a range of figures either ("1,200-1500").
    if (/\b(?:to|from|at|of)\s+$/i.test(text.slice(0, at)) && /^\s+(?:from|to)\s+\d/.test(after)) continue;
    if (/\d\s*(?:to|and|-)\s*$/.test(text.slice(Math.max(0, at - 12), at)) && !/(?:1[6-9]|20)\d\d\s*(?:to|and|-)\s*$/.test(text.slice(Math.max(0, at - 12), at))) continue;
    if (inName(text, at)) continue;
    const lead = /\b(?:in|during|early|late|mid|end(?: of)?|start of|beginning of|spring(?: of)?|summer(?: of)?|autumn(?: of)?|fall of|winter(?: of)?)[\s-]+$/i.exec(text.slice(Math.max(0, at - 20), at));
    const start = lead ? at - lead[0].length : at;
    out.push({ at: start, text: text.slice(start, end), reading: yearReading(year) });
  }
  return out;
}

