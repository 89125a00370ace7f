import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { AnchorSource, DateMention, DatePrecision } from '../nlp/dates.ts';
import type { SentenceRef } from './types.ts';

/** Another article's sentence telling the same dated event. */
export interface TimelineSource extends SentenceRef {
  dateText: string;
}

/** One dated event: a sentence placed at the first date it gives, with every other article that tells it. */
export interface TimelineEntry extends SentenceRef {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date: string;
  dateText: string;
  precision: DatePrecision;
  /** First day of the dated period (`YYYY-MM-DD`): the chronological order. */
  from: string;
  /** The date lies after the article's publication (a plan, a schedule). */
  future?: boolean;
  /** The same event in other articles: the same sentence, or one worded nearly alike, at the same date. */
  alsoIn?: TimelineSource[];
  /** The text gives no year and the article no date: `date` is `XXXX-MM-DD` or `XXXX-MM`. */
  noYear?: boolean;
  /** Counted from the dateline or the file name's date, the article having no publication date. */
  relativeTo?: AnchorSource;
}

/** Two sentences at one date sharing this share of their terms (Jaccard) tell the same event… */
const SAME_EVENT = 0.6;
/**
 * …when they say enough to be an event and name who or what it is about: a formula repeated by many
 * articles ("Qtr ended Jan 31", "Final terms will be fixed on April 15", "NOTE: Share adjusted for
 * five-for-four split in February 1987") is a different fact in each, and stays with its own article.
 */
const MIN_EVENT_TERMS = 5;
const CALENDAR_WORD =
  /^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\.?$/;

/** Does the sentence name someone or something: a capitalised word or an acronym past its first word? */
function namesSomething(text: string): boolean {
  const words = text.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/^[("“‘'<]+|[)"”’',.;:!?>]+$/g, '');
    if (/[:"“]$/.test(words[i - 1]!) || CALENDAR_WORD.test(w)) continue;
    if (/^\p{Lu}(?:\p{Ll}|\p{Lu})/u.test(w)) return true;
  }
  return false;
}

export const PRECISION_ORDER: Record<DatePrecision, number> = { year: 0, month: 1, week: 2, day: 3 };

/** A dated sentence of one article as its analysis gives it: the same at every build, never mutated. */
interface Dated {
  sentence: number;
  date: string;
  dateText: string;
  precision: DatePrecision;
  from: string;
  future: boolean;
  noYear: boolean;
  relativeTo: AnchorSource | undefined;
  /** The date and its period: sentences are merged within one. */
  when: string;
  /** The sentence's wording key. */
  key: string;
  terms: Set<string>;
  /** Says enough to be told by another article too (see `MIN_EVENT_TERMS`). */
  event: boolean;
}

/** A dated sentence waiting to be merged with the same event from other articles. */
interface Candidate {
  file: string;
  d: Dated;
}

/**
 * Each analysis's dated sentences. A refresh keeps unchanged articles' analyses as the same objects,
 * so only new and changed articles are read again (the dates and sentences are checked to be the same too).
 */
const datedOf = new WeakMap<ArticleAnalysis, { dates: DateMention[]; sentences: ArticleAnalysis['sentences']; dated: Dated[] }>();

/** Reads an article's dated sentences ahead of `buildTimeline` (which then finds them cached). */
export function prepareTimeline(a: ArticleAnalysis): void {
  datedIn(a);
}

/**
 * Which of a sentence's dates places it (lowest first, then the first in the sentence): a date that
 * only qualifies a figure or a period ("this year's third quarter", "last year's $2.3 billion") or a
 * week (shown as its month) gives way to another one; a year-less plan ("meets on 12 January") gives
 * way to a year-less date told in the past ("the tsunami, which ravaged Asia on 26 December").
 */
function placeRank(a: ArticleAnalysis, m: DateMention): number {
  const text = a.sentences[m.sentence]?.text ?? '';
  let rank = 0;
  if (/^['’]s\b/.test(text.slice(m.at + m.dateText.length))) rank += 2;
  if (m.precision === 'week') rank += 1;
  if (m.noYear && m.future) rank += 1;
  return rank;
}

function datedIn(a: ArticleAnalysis): Dated[] {
  const had = datedOf.get(a);
  if (had && had.dates === a.facts.dates && had.sentences === a.sentences) return had.dated;
  const first = new Map<number, DateMention>();
  for (const m of a.facts.dates) {
    const had = first.get(m.sentence);
    if (!had || placeRank(a, m) < placeRank(a, had)) first.set(m.sentence, m);
  }
  const dated: Dated[] = [];
  for (const [index, m] of first) {
    const s = a.sentences[index];
    if (!s) continue;
    const terms = new Set(s.terms.split(' ').filter(Boolean));
    // One date and one period: "last week" and "next week" may share a month, not a week.
    dated.push({
      sentence: index,
      date: m.date,
      dateText: m.dateText,
      precision: m.precision,
      from: m.from,
      future: !!m.future,
      noYear: !!m.noYear,
      relativeTo: m.relativeTo,
      when: `${m.date} ${m.from}`,
      key: s.key,
      terms,
      event: terms.size >= MIN_EVENT_TERMS && namesSomething(s.text),
    });
  }
  datedOf.set(a, { dates: a.facts.dates, sentences: a.sentences, dated });
  return dated;
}

/** How one date's candidates merge: the kept ones (by position) and, for each, the others telling it. */
interface Plan {
  cands: Candidate[];
  kept: number[];
  also: (number[] | undefined)[];
}

/** The last build's plans by date: a date whose candidates are all the same is not merged again. */
let lastPlans = new Map<string, Plan>();

const sameCandidates = (a: Candidate[], b: Candidate[]) => a.length === b.length && a.every((c, i) => c.d === b[i]!.d && c.file === b[i]!.file);

/**
 * Every dated sentence of the corpus, chronologically: computed once at indexing from the dates each
 * article's analysis found. A sentence is placed at the first date it gives. The same sentence in
 * several articles, or near-identical wording at the same date, is one entry with `alsoIn`.
 */
export function buildTimeline(articles: ArticleAnalysis[]): TimelineEntry[] {
  const byDate = new Map<string, Candidate[]>();
  for (const a of articles) {
    const file = a.meta.file;
    for (const d of datedIn(a)) {
      const list = byDate.get(d.when);
      if (list) list.push({ file, d });
      else byDate.set(d.when, [{ file, d }]);
    }
  }
  const plans = new Map<string, Plan>();
  const out: TimelineEntry[] = [];
  for (const [when, list] of byDate) {
    const last = lastPlans.get(when);
    const plan = last && sameCandidates(last.cands, list) ? last : mergeSameEvents(list);
    plans.set(when, plan);
    // Fresh entries at every build: the plan is shared, the entries are the caller's.
    plan.kept.forEach((k, i) => {
      const { file, d } = plan.cands[k]!;
      const entry: TimelineEntry = { file, sentence: d.sentence, date: d.date, dateText: d.dateText, precision: d.precision, from: d.from };
      if (d.future) entry.future = true;
      if (d.noYear) entry.noYear = true;
      if (d.relativeTo) entry.relativeTo = d.relativeTo;
      const also = plan.also[i];
      if (also) entry.alsoIn = also.map((j) => ({ file: plan.cands[j]!.file, sentence: plan.cands[j]!.d.sentence, dateText: plan.cands[j]!.d.dateText }));
      out.push(entry);
    });
  }
  lastPlans = plans;
  return out.sort(chronological);
}

/** Within one date: the same wording, or wording nearly alike from another article, is one entry. */
function mergeSameEvents(cands: Candidate[]): Plan {
  const kept: number[] = [];
  const also: (number[] | undefined)[] = [];
  // Each kept candidate's place in `kept`, by wording key.
  const byKey = new Map<string, number>();
  // Candidates for a near match: earlier entries sharing a term, by term (the rarest terms are checked).
  const byTerm = new Map<string, number[]>();
  const df = new Map<string, number>();
  for (const c of cands) for (const t of c.d.terms) df.set(t, (df.get(t) ?? 0) + 1);
  cands.forEach((c, ci) => {
    const { d } = c;
    let home = d.event ? byKey.get(d.key) : undefined;
    if (home === undefined && d.event) {
      const rare = [...d.terms].sort((x, y) => df.get(x)! - df.get(y)!).slice(0, 3);
      const seen = new Set<number>();
      for (const t of rare) {
        for (const k of byTerm.get(t) ?? []) {
          if (seen.has(k)) continue;
          seen.add(k);
          const other = cands[kept[k]!]!;
          if (other.file === c.file || !other.d.event) continue;
          if (jaccard(other.d.terms, d.terms) >= SAME_EVENT && sameFigures(other.d.terms, d.terms)) {
            home = k;
            break;
          }
        }
        if (home !== undefined) break;
      }
    }
    if (home !== undefined) {
      const list = also[home];
      const dup = cands[kept[home]!]!.file === c.file || list?.some((j) => cands[j]!.file === c.file);
      if (!dup) also[home] = [...(list ?? []), ci];
      byKey.set(d.key, home);
      return;
    }
    const k = kept.length;
    kept.push(ci);
    also.push(undefined);
    byKey.set(d.key, k);
    for (const t of d.terms) {
      const ks = byTerm.get(t);
      if (ks) ks.push(k);
      else byTerm.set(t, [k]);
    }
  });
  return { cands, kept, also };
}

/** Different figures ("120,000 head" against "128,000 head") are different facts, however alike the words. */
function sameFigures(a: Set<string>, b: Set<string>): boolean {
  const figures = (s: Set<string>) => [...s].filter((t) => /^\d/.test(t)).sort().join(' ');
  return figures(a) === figures(b);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Oldest first; within a day, the coarser date (a month, a week) before the days it holds. */
export function chronological(a: TimelineEntry, b: TimelineEntry): number {
  return (
    cmp(a.from, b.from) ||
    PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision] ||
    cmp(a.date, b.date) ||
    cmp(a.file, b.file) ||
    a.sentence - b.sentence
  );
}

export const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);