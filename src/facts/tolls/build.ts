import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import { queryTerms } from '../../nlp/terms.ts';
import type { AffectedFigure, CombinedFigure, TollFigure, TollMention } from '../../nlp/tolls.ts';
import type { SentenceRef } from '../types.ts';
import { dayOf, eventDate } from './dates.ts';
import { headline } from './figures.ts';
import { contextRegionsOf, type Group, join, regionsOf, sameEvent, sameFigures, type Statement } from './groups.ts';
import { arrange, type Ordered, stories } from './stories.ts';

/** One report of an event: one set of figures, with every sentence that states it (oldest first). */
export interface TollReport {
  killed: TollFigure | null;
  wounded: TollFigure | null;
  missing?: TollFigure;
  combined?: CombinedFigure;
  affected?: AffectedFigure[];
  victims?: { kind: 'killed' | 'wounded'; names: string[] };
  none: boolean;
  update?: true;
  historical?: true;
  /** A figure for one country of an event that spans several. */
  part?: true;
  event: string | null;
  date: string | null;
  refs: SentenceRef[];
}

/**
 * One event's story: its reports, and every sentence of them. The top-level figures are those of
 * the report that stands for the event (the latest, or the highest when reports are undated).
 * Computed at indexing, stored in the snapshot.
 */
export interface TollEntry {
  killed: TollFigure | null;
  wounded: TollFigure | null;
  /** A statement that nobody was killed or hurt ("No deaths were reported"). */
  none: boolean;
  event: string | null;
  /** The event's date as the text gives it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`). */
  date: string | null;
  /** Every stating sentence, report by report. */
  refs: SentenceRef[];
  /** Search terms of the event and of the stating articles' titles, for the event/place filter. */
  terms: string;
  /** The reports, in order of publication, or by figure when some are undated. */
  reports: TollReport[];
  order: 'published' | 'figure';
  /** Index in `reports` of the report that stands for the event. */
  lead: number;
}

/** The best name among the events: one with a proper name, then one with a place phrase. */
function bestEvent(events: (string | undefined | null)[], placed: (e: string) => boolean): string | null {
  let best: string | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (!e) continue;
    // A capital inside the name ("Metrojet flight", "suicide bombing in a Beirut suburb"), or at its start when it is a place.
    const named = /\s\p{Lu}|^\p{Lu}\p{Ll}*\p{Lu}/u.test(e) || (/^\p{Lu}/u.test(e) && placed(e));
    const score = (named ? 2 : 0) + (/ (?:…|in|near|at|off) /.test(e) ? 1 : 0) - (e.length > 60 ? 2 : 0);
    if (score > bestScore) [best, bestScore] = [e, score];
  }
  return best;
}

/** The most precise date (a day, then a month, then a year). */
const bestDate = (dates: (string | null)[]): string | null => dates.filter((d): d is string => Boolean(d)).sort((a, b) => b.length - a.length)[0] ?? null;

/** How many figures a statement gives: the first source should state all of the report's figures. */
const figures = (m: TollMention) => (m.killed ? 1 : 0) + (m.wounded ? 1 : 0) + (m.missing ? 1 : 0) + (m.combined ? 1 : 0) + (m.affected?.length ?? 0);

function toReport(g: Group): Ordered {
  const sorted = [...g.statements].sort(
    (a, b) => figures(b.mention) - figures(a.mention) || (a.day ?? Infinity) - (b.day ?? Infinity) || (a.ref.file < b.ref.file ? -1 : a.ref.file > b.ref.file ? 1 : a.ref.sentence - b.ref.sentence),
  );
  const m = sorted[0]!.mention;
  const days = sorted.map((s) => s.day).filter((d): d is number => d !== null);
  const own = sorted.filter((s) => !s.mention.eventArticle);
  const report: Ordered = {
    killed: m.killed,
    wounded: m.wounded,
    none: Boolean(m.none),
    event: bestEvent((own.length ? own : sorted).map((s) => s.mention.event), (e) => sorted.some((s) => s.mention.event === e && (s.mention.places?.length ?? 0) > 0)),
    date: bestDate(sorted.map((s) => s.date)),
    refs: sorted.map((s) => s.ref),
    day: days.length ? Math.min(...days) : null,
    kinds: g.kinds,
    places: g.places,
    regions: g.regions,
    context: g.context,
    heads: new Set(g.statements.map((s) => s.mention.head).filter((h): h is string => Boolean(h))),
    titles: new Set(sorted.map((s) => s.title).filter((t): t is string => Boolean(t))),
    cities: new Set(sorted.map((s) => s.city).filter((c): c is string => Boolean(c))),
    value: headline(m).figure?.value ?? null,
    loose: own.length === 0,
  };
  if (m.missing) report.missing = m.missing;
  if (m.combined) report.combined = m.combined;
  if (m.affected) report.affected = m.affected;
  if (m.victims) report.victims = m.victims;
  if (sorted.some((s) => s.mention.update)) report.update = true;
  if (m.historical) report.historical = true;
  if (m.group) report.part = true;
  return report;
}

/**
 * Every event's toll story in the corpus (articles in file-name order): statements of the same
 * figures and event merged into one report with all their sentences; reports of one event merged
 * into one entry, oldest report first (or by figure when reports are undated).
 */
export function buildTolls(articles: ArticleAnalysis[]): TollEntry[] {
  const groups: Group[] = [];
  for (const article of articles) {
    const published = article.meta.published ?? null;
    for (const mention of article.facts.tolls) {
      const sentence = article.sentences[mention.sentence];
      if (!sentence) continue;
      const s: Statement = {
        ref: { file: article.meta.file, sentence: mention.sentence },
        mention,
        key: sentence.key,
        published,
        day: dayOf(published),
        date: eventDate(article, mention, (t) => !sameFigures(t, mention)),
        title: article.meta.title ?? null,
        city: article.meta.dateline?.split(',')[0]?.trim().toLowerCase() || null,
        regions: regionsOf(mention.places ?? []),
        context: new Set(),
      };
      // No country in the event's words: those the sentence names, else the dateline city's ("QUITO, March 26").
      if (s.regions.size === 0) s.context = contextRegionsOf(sentence.text);
      if (s.regions.size === 0 && s.context.size === 0 && s.city) s.context = regionsOf(s.city.split(/\s+/));
      const g = groups.find((x) => sameFigures(x.statements[0]!.mention, mention) && sameEvent(x, s));
      if (g) join(g, s);
      else groups.push(join(undefined, s));
    }
  }
  return stories(groups.map(toReport)).map(toEntry);
}

/** Drops the fields only grouping needs. */
function stored(r: Ordered): TollReport {
  const { day: _d, kinds: _k, places: _p, regions: _r, context: _x, heads: _h, titles: _t, cities: _c, value: _v, loose: _l, ...report } = r;
  return report;
}

function toEntry(ordered: Ordered[]): TollEntry {
  const { reports, order, lead } = arrange(ordered);
  const words = new Set<string>();
  for (const r of ordered) {
    if (r.event) for (const w of queryTerms(r.event)) words.add(w);
    for (const t of r.titles) for (const w of queryTerms(t)) words.add(w);
  }
  const head = reports[lead]!;
  const places = new Set(ordered.flatMap((r) => [...r.places]));
  return {
    killed: head.killed,
    wounded: head.wounded,
    none: head.none,
    event: bestEvent(
      ordered
        .filter((r) => !r.loose && !r.part)
        .map((r) => r.event)
        .concat(ordered.map((r) => r.event)),
      (e) => [...places].some((p) => e.toLowerCase().includes(p)),
    ),
    date: bestDate(reports.filter((r) => !r.part).map((r) => r.date)),
    refs: reports.flatMap((r) => r.refs),
    terms: [...words].join(' '),
    reports: reports.map(stored),
    order,
    lead,
  };
}
