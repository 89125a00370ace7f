import { chronological, cmp, PRECISION_ORDER, type TimelineEntry } from '../facts/timeline.ts';
import type { SentenceRef } from '../facts/types.ts';
import { sentencesWithTerm } from '../index/search.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import type { AnchorSource } from '../nlp/dates.ts';
import { queryTerms } from '../nlp/terms.ts';
import type { Answer, AnswerOptions, QuoteRef, TimelineItem } from './types.ts';

/** What an entry's note says about where its date came from. */
const ANCHOR_NOTE: Record<AnchorSource, string | undefined> = {
  published: undefined,
  dateline: 'dated from the dateline',
  'file name': "dated from the file name's date",
};

/** What a reader is told beside a date: no year given, or what it was counted from. */
export const dateNote = (d: { noYear?: boolean; relativeTo?: AnchorSource }): string | undefined =>
  d.noYear ? 'year not given' : d.relativeTo ? ANCHOR_NOTE[d.relativeTo] : undefined;


/** A timeline entry as an answer item: its quote, date and every other source. */
export function timelineItem(index: CorpusIndex, e: TimelineEntry): TimelineItem {
  const quote = (ref: SentenceRef) => index.articles.get(ref.file)?.sentences[ref.sentence]?.text ?? '';
  const item: TimelineItem = { date: e.date, dateText: e.dateText, quote: quote(e), source: e.file };
  const note = dateNote(e);
  if (note) item.note = note;
  if (e.future) item.future = true;
  if (e.alsoIn?.length) item.alsoIn = e.alsoIn.map((s): QuoteRef => ({ quote: quote(s), source: s.file }));
  return item;
}

/** Where each sentence stands in the timeline (as an entry or one of its other sources), per index. */
const entryOfSentence = new WeakMap<CorpusIndex, Map<number, number>>();

/** Sentence id → position of its entry in `index.derived.timeline`, for every source of every entry. */
export function timelinePositions(index: CorpusIndex): Map<number, number> {
  let at = entryOfSentence.get(index);
  if (!at) {
    const firstId = new Map<string, number>();
    let id = 0;
    for (const [file, a] of index.articles) {
      firstId.set(file, id);
      id += a.sentences.length;
    }
    at = new Map();
    index.derived.timeline.forEach((e, pos) => {
      for (const ref of [e, ...(e.alsoIn ?? [])]) {
        const base = firstId.get(ref.file);
        if (base !== undefined) at!.set(base + ref.sentence, pos);
      }
    });
    entryOfSentence.set(index, at);
  }
  return at;
}

/**
 * Entries whose sentences (any source) carry the topic's terms: all of them, else as many as any does.
 * The search index says which sentences hold each term; the timeline is not scanned.
 */
function filterByTopic(index: CorpusIndex, terms: string[]): TimelineEntry[] {
  const at = timelinePositions(index);
  const perSentence = new Map<number, number>();
  for (const t of new Set(terms)) {
    for (const id of sentencesWithTerm(index.search, t)) if (at.has(id)) perSentence.set(id, (perSentence.get(id) ?? 0) + 1);
  }
  const perEntry = new Map<number, number>();
  for (const [id, n] of perSentence) {
    const pos = at.get(id)!;
    perEntry.set(pos, Math.max(perEntry.get(pos) ?? 0, n));
  }
  let best = 0;
  for (const n of perEntry.values()) if (n > best) best = n;
  const timeline = index.derived.timeline;
  return [...perEntry]
    .filter(([, n]) => n === best)
    .map(([pos]) => pos)
    .sort((a, b) => a - b)
    .map((pos) => timeline[pos]!);
}

/** Relative dates left undated for want of an anchor, over the corpus. */
function undatedCount(index: CorpusIndex): number {
  let n = 0;
  for (const a of index.articles.values()) n += a.facts.undatedDates ?? 0;
  return n;
}

/** The whole timeline's selection, computed once per index. */
const shownUnfiltered = new WeakMap<CorpusIndex, TimelineEntry[]>();

/** Too many to show: the events told by the most articles, then the most precise, the latest; in order. */
function mostTold(entries: TimelineEntry[], limit: number): TimelineEntry[] {
  const rank = [...entries].sort(
    (a, b) => (b.alsoIn?.length ?? 0) - (a.alsoIn?.length ?? 0) || PRECISION_ORDER[b.precision] - PRECISION_ORDER[a.precision] || cmp(b.from, a.from),
  );
  return rank.slice(0, limit).sort(chronological);
}

/**
 * /timeline [topic]: dated events in chronological order, each a quoted sentence with its date.
 * Without a topic it reads the timeline computed at indexing; a topic (a person, place or word)
 * keeps the events whose sentences carry its terms.
 */
export function answerTimeline(index: CorpusIndex, query: string, { limit = LIMITS.maxItems }: AnswerOptions = {}): Answer {
  const topic = query.trim();
  let entries = index.derived.timeline;
  if (topic) {
    const terms = queryTerms(topic);
    entries = terms.length ? filterByTopic(index, terms) : [];
    if (entries.length === 0) return { command: 'timeline', query, items: [], message: `No dated sentence in the articles mentions “${topic}”.` };
  } else if (entries.length === 0) {
    const undated = undatedCount(index);
    const why = undated
      ? ` ${undated} date${undated === 1 ? ' is' : 's are'} only relative ("on Monday", "last week") to a publication date the articles do not give.`
      : '';
    return { command: 'timeline', query, items: [], message: `No sentence in the articles gives a date.${why}` };
  }
  const total = entries.length;
  let message: string | undefined;
  if (total > limit) {
    entries = topic || limit !== LIMITS.maxItems ? mostTold(entries, limit) : (shownUnfiltered.get(index) ?? shownUnfiltered.set(index, mostTold(entries, limit)).get(index)!);
    message = `Showing ${limit} of ${total} dated sentences (those told by the most articles)${topic ? '' : '; add a topic to narrow: /timeline <topic>'}.`;
  }
  const items = entries.filter((e) => !e.noYear).map((e) => timelineItem(index, e));
  const yearless = entries.filter((e) => e.noYear).map((e) => timelineItem(index, e));
  const undated = topic ? 0 : undatedCount(index);
  const notes = [
    message,
    yearless.length
      ? `${yearless.length} date${yearless.length === 1 ? ' gives' : 's give'} no year and the article${yearless.length === 1 ? '' : 's'} no date: shown as written ("year not given"), after the dated ones.`
      : undefined,
    undated ? `${undated} date${undated === 1 ? ' is' : 's are'} only relative ("on Monday", "last week") to a publication date some articles do not give, and not placed.` : undefined,
  ].filter(Boolean);
  const answer: Answer = { command: 'timeline', query, items, ...(yearless.length ? { yearless } : {}) };
  return notes.length ? { ...answer, message: notes.join(' ') } : answer;
}
