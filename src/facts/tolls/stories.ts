import { ANY_KIND } from '../../nlp/tolls/words.ts';
import type { TollReport } from './build.ts';
import { countsDead, type Figures, headline } from './figures.ts';
import { datesAgree } from './dates.ts';
import { apart, shared, whereOf } from './groups.ts';


/**
 * Events as stories: the reports of one event (across articles) put together, ordered by
 * publication (or by figure when some are undated), with the figure that stands for the event and
 * how the toll changed.
 */

/** A report while events are formed: what grouping needs besides the stored fields. */
export type Ordered = TollReport & {
  day: number | null;
  kinds: Set<string>;
  places: Set<string>;
  regions: Set<string>;
  /** Countries its sentences and titles name, when its event names none (`whereOf`). */
  context: Set<string>;
  heads: Set<string>;
  titles: Set<string>;
  /** Dateline cities of its articles. */
  cities: Set<string>;
  value: number | null;
  /** Whether the report's event was read from another sentence of its article. */
  loose: boolean;
};

/** Kinds of event that come one at a time in a region: the same word for it is a sign of the same event. */
const DISTINCT_KINDS = new Set(['quake', 'weather']);
/** Kinds of event that happen many at a time. */
const COMMON_KINDS = new Set(['attack', 'war']);
/** A disaster this deadly spans countries: its reports may each name another one. */
const VAST = 10_000;
/** The figure that may make a report vast: its dead (or a combined figure counting them), not the homeless or the affected. */
const deadValue = (x: Ordered) => (deathly(x) ? (x.value ?? 0) : 0);

/** Days a story may run from its first report. */
const STORY_DAYS = 14;

const rareKind = (x: Ordered) => [...x.kinds].some((k) => k !== ANY_KIND && !COMMON_KINDS.has(k));

/** Whether two reports cannot be of one event: a total over years, "no one was hurt" beside a toll, other countries or places, other dates, other kinds. */
function conflict(a: Ordered, b: Ordered, vast: boolean, wide = vast): boolean {
  if (a.historical || b.historical || a.none !== b.none) return true;
  if (!shared(a.kinds, b.kinds) && a.kinds.size > 0 && b.kinds.size > 0 && !a.kinds.has(ANY_KIND) && !b.kinds.has(ANY_KIND)) return true;
  if (apart(a.regions, b.regions) && !vast) return true;
  // Countries read only from the sentence or the title are a weaker sign: not against a disaster
  // that spans countries (`wide`), nor between two reports of one article.
  if (!wide && apart(whereOf(a), whereOf(b)) && !a.refs.some((r) => b.refs.some((x) => x.file === r.file))) return true;
  const samePlace = [...a.places].some((p) => b.places.has(p)) || [...a.regions].some((r) => b.regions.has(r));
  if (!samePlace && a.places.size > 0 && b.places.size > 0 && !vast) return true;
  if (a.date && b.date && !datesAgree(a.date, b.date)) return true;
  return (a.day === null) !== (b.day === null);
}

/**
 * Reports of one event: a kind of event in common, and the same place, the same word for the event
 * ("earthquake"), or a toll so vast that it spans countries (tsunami, waves and earthquake are one
 * kind); no conflict; attacks and fighting, many at a time, need the same place or word.
 */
function oneEvent(a: Ordered, b: Ordered): boolean {
  const sameArticle = a.refs.some((r) => b.refs.some((x) => x.file === r.file));
  // "the disaster", "the tragedy": a word for any event, one with a vast toll or told by the same article.
  // Not a plural ("the catastrophes" of a year are many events).
  const anyOnly = (x: Ordered) => x.kinds.size > 0 && [...x.kinds].every((k) => k === ANY_KIND) && !/\b(?:disasters|tragedies|accidents|catastrophes|incidents)\b/i.test(x.event ?? '');
  const big = Math.max(deadValue(a), deadValue(b)) >= VAST;
  const general = (anyOnly(a) && !anyOnly(b) && rareKind(b)) || (anyOnly(b) && !anyOnly(a) && rareKind(a));
  if (!shared(a.kinds, b.kinds) && !(general && (big || sameArticle))) return false;
  const rare = general || [...a.kinds].some((k) => b.kinds.has(k) && !COMMON_KINDS.has(k));
  const vast = rare && big;
  if (conflict(a, b, vast)) return false;
  const samePlace = [...a.places].some((p) => b.places.has(p)) || [...a.regions].some((r) => b.regions.has(r));
  // The same word for an event of a kind that comes one at a time ("earthquake", "floods"), one side naming no place.
  const distinct = [...a.kinds].some((k) => b.kinds.has(k) && DISTINCT_KINDS.has(k));
  const sameHead = [...a.heads].some((h) => b.heads.has(h));
  // With no place on either side, only days apart.
  const close = a.places.size > 0 || b.places.size > 0 || a.day === null || b.day === null || Math.abs(a.day - b.day) <= 3;
  // Another kind of event ("ferry", "fire"), the same word, reported days apart at most.
  const days = a.day === null || b.day === null || Math.abs(a.day - b.day) <= 3;
  // Filed from other cities, the same common word ("explosion") is two events.
  const sameCity = a.cities.size === 0 || b.cities.size === 0 || [...a.cities].some((c) => b.cities.has(c));
  const sameWord = sameHead && (a.places.size === 0 || b.places.size === 0) && (distinct ? close : rare && days && sameCity);
  // One article telling of two events ("a rock fall today", "an explosion last Thursday") names them with other words.
  const oneArticle = sameArticle && (sameHead || a.heads.size === 0 || b.heads.size === 0 || general);
  return samePlace || sameWord || oneArticle || vast;
}

/** Whether a report joins an event: one of its reports agrees with it, none conflicts, and it comes within the story's days. */
function joins(event: Ordered[], r: Ordered): boolean {
  const first = event[0]!;
  if (first.day !== null && r.day !== null && r.day - first.day > STORY_DAYS) return false;
  const vast = Math.max(deadValue(r), ...event.map(deadValue)) >= VAST;
  return event.some((x) => oneEvent(x, r)) && !event.some((x) => conflict(x, r, vast && [...x.kinds].some((k) => r.kinds.has(k) && !COMMON_KINDS.has(k)), vast));
}

/** Reports grouped into events: each report, oldest first, joins the first event it fits. */
export function stories(reports: Ordered[]): Ordered[][] {
  const byDay = reports.map((_, i) => i).sort((i, j) => (reports[i]!.day ?? Infinity) - (reports[j]!.day ?? Infinity) || i - j);
  const events: Ordered[][] = [];
  for (const i of byDay) {
    const r = reports[i]!;
    const ev = events.find((e) => joins(e, r));
    if (ev) ev.push(r);
    else events.push([r]);
  }
  // Events in the order of their first report in the corpus.
  const first = new Map(events.map((e) => [e, Math.min(...e.map((r) => reports.indexOf(r)))]));
  return events.sort((x, y) => first.get(x)! - first.get(y)!);
}

/** The kinds that make the death toll: the dead, or a combined figure that counts them ("dead or missing"). */
const deathly = (r: Figures) => {
  const h = headline(r);
  return h.kind === 'killed' || (h.kind === 'combined' && countsDead(r.combined?.of ?? []));
};

/** The reports that tell the event's toll: the whole event's (not one country's), of its leading kind. */
export function mainReports<R extends TollReport>(reports: R[]): R[] {
  const whole = reports.filter((r) => !r.part);
  const pool = whole.length ? whole : reports;
  if (pool.some(deathly)) return pool.filter(deathly);
  const kind = headline(pool[0]!).kind;
  return pool.filter((r) => headline(r).kind === kind);
}

/** Orders an event's reports, marks the parts of an event across countries, and picks the report that stands for it. */
export function arrange(ordered: Ordered[]): { reports: Ordered[]; order: 'published' | 'figure'; lead: number } {
  const order = ordered.every((r) => r.day !== null) ? 'published' : 'figure';
  const reports = [...ordered].sort((a, b) =>
    order === 'published' ? a.day! - b.day! : (a.value ?? Number.POSITIVE_INFINITY) - (b.value ?? Number.POSITIVE_INFINITY),
  );
  const regions = new Set(reports.flatMap((r) => [...r.regions]));
  // Figures for one country of an event that spans several (India's, Indonesia's of the tsunami):
  // only when the reports tell two countries apart, not when one report names both ends of the
  // event ("a British ferry capsized off a Belgian port") and the others one of them.
  const single = new Set(reports.filter((r) => r.regions.size === 1).map((r) => [...r.regions][0]!));
  if (regions.size >= 2 && single.size >= 2) for (const r of reports) if (r.regions.size === 1 && reports.length > 1) r.part = true;
  // "30 guerrillas and 12 government soldiers were killed": figures of one kind in one sentence are parts, when another report gives the whole.
  const at = (r: Ordered) => `${r.refs[0]?.file}\0${r.refs[0]?.sentence}\0${headline(r).kind}`;
  const count = new Map<string, number>();
  for (const r of reports) count.set(at(r), (count.get(at(r)) ?? 0) + 1);
  const split = reports.filter((r) => (count.get(at(r)) ?? 0) > 1);
  if (split.length && split.length < reports.length) for (const r of split) r.part = true;
  const main = mainReports(reports);
  const lead = order === 'published' ? latestLead(main) : highestOf(main) ?? main[main.length - 1]!;
  return { reports, order, lead: reports.indexOf(lead) };
}

/**
 * The report that stands for a story told by dates: the latest article's, and of that article's
 * reports the one it states first. News leads with its figure ("up to 300 people were feared dead
 * …") and adds other counts later ("Other estimates ranged as high as 500 dead").
 */
function latestLead<R extends TollReport>(reports: R[]): R {
  const last = reports[reports.length - 1]!;
  const file = last.refs[last.refs.length - 1]?.file;
  const at = (r: R) => Math.min(...r.refs.filter((x) => x.file === file).map((x) => x.sentence));
  let best = last;
  for (const r of reports) if (r !== last && at(r) < at(best)) best = r;
  return best;
}

function highestOf<R extends TollReport>(reports: R[]): R | undefined {
  let best: R | undefined;
  for (const r of reports) {
    const v = headline(r).figure?.value;
    if (v == null) continue;
    const bv = best ? headline(best).figure?.value ?? -1 : -1;
    if (v > bv) best = r;
  }
  return best;
}