import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { queryTerms } from '../nlp/terms.ts';
import type { TollFigure, TollMention } from '../nlp/tolls.ts';
import { dayOf, datesAgree, eventDate } from './tolldates.ts';
import { apart, type Group, join, regionsOf, sameEvent, sameFigures, type Statement, shared } from './tollgroups.ts';
import type { Answer, AnswerOptions, CasualtyItem, CasualtySource, SentenceRef } from './types.ts';


/** One distinct toll, with every sentence that states it. Computed at indexing, stored in the snapshot. */
export interface TollEntry {
  killed: TollFigure | null;
  wounded: TollFigure | null;
  /** A statement that nobody was killed or hurt ("No deaths were reported"). */
  none: boolean;
  event: string | null;
  /** The event's date as the text gives it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`). */
  date: string | null;
  /** Every stating sentence; the first states all the figures, then oldest report first. */
  refs: SentenceRef[];
  /** Search terms of the event and of the stating articles' titles, for the event/place filter. */
  terms: string;
}

/** The best name among the statements' events: one with a proper name, then one with a place phrase. */
function bestEvent(statements: Statement[]): string | null {
  let best: string | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const s of statements) {
    const e = s.mention.event;
    if (!e) continue;
    // A capital inside the name ("Metrojet flight", "suicide bombing in a Beirut suburb"), or at its start when it is a place.
    const named = /\s\p{Lu}|^\p{Lu}\p{Ll}*\p{Lu}/u.test(e) || (/^\p{Lu}/u.test(e) && (s.mention.places?.length ?? 0) > 0);
    const score = (named ? 2 : 0) + (/ (?:…|in|near|at|off) /.test(e) ? 1 : 0) - (e.length > 60 ? 2 : 0);
    if (score > bestScore) [best, bestScore] = [e, score];
  }
  return best;
}

/** The most precise date of the group (a day, then a month, then a year). */
const bestDate = (statements: Statement[]): string | null =>
  statements.map((s) => s.date).filter((d): d is string => Boolean(d)).sort((a, b) => b.length - a.length)[0] ?? null;

/** How many figures a statement gives: the first source should state all of the item's figures. */
const figures = (m: TollMention) => (m.killed ? 1 : 0) + (m.wounded ? 1 : 0);

type Ordered = TollEntry & { day: number | null; kinds: Set<string>; places: Set<string>; regions: Set<string>; heads: Set<string> };
/** Kinds of event that happen many at a time. */
const COMMON_KINDS = new Set(['attack', 'war']);

function toEntry(g: Group): Ordered {
  const sorted = [...g.statements].sort(
    (a, b) => figures(b.mention) - figures(a.mention) || (a.day ?? Infinity) - (b.day ?? Infinity) || (a.ref.file < b.ref.file ? -1 : a.ref.file > b.ref.file ? 1 : a.ref.sentence - b.ref.sentence),
  );
  const killed = sorted.find((s) => s.mention.killed)?.mention.killed ?? null;
  const wounded = sorted.find((s) => s.mention.wounded)?.mention.wounded ?? null;
  const event = bestEvent(sorted);
  const words = new Set<string>(event ? queryTerms(event) : []);
  for (const t of new Set(sorted.map((s) => s.title))) if (t) for (const w of queryTerms(t)) words.add(w);
  const days = sorted.map((s) => s.day).filter((d): d is number => d !== null);
  return {
    killed,
    wounded,
    none: Boolean(sorted[0]!.mention.none),
    event,
    date: bestDate(sorted),
    refs: sorted.map((s) => s.ref),
    terms: [...words].join(' '),
    day: days.length ? Math.min(...days) : null,
    kinds: g.kinds,
    places: g.places,
    regions: g.regions,
    heads: new Set(g.statements.map((s) => s.mention.head).filter((h): h is string => Boolean(h))),
  };
}

/**
 * Tolls of one event, to list in a row: kinds agree, places do not disagree (one in common when
 * both name some), nor dates; reported within ten days.
 */
function oneEvent(a: Ordered, b: Ordered): boolean {
  if (!shared(a.kinds, b.kinds) || apart(a.regions, b.regions)) return false;
  const samePlace = [...a.places].some((p) => b.places.has(p)) || [...a.regions].some((r) => b.regions.has(r));
  if (!samePlace && a.places.size > 0 && b.places.size > 0) return false;
  // Attacks and fighting are many at once: those need the same place, or the same word for the event and no place.
  const rare = [...a.kinds].some((k) => b.kinds.has(k) && !COMMON_KINDS.has(k));
  const sameWord = [...a.heads].some((h) => b.heads.has(h)) && a.places.size === 0 && b.places.size === 0;
  if (!rare && !samePlace && !sameWord) return false;
  if (a.date && b.date && !datesAgree(a.date, b.date)) return false;
  return a.day !== null && b.day !== null && Math.abs(a.day - b.day) <= 10;
}

/**
 * Every distinct toll of the corpus (articles in file-name order): statements of the same figure
 * and event merged into one entry with all their sentences; entries of one event next to each
 * other, oldest report first, so that a changing toll reads in order.
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
      };
      const g = groups.find((x) => sameFigures(x.statements[0]!.mention, mention) && sameEvent(x, s));
      if (g) join(g, s);
      else groups.push(join(undefined, s));
    }
  }
  // Events: each entry, oldest report first, joins the first event whose first entry it agrees with.
  const entries = groups.map(toEntry);
  const byDay = entries.map((_, i) => i).sort((i, j) => (entries[i]!.day ?? Infinity) - (entries[j]!.day ?? Infinity) || i - j);
  const events: number[][] = [];
  for (const i of byDay) {
    const ev = events.find((e) => oneEvent(entries[e[0]!]!, entries[i]!));
    if (ev) ev.push(i);
    else events.push([i]);
  }
  const order = events.flat();
  return order.map((i) => {
    const { day: _d, kinds: _k, regions: _r, places: _p, heads: _h, ...entry } = entries[i]!;
    return entry;
  });
}

function toItem(index: CorpusIndex, e: TollEntry): CasualtyItem | undefined {
  const sources: CasualtySource[] = [];
  for (const r of e.refs) {
    const a = index.articles.get(r.file);
    const s = a?.sentences[r.sentence];
    if (a && s) sources.push({ quote: s.text, source: r.file, published: a.meta.published ?? null });
  }
  const first = sources[0];
  if (!first) return undefined;
  const dates = sources.map((x) => x.published).filter((d): d is string => Boolean(d));
  return {
    killed: e.killed?.value ?? null,
    wounded: e.wounded?.value ?? null,
    atLeast: Boolean((e.killed ?? e.wounded)?.atLeast),
    killedText: e.killed?.text ?? null,
    woundedText: e.wounded?.text ?? null,
    noCasualties: e.none,
    event: e.event,
    date: e.date,
    published: dates.length ? dates.reduce((a, b) => (dayOf(b)! < dayOf(a)! ? b : a)) : null,
    quote: first.quote,
    source: first.source,
    sources,
  };
}

/** Each entry's words, read once: its event, its articles' titles, its sentences. */
const wordsOf = new WeakMap<TollEntry, Set<string>>();

/** Whether every query term is among the entry's words. */
function matches(index: CorpusIndex, e: TollEntry, terms: string[]): boolean {
  let words = wordsOf.get(e);
  if (!words) {
    words = new Set(e.terms.split(' '));
    for (const r of e.refs) {
      const s = index.articles.get(r.file)?.sentences[r.sentence];
      if (s) for (const w of s.terms.split(' ')) words.add(w);
    }
    wordsOf.set(e, words);
  }
  return terms.every((t) => words.has(t));
}

/** /casualties [event]: the tolls computed at indexing, optionally narrowed to an event or place. */
export function answerCasualties(index: CorpusIndex, query: string, { limit = LIMITS.maxItems }: AnswerOptions = {}): Answer {
  const terms = query.trim() ? queryTerms(query) : [];
  const entries = terms.length ? index.derived.tolls.filter((e) => matches(index, e, terms)) : index.derived.tolls;
  const items: CasualtyItem[] = [];
  for (const e of entries) {
    const item = toItem(index, e);
    if (item) items.push(item);
    if (items.length >= limit) break;
  }
  if (!items.length) {
    const message = query.trim()
      ? `No toll of dead or wounded in the articles matches “${query.trim()}”.`
      : 'No toll of dead or wounded was found in the articles.';
    return { command: 'casualties', query, items, message };
  }
  const answer: Answer = { command: 'casualties', query, items };
  if (entries.length > items.length) {
    answer.message = `Showing the first ${items.length} of ${entries.length} tolls; name an event or place to narrow the list.`;
  }
  return answer;
}
