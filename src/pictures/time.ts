import type { Precision } from './types.ts';

/**
 * Time for the axes: dates as day numbers (days since 1970-01-01, UTC), the period a date of some
 * precision covers, and ticks a few tens of pixels apart, labelled in words ("Nov 15", "Nov", "1987").
 */

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Ticks stand at least this far apart (px): room for a label and the year under it. */
const TICK_GAP = 34;

export const dayNumber = (y: number, m = 1, d = 1): number => Date.UTC(y, m - 1, d) / DAY_MS;

/** A `YYYY-MM-DD` / `YYYY-MM` / `YYYY` date (or the date part of a date-time) as a day number; null if unreadable. */
export function dayOfIso(iso: string | null | undefined): number | null {
  const m = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?/.exec(iso ?? '');
  return m ? dayNumber(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)) : null;
}

/** The days a date covers: [start, end). */
export function periodOf(date: string, precision: Precision): { start: number; end: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  if (precision === 'year') return { start: dayNumber(y), end: dayNumber(y + 1) };
  if (precision === 'month') return { start: dayNumber(y, m), end: dayNumber(y, (m ?? 1) + 1) };
  const start = dayNumber(y, m, d);
  return { start, end: start + 1 };
}

export interface Tick {
  day: number;
  label: string;
  /** The year, shown under the first tick and where the year changes. */
  year?: string;
}

const parts = (day: number) => {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

function ticksOf(unit: 'day' | 'month' | 'year', step: number, s0: number, s1: number): number[] {
  const out: number[] = [];
  if (unit === 'day') {
    for (let t = Math.ceil(s0); t <= s1; t += step) out.push(t);
    return out;
  }
  const p = parts(s0);
  if (unit === 'month') {
    let months = p.y * 12 + (p.m - 1) + (p.d > 1 ? 1 : 0);
    months = Math.ceil(months / step) * step;
    for (let t = dayNumber(Math.floor(months / 12), (months % 12) + 1); t <= s1; months += step, t = dayNumber(Math.floor(months / 12), (months % 12) + 1)) out.push(t);
    return out;
  }
  let y = Math.ceil((p.m > 1 || p.d > 1 ? p.y + 1 : p.y) / step) * step;
  for (let t = dayNumber(y); t <= s1; y += step, t = dayNumber(y)) out.push(t);
  return out;
}

const STEPS: ['day' | 'month' | 'year', number][] = [
  ['day', 1], ['day', 2], ['day', 7], ['day', 14], ['month', 1], ['month', 3], ['month', 6],
  ['year', 1], ['year', 2], ['year', 5], ['year', 10], ['year', 20], ['year', 50], ['year', 100], ['year', 250], ['year', 1000],
];

/** Ticks over [s0, s1] for an axis `length` px long: the finest step whose ticks stay `gap` px apart. */
export function axisTicks(s0: number, s1: number, length: number, gap: number = TICK_GAP): Tick[] {
  const span = Math.max(1, s1 - s0);
  for (const [unit, step] of STEPS) {
    const approx = unit === 'day' ? step : unit === 'month' ? step * 30.44 : step * 365.25;
    if ((approx / span) * length < gap) continue;
    const days = ticksOf(unit, step, s0, s1);
    let lastYear: number | undefined;
    return days.map((day) => {
      const p = parts(day);
      const label = unit === 'year' ? String(p.y) : unit === 'month' ? MONTHS[p.m - 1]! : `${MONTHS[p.m - 1]} ${p.d}`;
      const tick: Tick = { day, label };
      if (unit !== 'year' && p.y !== lastYear) tick.year = String(p.y);
      lastYear = p.y;
      return tick;
    });
  }
  return [];
}
