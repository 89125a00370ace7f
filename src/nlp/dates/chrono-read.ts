/**
 * The date words chrono-node finds, normalised against the anchor. chrono resolves a bare weekday
 * or a month-day to the nearest occurrence, past or future, while news speaks of the past, so the
 * direction is ours (see `speaksOfFuture`).
 */
import * as chrono from 'chrono-node';
import type { SentenceTokens } from '../types.ts';
import {
  type CalendarDay,
  dayOf,
  dayOfWeek,
  dayReading,
  monthIndexReading,
  monthOf,
  monthReading,
  type Reading,
  weekOf,
  weekReading,
  yearlessReading,
  yearReading,
} from './calendar.ts';
import { speaksOfFuture, toldInPast } from './cues.ts';

/** chrono's casual English parsers, minus those that read durations or offsets from another event. */
export const parser = (() => {
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

const FULL_WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
/** Named days that are not dates of the week they fall in. */
const NAMED_DAY = /\b(?:good|black|easter|ash|holy|palm|super|bloody|cyber|blue|shrove|boxing)\s+$/i;
/** After a weekday, what makes it a recurring day: "… and Tuesday nights", "… mornings". */
const RECURRING_AFTER = /^(?:\s*(?:,|and|or|&)\s*(?:\p{Lu}\p{Ll}+day)\s+)?\s*(?:nights|mornings|afternoons|evenings)\b|^(?:\s*(?:,|and|or|through|to)\s*\p{Lu}\p{Ll}+days)\b/u;
/** What may stand before a month named alone ("in March", "mid-March", "end-March", "last March"). */
const MONTH_LEAD = /\b(?:in|since|during|until|till|through|throughout|by|from|before|after|between|and|to|early|late|mid|end|last|next|this|of|on|for|a)[\s-]+$/i;
/** The words name a month (not "today", which chrono also gives a month). */
const NAMES_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}\/\d{1,2}/i;
const MONTH_WORD = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|sept?\.|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|oct\.|nov\.|dec\.)$/i;

/** What a chrono result gives: a reading, `relative` (it needs an anchor the article lacks), or nothing. */
export type ChronoReading = Reading | 'relative' | null;

/** Reads one chrono result into a normalised date against the anchor day (`pub`). */
export function readResult(
  r: chrono.ParsedResult,
  text: string,
  pub: CalendarDay | undefined,
  taken: [number, number][],
  tokens?: SentenceTokens,
  last?: Reading,
): ChronoReading {
  const words = r.text;
  const s = r.start;
  const before = text.slice(0, r.index);
  const after = text.slice(r.index + words.length);
  // Offsets from another event ("a year earlier", "the day before") and clock times are not dates.
  if (/\b(?:before|earlier|later|after)$/i.test(words) || /\bnow\b/i.test(words)) return null;
  if (/\b(?:hours?|minutes?|seconds?|hrs?|mins?|secs?)\b/i.test(words) && !s.isCertain('weekday') && !s.isCertain('month')) return null;
  // Fractions and prices ("up 1/4 to 38-3/4") are not dates: a slash date needs its year.
  if (/^\d{1,2}\/\d{1,2}$/.test(words.trim())) return null;
  // A title ("ABC's \"This Week\"", "VOA Today"): the date word capitalised inside the sentence.
  if (r.index > 0 && /^This\s+Week\b/.test(words.trim())) return null;
  if (r.index > 0 && /^(?:Today|Tonight)\b/.test(words.trim()) && !/[.!?"“]\s*$/.test(before) && /\p{Lu}\p{L}*\s+$/u.test(before)) return null;
  // "several years ago", "a few weeks ago": no period to date.
  if (/\b(?:several|few|some|many|couple\s+of)\s+\w+\s+ago$/i.test(words) || /\b(?:several|few|some|many|couple\s+of)\s+$/i.test(before)) return null;
  // "today's world", "of today's computers": the present age, not a day.
  if (/^today$/i.test(words.trim()) && /^'s\b/.test(after) && /\b(?:in|of|for)\s+$/i.test(before)) return null;

  const year = s.get('year');
  const explicit = year !== null && s.isCertain('year') && hasYearDigits(words, year);
  if (explicit) return exactReading(r);
  // "versus 292,000 week ago": the figure before is not a count of periods.
  if (/^\d/.test(words.trim()) && /[\d,.]$/.test(before)) return null;

  if (s.isCertain('month') && NAMES_MONTH.test(words) && !/\b(?:weeks?|months?|years?|ago)\b/i.test(words)) return readMonth(r, text, pub, taken, tokens);
  if (pub === undefined) return 'relative';

  // Relative to the anchor: a unit word names the period ("the past year" is a span, not a date).
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
    // "a year ago" is the month a year back; "two years ago", "last year" the year.
    if (/^(?:a|one)\s+year\s+ago$/i.test(words.trim())) return monthReading(year! , monthOf(pub)[1]);
    return yearReading(year!);
  }
  if (/\bago$/i.test(words)) {
    if (!s.isCertain('day')) return null;
    return dayReading(dayFromComponents(r));
  }

  // "today", "tonight", "yesterday", "tomorrow", "last night": chrono fixes the day from the anchor.
  if (/\b(?:today|tonight|yesterday|tomorrow|last\s+night)\b/i.test(words)) {
    return s.isCertain('day') && s.isCertain('month') ? dayReading(dayFromComponents(r)) : null;
  }

  if (s.isCertain('weekday')) {
    const m = FULL_WEEKDAY.exec(words);
    if (!m || NAMED_DAY.test(before + words.slice(0, m.index))) return null;
    if (!/^\p{Lu}/u.test(m[0])) return null;
    // A recurring day is no date: "every Monday", "on Monday and Tuesday nights", "Friday mornings".
    if (/\b(?:every|each)\s+$/i.test(before) || RECURRING_AFTER.test(after)) return null;
    // A bare weekday in a name ("the Sunday Times") is not a date.
    if (words.trim() === m[0] && /^\s+\p{Lu}\p{Ll}/u.test(after)) return null;
    const wd = s.get('weekday')!;
    const pubWd = dayOfWeek(pub);
    const modifier = /\b(last|past|next|this|coming)\s+\w+day\b/i.exec(words)?.[1]?.toLowerCase();
    // "the previous Friday", "the preceding Monday": the one before the last day the article gave (or the anchor).
    if (/\b(?:previous|preceding|prior)\s+$/i.test(before)) {
      const base = last && last.precision === 'day' && !last.noYear ? last.from : pub;
      return dayReading(base - (((dayOfWeek(base) - wd + 6) % 7) + 1));
    }
    let day: CalendarDay;
    if (modifier === 'last' || modifier === 'past') day = pub - (((pubWd - wd + 6) % 7) + 1);
    else if (modifier === 'next' || modifier === 'coming') day = pub + (((wd - pubWd + 6) % 7) + 1);
    else if (modifier === 'this') day = pub - pubWd + wd;
    else if (speaksOfFuture(text, r.index, taken, r.index + words.length, tokens)) day = pub + ((wd - pubWd + 7) % 7);
    else day = pub - ((pubWd - wd + 7) % 7);
    return dayReading(day);
  }

  // "this morning", "this afternoon": the anchor's day.
  if (/^this\s+(?:morning|afternoon|evening)$/i.test(words)) return dayReading(pub);
  return null;
}

/**
 * A month or a month-day without a year ("Oct. 31", "in January", "last May", "June last year"):
 * in the latest such month or day on or before the anchor, or the first after it when the clause
 * speaks of the future; without an anchor, as written with no year.
 */
function readMonth(r: chrono.ParsedResult, text: string, pub: CalendarDay | undefined, taken: [number, number][], tokens?: SentenceTokens): ChronoReading {
  const words = r.text;
  const s = r.start;
  const before = text.slice(0, r.index);
  const after = text.slice(r.index + words.length);
  const month = s.get('month')!;
  // "for February, 25.7 mln people": a figure after a month is not its day.
  if (s.isCertain('day') && (/^\S+,\s*\d/.test(words.trim()) || /^[.,]\d/.test(after))) return null;
  // "the October-December fourth quarter": an ordinal before a period word is not a day.
  if (s.isCertain('day') && /^\s*(?:quarter|half|period|term|round|year)\b/i.test(after)) return null;
  // The month's own word ("26 December": "December"), wherever it stands in the date words.
  const monthWord = words.split(/[\s,-]+/).find((w) => NAMES_MONTH.test(w) && !/^\d/.test(w)) ?? '';
  if (!/^\p{Lu}/u.test(monthWord)) return null; // "march", "may" lower case are not months
  const endOfPeriod = r.tags().has('refiner/ENEndOfPeriodRefiner');
  const dayGiven = s.isCertain('day') && !endOfPeriod;
  if (!dayGiven && (!MONTH_WORD.test(monthWord) || !MONTH_LEAD.test(before))) return null;
  // "between March and April": a month after "and" follows another date ("Ant and Dec" are people).
  if (!dayGiven && /\b(?:and|or)\s+$/i.test(before) && !/(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\d)\s+(?:and|or)\s+$/i.test(before)) return null;
  // "June last year", "February this year", "December next year": the year is told after the month.
  const yearAfter = /^,?\s+(last|this|next)\s+year\b/i.exec(after)?.[1]?.toLowerCase();
  const modifier = /\b(last|next|this)\s+$/i.exec(before)?.[1]?.toLowerCase();
  if (pub === undefined) {
    const reading = dayGiven ? yearlessReading(month, s.get('day')!) : yearlessReading(month);
    if (speaksOfFuture(text, r.index, taken, r.index + words.length, tokens)) reading.ahead = true;
    return reading;
  }
  const [pubYear, pubMonth] = monthOf(pub);
  if (yearAfter) {
    const y = pubYear + (yearAfter === 'last' ? -1 : yearAfter === 'next' ? 1 : 0);
    return dayGiven ? dayReading(dayOf(y, month, s.get('day')!)) : monthReading(y, month);
  }
  const future = speaksOfFuture(text, r.index, taken, r.index + words.length, tokens);
  // Told neither way: the nearer of the last and the next, when the next is close.
  const way = future ? 'future' : toldInPast(text, r.index, taken, tokens, r.index + words.length) ? 'past' : 'either';
  if (dayGiven) {
    const at = (y: number) => dayOf(y, month, s.get('day')!);
    // "Saturday, April 25": the weekday says which year.
    if (s.isCertain('weekday')) {
      const wd = s.get('weekday')!;
      const fits = [pubYear - 1, pubYear, pubYear + 1].filter((y) => dayOfWeek(dayOf(y, month, s.get('day')!)) === wd);
      if (fits.length === 1) return dayReading(at(fits[0]!));
    }
    return dayReading(nearest(pub, pubYear, way, at, 92));
  }
  const now = pubYear * 12 + pubMonth - 1;
  const at = (y: number) => y * 12 + month - 1;
  let m: number;
  // "last June" is the one before this month (a year back when it was only a month ago: that
  // would be "last month"), "next June" the one after, "this June" this year's.
  if (modifier === 'last') m = at(pubYear) <= now - 2 ? at(pubYear) : at(pubYear - 1);
  else if (modifier === 'next') m = at(pubYear) > now ? at(pubYear) : at(pubYear + 1);
  else if (modifier === 'this') m = at(pubYear);
  else m = nearest(now, pubYear, way, at, 3);
  return monthIndexReading(m);
}

/**
 * The latest on or before `now`, or the first on or after it when the clause speaks of the future;
 * told neither way, the next when it is within `close` (days or months) and nearer than the last.
 */
function nearest(now: number, pubYear: number, way: 'future' | 'past' | 'either', at: (year: number) => number, close: number): number {
  const candidates = [at(pubYear - 1), at(pubYear), at(pubYear + 1)];
  const next = candidates.find((c) => c >= now)!;
  const last = candidates.filter((c) => c <= now).pop()!;
  if (way === 'future') return next;
  if (way === 'past') return last;
  return next - now <= close && next - now < now - last ? next : last;
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
function exactReading(r: chrono.ParsedResult): Reading {
  const s = r.start;
  const year = s.get('year')!;
  if (s.isCertain('month') && s.isCertain('day') && !r.tags().has('refiner/ENEndOfPeriodRefiner')) return dayReading(dayFromComponents(r));
  if (s.isCertain('month')) return monthReading(year, s.get('month')!);
  return yearReading(year);
}
