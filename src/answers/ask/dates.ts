import type { CorpusIndex } from '../../index/types.ts';
import type { DateMention, DatePrecision } from '../../nlp/dates.ts';
import { termSpans } from '../../nlp/terms.ts';
import type { QuoteRef, SearchItem, TimelineItem } from '../types.ts';
import type { QueryTerm, Ranked } from './rank.ts';

/**
 * The date a when-question is answered with: of a sentence's dates, the one told beside the thing
 * asked about; and, among the best sentences, one that dates the question's head word first.
 * Words are read with wink's lemmas (`termSpans`), so "began" meets "begin".
 */

/** What a date told beside the question's head word adds to a sentence's score ("the fires which began on May 6"), within `gap` characters, for the `top` sentences (bonus 0.5, 1 and 2 tried on NewsQA dev: 0.5 and 1 alike, 2 loses top-3). */
export const DATE_BY_HEAD = {
  bonus: 1,
  gap: 15,
  top: 20,
  /** Share of the bonus by the date's precision: "on August 12, 1985" tells more than "the 1985 crash" (a week as a month). */
  precision: { day: 1, week: 0.75, month: 0.75, year: 0.5 } satisfies Record<DatePrecision, number> as Record<DatePrecision, number>,
};

/**
 * "When did the fires begin?": of the best sentences, one that gives a date right beside the
 * question's last word (its head: "began on May 6", "an earthquake last night", "released in
 * 2005") gains `DATE_BY_HEAD.bonus`, less for a month or a year alone, and the ranking is sorted again.
 */
export function datedNearHead(index: CorpusIndex, ranked: Ranked[], asked: Set<string>[], headTerm?: string): Ranked[] {
  const last = asked[asked.length - 1];
  if (!last || DATE_BY_HEAD.bonus === 0) return ranked;
  // The last word, and the word before a closing place ("start" of "the forest fires start in China").
  const core = headTerm === undefined ? undefined : asked.find((forms) => forms.has(headTerm));
  const head = core && core !== last ? new Set([...last, ...core]) : last;
  const out = ranked.map((r, i) => {
    if (i >= DATE_BY_HEAD.top || !r.fits) return r;
    const s = index.sentences[r.id]!;
    const dates = index.articles.get(s.file)?.facts.dates.filter((d) => d.sentence === s.index) ?? [];
    if (!dates.length) return r;
    const hits = termSpans(s.text).filter((w) => head.has(w.term)).flatMap((w) => [w.from, w.to]);
    const near = dates.filter((d) => hits.some((h) => (h <= d.at ? d.at - h : h - d.at - d.dateText.length) <= DATE_BY_HEAD.gap));
    if (!near.length) return r;
    const w = Math.max(...near.map((d) => DATE_BY_HEAD.precision[d.precision]));
    return { ...r, score: r.score + DATE_BY_HEAD.bonus * w };
  });
  return out.sort((a, b) => b.score - a.score);
}

/** Every form the index knows of each of the question's words, in the question's order (not their neighbours by word vector). */
export function askedForms(index: CorpusIndex, query: QueryTerm[]): Set<string>[] {
  return query.map((q) => new Set([q.term, ...q.forms.filter((f) => !f.vector).map((f) => index.postings.terms[f.id]!)]));
}

/**
 * Of a sentence's dates, the one told nearest the thing the question asks the date of: its last
 * word the sentence has, the head of its words ("the Ecuador earthquake", "the treaty signed").
 * "When did the Ecuador earthquake happen?" reads "an earthquake last night" in "Ecuador today
 * suspended its crude oil exports … due to an earthquake last night", not "today". Undefined when
 * the sentence gives one date.
 */
export function nearestDate(index: CorpusIndex, it: QuoteRef, asked: Set<string>[]): DateMention | undefined {
  const a = index.articles.get(it.source);
  const s = a?.sentences.find((x) => x.text === it.quote);
  if (!a || !s) return undefined;
  const dates = a.facts.dates.filter((d) => d.sentence === s.index);
  if (dates.length < 2) return undefined;
  const words = termSpans(it.quote);
  let hits: number[] = [];
  for (const forms of asked) {
    const at = words.filter((w) => forms.has(w.term)).flatMap((w) => [w.from, w.to]);
    if (at.length) hits = at;
  }
  if (!hits.length) return undefined;
  const gap = (d: DateMention) => Math.min(...hits.map((h) => (h < d.at ? d.at - h : h > d.at + d.dateText.length ? h - d.at - d.dateText.length : 0)));
  let best = dates[0]!;
  for (const d of dates) if (gap(d) < gap(best)) best = d;
  return best;
}


/**
 * When the best answer dates its event by the year alone ("last year's disaster") and one of the
 * next two, from the same article, gives a month or a day of that year ("killed last September"),
 * the more precise one comes first: a reader asked when.
 */
export function preciseFirst(items: (SearchItem | TimelineItem)[]): (SearchItem | TimelineItem)[] {
  const first = items[0] as Partial<TimelineItem> | undefined;
  const year = first?.date;
  if (!year || !/^\d{4}$/.test(year)) return items;
  const k = items.findIndex((it, i) => {
    const date = (it as Partial<TimelineItem>).date;
    return i > 0 && i < 3 && it.source === first.source && date !== undefined && date.length > 4 && date.startsWith(`${year}-`);
  });
  if (k < 0) return items;
  const out = [...items];
  const [moved] = out.splice(k, 1);
  out.unshift(moved!);
  return out;
}
