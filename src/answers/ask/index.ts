import type { CorpusIndex } from '../../index/types.ts';
import { LIMITS } from '../../limits.ts';
import { answerCasualties } from '../casualties.ts';
import { quoteItems } from '../search.ts';
import { dateNote, timelineItem, timelinePositions } from '../timeline.ts';
import type { Answer, CasualtyItem, QuoteRef, SearchItem, TimelineItem, WhoItem } from '../types.ts';
import { answerWho } from '../who.ts';
import { expandTerms, type QueryTerm, type RankOptions, rankSentences } from './rank.ts';
import { introduceNamed, introduceReferent } from './introduce.ts';
import { askedHead, namedHeadFirst } from './head.ts';
import { datePatternOf, measureOf } from './measure.ts';
import { answerKind, asksWhichOne, contentTerms, mainClauseFirst, reportedSource, routeQuestion } from './route.ts';
import { attributedTo, questionWords, speakerName } from './signals.ts';
import { askedForms, datedNearHead, nearestDate, preciseFirst } from './dates.ts';
import { byRelevance, countedReport } from './tolls.ts';

export { type AnswerKind, answerKind, type Route, routeQuestion } from './route.ts';

type AskItem = SearchItem | WhoItem | CasualtyItem | TimelineItem;

/**
 * A plain question (DMs, console, /ask), routed by its form: "who is X" → that person; "how many …
 * died" → the tolls, the most relevant stories' first; anything else → the answer ranker
 * (`rank.ts`): the best stories, then their sentences, preferring one that holds the kind of answer
 * asked for (a date for "when", a person for "who", X's own words for "what did X say"). A dated
 * sentence carries its date. Answers with the best few quotes, best first.
 */
export function answerAsk(index: CorpusIndex, question: string): Answer {
  // A question opening on a clause ("When the blizzard shut the Bosphorus, how many ships …") is read from its main clause.
  const q = mainClauseFirst(question);
  const route = routeQuestion(q);
  const kind = answerKind(q);
  const asked = questionWords(q);
  const measure = kind === 'number' ? measureOf(q) : kind === 'date' ? datePatternOf(q) : undefined;
  const source = route.kind === 'said' ? undefined : reportedSource(q);
  const head = askedHead(q);
  const done = (items: AskItem[], message?: string): Answer => {
    const answer = { command: 'ask', query: question, items: items.slice(0, LIMITS.askItems) } as Answer;
    if (message) answer.message = message;
    else if (answer.items.length === 0) answer.message = `No sentence in the articles answers “${question}”.`;
    else if (weak) answer.message = `Nothing in the articles answers “${question}” well; the closest matches:`;
    return answer;
  };
  let weak = false;
  const ranked = (words: string, opts: Partial<AskOptions> = {}, terms = contentTerms(words)): AskItem[] => {
    const r = rankedItems(index, terms, { kind, asked, measure, ...(source ? { source } : {}), ...(asksWhichOne(q) ? { whichOne: true } : {}), ...(head ? { head } : {}), ...opts });
    weak = r.weak;
    return r.items;
  };

  switch (route.kind) {
    case 'who': {
      const who = answerWho(index, route.name, { suggest: false });
      if (who.items.length) return done(who.items as WhoItem[], who.message);
      return done(ranked(route.name));
    }
    case 'tolls': {
      // The tolls the question's words name, then those whose story names them all ("the blast" of an
      // article that names "the Philippine Military Academy" in another sentence).
      const all = { limit: Number.POSITIVE_INFINITY };
      const own = answerCasualties(index, route.filter, all).items as CasualtyItem[];
      const told = route.filter.trim() ? (answerCasualties(index, route.filter, { ...all, scope: 'article' }).items as CasualtyItem[]) : [];
      // A toll only its story names counts where that story tells no toll the question's own words
      // name: beside the Paris attacks' toll, its article's other tolls are other events.
      const named = new Set(own.flatMap((it) => it.sources.map((x) => x.source)));
      const counted = route.counted;
      const as = (list: CasualtyItem[]) => byRelevance(index, counted ? list.map((it) => countedReport(it, counted)) : list, contentTerms(q));
      // A toll whose own words name what is asked comes before one only its story names.
      // …and only with a figure of what is asked: the dead, unless the question asks for the wounded
      // (a stadium car bomb's "17 people were slightly injured" is no answer to "how many were killed in the Madrid bombings").
      const wounded = WOUNDED_ASKED.test(q);
      const counts = (t: CasualtyItem) => (wounded ? t.wounded !== null || t.woundedText !== null : t.killed !== null || t.killedText !== null || Boolean(t.combined));
      const items = [...as(own), ...as(told.filter((t) => counts(t) && !t.sources.some((x) => named.has(x.source))))];
      // No toll known for it: sentences that speak of what was asked about, figures first; and the
      // sentences of its story that tell of the dead or hurt without a figure ("He said some people
      // had been injured", after a lead that names the car bomb).
      const about = contentTerms(route.filter);
      const tells = wounded ? WOUNDED_TOLD : KILLED_TOLD;
      const names = (id: number) => about.some((t) => index.sentences[id]!.terms.split(' ').includes(t));
      const filter = (id: number) => about.length === 0 || names(id) || (tells.test(index.sentences[id]!.text) && storyNames(index, id, names));
      // The question's own words, its toll word among them: every death and injury word besides would pick a war story over a fire's "six injured".
      // A sentence that tells of the dead (or the hurt, as asked) answers "how many" before one that does not.
      const first = (id: number) => tells.test(index.sentences[id]!.text);
      const sentences = (keep: (id: number) => boolean) => ranked(q, { kind: 'number', filter: keep, first }, [...new Set([...about, ...contentTerms(q)])]);
      if (!items.length) return done(sentences(filter));
      // Fewer tolls than an answer shows: sentences that tell of the dead (or hurt) in the question's own
      // words follow, told otherwise or by another article ("Fifteen people were killed in the Copperbelt
      // …" after "which left 15 people dead"). Not a sentence only its story ties to the question: beside
      // the Paris attacks' toll, the Metrojet's "killing 224 people" of the same article is another event.
      if (items.length >= LIMITS.askItems) return done(items);
      const quoted = new Set(items.flatMap((it) => [it.quote, ...it.sources.map((x) => x.quote)]));
      const more = sentences((id) => names(id) && tells.test(index.sentences[id]!.text)).filter((it) => !('quote' in it) || !quoted.has(it.quote));
      // The tolls answer: the sentences after them are no "closest matches".
      weak = false;
      return done([...items, ...more]);
    }
    case 'when': {
      // A date first: sentences with no date or time come after every dated one.
      const core = route.words.replace(CLOSING_PLACE, '');
      const headTerm = core !== route.words ? contentTerms(core).at(-1) : undefined;
      return done(ranked(route.words, { kind: 'date', fitsFirst: true, ...(headTerm ? { headTerm } : {}) }));
    }
    case 'said': {
      // X's own words first (named beside a verb of saying, or "he said" after X), then sentences naming X.
      const speakerTerms = contentTerms(route.speaker);
      const items = ranked('', { kind: 'quote', speaker: route.speaker, speakerTerms, fitsFirst: true, only: (id) => mentions(index, id, speakerTerms) }, [
        ...speakerTerms,
        ...contentTerms(route.topic),
      ]);
      if (items.length) return done(items);
      const who = answerWho(index, route.speaker, { suggest: false });
      if (who.items.length) return done(who.items as WhoItem[], who.message);
      // Nobody of that name speaks ("what did he say", "what are the rebels expected to announce"): the words as a plain question.
      return done(ranked(`${route.speaker} ${route.topic}`, { kind: 'any' }));
    }
    case 'search':
      return done(ranked(route.words));
  }
}

/** A place that closes a question's words: "… start in China", "… crash near Tokyo". */
const CLOSING_PLACE = /\s+(?:in|at|near|off|outside|inside|across|along)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*|north|south|east|west|northern|southern|eastern|western|central)(?:[\s,]+[\p{L}.'’-]+){0,3}$/u;

/** A how-many question about the wounded rather than the dead. */
const WOUNDED_ASKED = /\b(?:wounded|wounds?|injured|injuries|injuring|hurt)\b/i;
/** A sentence that tells of the wounded, or of the dead ("no one was killed", "caused no casualties"). */
const WOUNDED_TOLD = /\b(?:wounded|wounding|injur(?:ed|ies|y|ing)|hurt|casualties)\b/i;
const KILLED_TOLD = /\b(?:killed|killing|kills?|dead|died|dies|deaths?|lives|perished|casualties|fatalities|bodies)\b/i;

/** Whether some sentence of the same story as sentence `id` is one that `names` keeps. */
function storyNames(index: CorpusIndex, id: number, names: (id: number) => boolean): boolean {
  const file = index.sentences[id]!.file;
  for (let k = id - 1; k >= 0 && index.sentences[k]!.file === file; k--) if (names(k)) return true;
  for (let k = id + 1; k < index.sentences.length && index.sentences[k]!.file === file; k++) if (names(k)) return true;
  return false;
}

/** Kinds of question a sentence without that kind of thing hardly ever answers: such sentences come after. */
export const FITS_FIRST = new Set<string>(['date', 'number']);

interface AskOptions extends RankOptions {
  /** Sentences that hold the kind of answer asked for come before all others. */
  fitsFirst?: boolean;
  /** With `fitsFirst`: the other sentences kept after them. */
  only?: (id: number) => boolean;
  /** A when-question's head word when its words end on a place ("start" of "the fires start in China"): its date counts as the last word's. */
  headTerm?: string;
  /** The question asks which one a described thing or person is ("Who was the Saudi diplomat …", "Which tanker was hit …"). */
  whichOne?: boolean;
  /** Sentences this keeps come before all others (after the ones that fit, among themselves). */
  first?: (id: number) => boolean;
  /** The head noun of a which-question ("tanker" of "Which Iranian tanker was hit …", `askedHead`): a sentence naming such a thing gains. */
  head?: string;
}

/** Whether the sentence has every one of the terms (a speaker's name). */
const mentions = (index: CorpusIndex, id: number, terms: string[]) => {
  const have = index.sentences[id]!.terms.split(' ');
  return terms.length > 0 && terms.every((t) => have.includes(t));
};

/** The ranker's best sentences as items, and whether they answer the question only weakly. */
interface Ranking {
  items: (SearchItem | TimelineItem)[];
  /** The best sentence's story has fewer than half of the question's words (by weight): closest matches, not an answer. */
  weak: boolean;
}

/** Share of the question's weight (idf) its best story must hold for the answer not to be called weak. */
export const WEAK_COVERAGE = 0.5;

/** The ranker's best sentences as items; a sentence of the timeline carries its date, one of the asked speaker's words the speaker. */
function rankedItems(index: CorpusIndex, terms: string[], opts: AskOptions): Ranking {
  const query = expandTerms(index, terms);
  let ranked = rankSentences(index, query, opts);
  if (opts.kind === 'date') ranked = datedNearHead(index, ranked, askedForms(index, query), opts.headTerm);
  if (opts.head && opts.kind !== 'date' && opts.kind !== 'number' && opts.kind !== 'place') ranked = namedHeadFirst(index, ranked, opts.head, opts.asked);
  if (opts.fitsFirst || (opts.kind !== 'any' && FITS_FIRST.has(opts.kind))) ranked = [...ranked.filter((r) => r.fits), ...ranked.filter((r) => !r.fits && (!opts.only || opts.only(r.id)))];
  if (opts.first) ranked = [...ranked.filter((r) => opts.first!(r.id)), ...ranked.filter((r) => !opts.first!(r.id))];
  if (opts.whichOne) ranked = fittingFirstInStory(index, ranked, opts.kind);
  const ids = ranked.map((r) => r.id);
  const weak = ids.length > 0 && coverage(index, ids[0]!, terms, query) < WEAK_COVERAGE;
  let items: SearchItem[] = quoteItems(index, ids, LIMITS.askItems, { nearCopies: true });
  if (opts.speaker) items = items.map((it) => withSpeaker(index, it, ids, opts.speaker!));
  else if (opts.kind === 'person') items = introduceNamed(index, items, ids[0], opts.asked, LIMITS.askItems);
  // A what-answer that points back ("these machines …") is followed by the sentence it points to
  // (NewsQA with distractors top-3 68.4 -> 68.8; for place and reason questions too: no better).
  else if (opts.kind === 'any' || opts.kind === 'name') items = introduceReferent(index, items, ids[0], LIMITS.askItems);
  if (opts.kind !== 'date') return { items, weak };
  const at = timelinePositions(index);
  const forms = askedForms(index, query);
  const byQuote = new Map<string, number>();
  for (const id of ids.slice(0, LIMITS.askItems * 3)) if (at.has(id)) byQuote.set(`${index.sentences[id]!.file}\0${index.sentences[id]!.text}`, at.get(id)!);
  const dated = items.map((it): SearchItem | TimelineItem => {
    const pos = byQuote.get(`${it.source}\0${it.quote}`);
    const entry = pos === undefined ? undefined : index.derived.timeline[pos];
    if (!entry) return it;
    const d = timelineItem(index, entry);
    // The timeline entry may be told first by another article: quote the one the ranker chose.
    // …and the ranker's near copies of it stay with it.
    const copies = (it.alsoIn ?? []).filter((x): x is QuoteRef => typeof x !== 'string');
    const alsoIn = [{ quote: d.quote, source: d.source }, ...(d.alsoIn ?? []), ...copies].filter(
      (x, i, all) => x.source !== it.source && all.findIndex((y) => y.source === x.source && y.quote === x.quote) === i,
    );
    const item: TimelineItem = { date: d.date, dateText: d.dateText, quote: it.quote, source: it.source };
    if (d.note) item.note = d.note;
    if (d.future) item.future = true;
    const near = nearestDate(index, it, forms);
    if (near && (near.dateText !== item.dateText || near.date !== item.date)) {
      item.date = near.date;
      item.dateText = near.dateText;
      const note = dateNote(near);
      if (note) item.note = note;
      else delete item.note;
      if (near.future) item.future = true;
      else delete item.future;
    }
    if (alsoIn.length) item.alsoIn = alsoIn;
    return item;
  });
  return { items: preciseFirst(dated), weak };
}


/** Share of the question terms' weight found in the story of sentence `id` (terms no article has count against it). */
function coverage(index: CorpusIndex, id: number, terms: string[], query: QueryTerm[]): number {
  const file = index.sentences[id]!.file;
  const have = new Set<string>();
  for (const s of index.articles.get(file)?.sentences ?? []) for (const t of s.terms.split(' ')) have.add(t);
  const n = index.sentences.length;
  const weight = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const p = index.postings;
  let total = 0;
  let found = 0;
  for (const t of new Set(terms)) {
    // Neighbours by word vector do not make an answer less weak: only the word and its forms.
    const forms = query.find((x) => x.term === t)?.forms.filter((f) => !f.vector) ?? [];
    if (!forms.length) {
      total += weight(0);
      continue;
    }
    const w = Math.max(...forms.map((f) => weight(p.offsets[f.id + 1]! - p.offsets[f.id]!)));
    total += w;
    if (forms.some((f) => have.has(p.terms[f.id]!))) found += w;
  }
  return total ? found / total : 0;
}

/** A quote that is the asked speaker's words carries the speaker's name as the article gives it. */
function withSpeaker(index: CorpusIndex, it: SearchItem, ids: number[], asked: string): SearchItem {
  const id = ids.find((i) => index.sentences[i]!.file === it.source && index.sentences[i]!.text === it.quote);
  const s = id === undefined ? undefined : index.sentences[id];
  const a = index.articles.get(it.source);
  if (!s || !a || !attributedTo(a, s.index, asked)) return it;
  return { ...it, speaker: speakerName(a, s.index, asked) };
}


/** How far below the story's best sentence one that holds the answer may score and still come first (`fittingFirstInStory`). */
export const STORY_FIT_MARGIN = 0.5;

/**
 * For a question of which one a described person or thing is: when the best sentence tells the story
 * without the kind of answer asked for (a lead: "A kidnapped Saudi Arabian diplomat has been freed in
 * Beirut …") and one of the next two, of the same story, holds it ("They identified him as Bakr
 * Damanhuri, …") within `STORY_FIT_MARGIN`, the one that answers comes first. (For every kind of
 * question the same move costs NewsQA: its leads hold the answer more often.)
 */
function fittingFirstInStory<T extends { id: number; score: number; fits: boolean }>(index: CorpusIndex, ranked: T[], kind: string): T[] {
  const top = ranked[0];
  if (!top || top.fits || kind === 'any' || kind === 'quote') return ranked;
  const file = index.sentences[top.id]!.file;
  const k = ranked.findIndex((r, i) => i > 0 && i < 3 && r.fits && index.sentences[r.id]!.file === file && r.score >= top.score - STORY_FIT_MARGIN);
  if (k < 0) return ranked;
  return [ranked[k]!, ...ranked.filter((_, i) => i !== k)];
}
