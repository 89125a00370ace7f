import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import type { DateMention } from '../../nlp/dates.ts';
import { queryTerms } from '../../nlp/terms.ts';
import type { TollMention } from '../../nlp/tolls.ts';

/**
 * The date of a toll's event, read at aggregation time from the dates found at indexing
 * (`facts.dates`): the date the sentence gives next to the toll or its event, else the date given
 * next to the same event in another sentence of the article. Never the day something was said.
 */

const DAY = 86_400_000;
/** Days since 1970 of an ISO date or date-time; null when there is none. */
export const dayOf = (iso: string | null | undefined): number | null => {
  const t = iso ? Date.parse(iso.slice(0, 10)) : Number.NaN;
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
};

/** Two dates of one event: one contains the other ("2015-10" and "2015-10-31"), or they are days a week apart at most. */
export function datesAgree(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  const [x, y] = [dayOf(a.length === 10 ? a : null), dayOf(b.length === 10 ? b : null)];
  return x !== null && y !== null && Math.abs(x - y) <= 7;
}

/** "said on Tuesday", "told reporters Monday": the day something was said, not the day of the event. */
const SAID_BEFORE = /\b(?:said|says|say|told\b[^,.;]{0,30}?|reported|announced|added|stated|disclosed|confirmed|quoted)\s+(?:on\s+|late\s+|early\s+)?$/i;
/** Between a date and the event after it: the date belongs to something else ("adopted on March 13 following an earthquake"). */
const OTHER_EVENT = /\b(?:following|after|before|since|until|amid|when|because|due)\b|[;:"“”()]/i;

/**
 * How closely a date belongs to the words [start, end) of a toll and its event: 0 inside them ("a
 * Nov. 12 suicide bombing", "the attacks Friday that left"), 1 just before ("On March 18, a quake"),
 * 2 just after ("in Paris last week"); undefined when further, or said of something else.
 */
function closeness(d: DateMention, text: string, [start, end]: [number, number]): number | undefined {
  if (d.future) return undefined;
  const at = d.at;
  if (at < 0 || SAID_BEFORE.test(text.slice(Math.max(0, at - 50), at))) return undefined;
  const stop = at + d.dateText.length;
  if (at >= start && stop <= end) return 0;
  if (stop <= start) {
    // "complained today that planes … attacked": the date of the telling, not of the event.
    const gap = text.slice(stop, start);
    return gap.length <= 40 && !OTHER_EVENT.test(gap) && !/\bthat\b/i.test(gap) ? 1 : undefined;
  }
  if (at >= end) {
    const gap = text.slice(end, at);
    return gap.length <= 50 && !OTHER_EVENT.test(gap) && !/,|\b(?:that|which|who|and)\b/i.test(gap) ? 2 : undefined;
  }
  return 0;
}

/** The date closest to [start, end) in one sentence, if one belongs to it. */
function dateNear(dates: DateMention[], sentence: number, text: string, range: [number, number]): string | null {
  let best: { date: string; rank: number } | null = null;
  for (const d of dates) {
    if (d.sentence !== sentence) continue;
    const c = closeness(d, text, range);
    if (c === undefined) continue;
    const rank = c * 1000 + Math.abs(d.at - range[0]);
    if (!best || rank < best.rank) best = { date: d.date, rank };
  }
  return best?.date ?? null;
}

/**
 * The date of a toll's event. `otherToll(t)` tells whether a mention of the article states another
 * toll: such a sentence speaks of another event ("Two were killed in a previous fire on March 13").
 */
export function eventDate(article: ArticleAnalysis, m: TollMention, otherToll: (t: TollMention) => boolean): string | null {
  const text = article.sentences[m.sentence]?.text ?? '';
  const here = dateNear(article.facts.dates, m.sentence, text, m.range);
  if (here || !m.head) return here;
  const head = new RegExp(`\\b${m.head.replace(/[^\p{L}\p{N}]/gu, '')}\\p{L}*`, 'iu');
  const order = article.sentences.map((s) => s.index).sort((a, b) => Math.abs(a - m.sentence) - Math.abs(b - m.sentence));
  for (const i of order) {
    if (i === m.sentence || !article.facts.dates.some((d) => d.sentence === i)) continue;
    const s = article.sentences[i]!;
    const terms = new Set(s.terms.split(' '));
    if (!terms.has(m.head) || (m.places?.length && !m.places.some((p) => terms.has(queryTerms(p)[0] ?? p)))) continue;
    if (article.facts.tolls.some((t) => t.sentence === i && otherToll(t))) continue;
    const found = head.exec(s.text);
    if (!found) continue;
    const d = dateNear(article.facts.dates, i, s.text, [found.index, found.index + found[0].length]);
    if (d) return d;
  }
  return null;
}
