import { courtFrom, historical, isUpdate, totalTolls, victimsOf } from './tolls/kinds.ts';
import { eventOf, placePhrase, type TollEvent } from './tolls/events.ts';
import { type TollFigure, type TollKind, TollView } from './tolls/view.ts';
import { termOf } from './terms.ts';
import { ANY_KIND, EVENT_CLASSES, isQualifierWord, KILL_ACTIVE, MODALS, NEGATIONS, WOUND_ACTIVE } from './tolls/words.ts';
import type { ArticleTokens, SentenceTokens } from './types.ts';

export type { TollFigure, TollKind } from './tolls/view.ts';

/** One figure of several kinds together: "1,000 dead or missing", "192 dead or presumed dead", "15,000 casualties". */
export interface CombinedFigure extends TollFigure {
  /** The kinds as written, in order: ["dead", "presumed dead"], ["killed", "wounded"], ["casualties"]. */
  of: string[];
}

/** People the toll counts apart from the dead: trapped, rescued, homeless, displaced. */
export interface AffectedFigure {
  kind: 'trapped' | 'rescued' | 'homeless' | 'displaced';
  figure: TollFigure;
}

/**
 * A toll of dead or wounded (or a statement that there were none) made by one sentence, found at
 * indexing. Stored in the snapshot; the corpus-level grouping is `buildTolls` in `answers/casualties.ts`.
 */
export interface TollMention {
  /** Index of the sentence in its article. */
  sentence: number;
  killed: TollFigure | null;
  wounded: TollFigure | null;
  /** Missing or unaccounted for. */
  missing?: TollFigure;
  /** A figure of kinds together ("dead or missing"), with its parts when the sentence gives them as `killed`/`missing`. */
  combined?: CombinedFigure;
  /** Trapped, rescued, homeless, displaced: shown with the event, never added into the dead. */
  affected?: AffectedFigure[];
  /** "The toll rose to N", "bringing the total to N": an update of an earlier toll. */
  update?: true;
  /** People named as victims, with no figure ("also injured Interior Minister … and the pilot"). */
  victims?: { kind: 'killed' | 'wounded'; names: string[] };
  /** A total over years ("3,000 died over 30 years"): kept, never merged with a current event. */
  historical?: true;
  /** The figure counts people of one nationality ("41 Britons"): a part of the event's toll. */
  group?: string;
  /** "No deaths were reported", "no one was hurt": a statement, not a toll of zero. */
  none?: true;
  /** The event the toll belongs to, read from the text ("suicide bombing in a Beirut suburb"). */
  event?: string;
  /** Search term (stem) of the event's head noun, and the kinds of event it can name ("air", "attack", …). */
  head?: string;
  kinds?: string[];
  /** Capitalised words naming the event's place or carrier, lower case ("beirut", "metrojet"). */
  places?: string[];
  /** The event is named by the previous sentence ("… in a mine fire. One miner was killed."). */
  eventBefore?: true;
  /** The event is named elsewhere in the article (its other tolls, or its headline). */
  eventArticle?: true;
  /** Character offset the toll is anchored at (its event, else its figure), and the range of the event and the toll. */
  at: number;
  range: [number, number];
}

/** Cheap test before any token work: a sentence with none of these words states no toll. */
const TRIGGER =
  /kill|dead|die[ds]?\b|death|wound|injur|hurt|casualt|fatalit|drown|toll|perish|bod(?:y|ies)|lives|slain|missing|unaccounted|trapped|rescued|homeless|displaced|hospitali|treated|to hospital/i;

/** "No deaths were reported", "no one was hurt", "there were no casualties", "none of the passengers was injured". */
const NO_CASUALTIES =
  /\b(?:no(?:body| one|-one)?|none(?: of the(?: \w+){1,3})?)(?: (?:immediate|other|further|known|serious|official|confirmed|reported|reports? of|word of|else))* (?:(?:was|were|had been|has been|have been|is|are) )?(?:(?:seriously|badly|critically|immediately|reportedly) )?(?:killed|dead|died|deaths|casualties|fatalities|injuries|injured|hurt|wounded)\b|\bno loss of life\b|\bno lives were lost\b/i;

/** Tokens of a sentence short enough to continue the previous one rather than tell something new. */
const SHORT = 12;

export interface Found {
  kind: TollKind;
  figure: TollFigure;
  /** For a combined figure: its kinds as written. */
  of?: string[];
  /** First token of the figure: one statement per figure. */
  fig: number;
  /** Token span of the whole statement (figure to predicate), for pairing and anchoring. */
  first: number;
  last: number;
}

/** "44 people were killed", "129 dead and hundreds wounded", "Seven black youths were knifed and shot to death". */
function subjectTolls(view: TollView, out: Found[]): void {
  const n = view.s.values.length;
  for (let i = 0; i < n; i++) {
    const c = view.count(i);
    if (!c) continue;
    // "one of its eight crew members was killed": the total of a partitive is not the toll.
    if (['its', 'the', 'their', 'his', 'her'].includes(view.v(i - 1)) && view.v(i - 2) === 'of') continue;
    const after = view.skipPeople(c.last + 1);
    if (after === undefined) continue;
    // "29 others who were trapped": the predicate of a relative clause.
    let p = view.predicate(view.v(after) === 'who' ? after + 1 : after);
    // "were knifed and shot to death": a first verb joined by "and" before the predicate.
    if (!p && view.s.pos[after + 1] === 'VERB' && ['were', 'was'].includes(view.v(after)) && view.v(after + 2) === 'and') p = view.predicate(after + 3);
    if (!p) continue;
    out.push({ kind: p.kind, figure: view.figure(i, c.last, c.value), of: p.of, fig: i, first: i, last: p.last });
    i = c.last;
  }
}

/** "killing 224 people", "killed 129 in Paris", "injured at least three", "claimed 20 lives". */
function objectTolls(view: TollView, out: Found[]): void {
  const n = view.s.values.length;
  for (let i = 0; i < n; i++) {
    const w = view.v(i);
    const kill = KILL_ACTIVE.has(w);
    const wound = WOUND_ACTIVE.has(w);
    const claim = ['claimed', 'claiming', 'claims', 'claim', 'took', 'taking', 'cost', 'costing'].includes(w);
    if (!kill && !wound && !claim) continue;
    const before = [view.v(i - 1), view.v(i - 2)];
    // Passive ("were killed 12 km away"), hypothetical ("could kill", "threatened to kill"), or
    // "killed or wounded 1,500" (the kinds cannot be told apart).
    if (['were', 'was', 'been', 'be', 'are', 'is'].includes(before[0]!)) continue;
    if (before.some((b) => MODALS.has(b) || NEGATIONS.has(b))) continue;
    if (before[0] === 'or') continue;
    let j = i + 1;
    // "killed or wounded 15,000": one figure of both.
    const both = view.v(i + 1) === 'or' && (KILL_ACTIVE.has(view.v(i + 2)) || WOUND_ACTIVE.has(view.v(i + 2)));
    if (view.v(i + 1) === 'or' && !both) continue;
    if (both) j = i + 3;
    const j0 = j;
    while (j < j0 + 3 && isQualifierWord(view.v(j))) j++;
    const c = view.count(j);
    if (!c) continue;
    if (claim) {
      if (/^lives?$/.test(view.v(c.last + 1))) out.push({ kind: 'killed', figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last + 1 });
      continue;
    }
    const after = view.skipPeople(c.last + 1);
    // "killed 12 km from …": a unit, not people.
    if (after === undefined || (view.s.pos[after] === 'NOUN' && after === c.last + 1)) continue;
    if (both) out.push({ kind: 'combined', of: [w, view.v(i + 2)], figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last });
    else out.push({ kind: kill ? 'killed' : 'wounded', figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last });
  }
}

/** "the death toll rose to 31", "224 deaths", "12 bodies were recovered", "the deaths of 224 people". */
function nounTolls(view: TollView, out: Found[]): void {
  const { values, lemmas, pos } = view.s;
  for (let i = 0; i < values.length; i++) {
    const w = view.v(i);
    if (lemmas[i]?.toLowerCase() === 'toll' && (view.v(i - 1) === 'death' || view.v(i - 1) === 'casualty')) {
      for (let j = i + 1; j < Math.min(values.length, i + 12); j++) {
        if (view.v(j) === '.' || view.v(j) === ';') break;
        const c = view.count(j);
        if (!c) continue;
        if (pos[c.last + 1] === 'NOUN' && !view.person(c.last + 1)) break;
        out.push({ kind: 'killed', figure: view.figure(j, c.last, c.value), fig: j, first: i - 1, last: c.last });
        break;
      }
      continue;
    }
    if ((w === 'deaths' || w === 'bodies' || w === 'lives') && view.v(i + 1) === 'of') {
      let j = i + 2 + (pos[i + 2] === 'DET' ? 1 : 0);
      while (j < i + 5 && isQualifierWord(view.v(j))) j++;
      const c = view.count(j);
      if (c && view.skipPeople(c.last + 1) !== undefined) out.push({ kind: 'killed', figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last });
      continue;
    }
    // "12 bodies were recovered" ("the two bodies", organisations, are not).
    const recovered = /^(?:were|have|had)$/.test(view.v(i + 1)) && /^(?:found|recovered|pulled|retrieved|discovered|identified|washed|brought|been)$/.test(view.v(i + 2));
    const casualties = w === 'casualties';
    if (['deaths', 'fatalities'].includes(w) || casualties || (['bodies', 'corpses'].includes(w) && recovered)) {
      let j = i - 1;
      while (j > i - 3 && (pos[j] === 'ADJ' || (casualties && pos[j] === 'PROPN'))) j--;
      // "thousands of casualties", "hundreds of deaths".
      if (view.v(j) === 'of' && numberAtVague(view, j - 1)) j--;
      let first = j;
      while (first > 0 && (view.count(first - 1)?.last ?? -1) >= j) first--;
      const c = view.count(first);
      if (c && c.last === j) {
        if (casualties) out.push({ kind: 'combined', of: ['casualties'], figure: view.figure(first, c.last, c.value), fig: first, first, last: i });
        else out.push({ kind: 'killed', figure: view.figure(first, c.last, c.value), fig: first, first, last: i });
      }
    }
  }
  totalTolls(view, out);
}

/** A vague amount ends at token k ("thousands", "hundreds of thousands"). */
function numberAtVague(view: TollView, k: number): boolean {
  return /^(?:dozens|scores|hundreds|thousands|millions)$/.test(view.v(k));
}

/** "41 Britons", "12 Americans": a figure of one nationality, a part of an event's toll. */
function groupOf(view: TollView, found: Found[]): { group?: string } {
  for (const f of found) {
    const c = view.count(f.fig);
    const k = (c?.last ?? -2) + 1;
    const w = view.s.values[k] ?? '';
    if (view.s.pos[k] === 'PROPN' && /^\p{Lu}\p{Ll}+s$/u.test(w) && view.person(k)) return { group: w };
  }
  return {};
}

/** One statement: its figures by kind. */
type Slots = Partial<Record<TollKind, Found>>;

/** Groups the figures of one statement ("129 dead and hundreds wounded", "32 … dead and 160 were missing, bringing the total … to 192"). */
function pair(found: Found[]): Slots[] {
  const sorted = [...found].sort((x, y) => x.first - y.first);
  const out: Slots[] = [];
  let prevLast = -100;
  for (const f of sorted) {
    const prev = out[out.length - 1];
    if (prev && !prev[f.kind] && f.first - prevLast <= 12) prev[f.kind] = f;
    else out.push({ [f.kind]: f });
    prevLast = Math.max(prevLast, f.last);
  }
  return out;
}

const AFFECTED_KINDS = ['trapped', 'rescued', 'homeless', 'displaced'] as const;

/** The figures of a statement as a mention stores them. */
function figuresOf(p: Slots): Pick<TollMention, 'killed' | 'wounded' | 'missing' | 'combined' | 'affected'> {
  const out: Pick<TollMention, 'killed' | 'wounded' | 'missing' | 'combined' | 'affected'> = { killed: p.killed?.figure ?? null, wounded: p.wounded?.figure ?? null };
  if (p.missing) out.missing = p.missing.figure;
  if (p.combined) out.combined = { ...p.combined.figure, of: p.combined.of ?? [] };
  const affected = AFFECTED_KINDS.flatMap((k) => (p[k] ? [{ kind: k, figure: p[k].figure }] : []));
  if (affected.length) out.affected = affected;
  return out;
}

type Stated = Omit<TollMention, 'sentence'>;

function withEvent(base: Omit<TollMention, 'sentence' | 'at' | 'range'>, ev: TollEvent | undefined, span: [number, number], before?: TollEvent): Stated {
  if (ev) {
    const { event, head, kinds, places } = ev;
    return { ...base, event, head, kinds, places, at: ev.start, range: [Math.min(ev.start, span[0]), Math.max(ev.end, span[1])] };
  }
  if (before) {
    const { event, head, kinds, places } = before;
    return { ...base, event, head, kinds, places, eventBefore: true, at: span[0], range: span };
  }
  return { ...base, at: span[0], range: span };
}

function sentenceTolls(s: SentenceTokens, prev: SentenceTokens | undefined): Stated[] {
  const view = new TollView(s);
  const found: Found[] = [];
  subjectTolls(view, found);
  objectTolls(view, found);
  nounTolls(view, found);
  // One statement per figure: the same figure found by two rules is kept once. Not a crime told in court ("convicted of killing two").
  const court = courtFrom(s.sentence.text);
  const seen = new Set<number>();
  const unique = found.filter((f) => !seen.has(f.fig) && Boolean(seen.add(f.fig)) && s.offsets[f.first]! < court);
  // The event named by the previous sentence, for a short sentence that names none and so continues
  // it ("A fire broke out at the plant. One person was killed.").
  const eventBefore = () =>
    prev && s.values.length <= SHORT ? eventOf(new TollView(prev), { first: prev.values.length, last: prev.values.length }, { anywhere: true }) : undefined;
  const out: Stated[] = [];
  const { offsets, values } = s;
  const marks = { ...(isUpdate(s.sentence.text) ? { update: true as const } : {}), ...(historical(s.sentence.text) ? { historical: true as const } : {}) };
  for (const p of pair(unique)) {
    const all = Object.values(p);
    const first = Math.min(...all.map((f) => f.first));
    const last = Math.max(...all.map((f) => f.last));
    const span: [number, number] = [offsets[first]!, offsets[last]! + values[last]!.length];
    const ev = eventOf(view, { first, last });
    const stated = withEvent({ ...figuresOf(p), ...marks, ...groupOf(view, all) }, ev, span, ev ? undefined : eventBefore());
    // Where the toll was counted: "killed in Indonesia", "In India, where more than 2,000 … died".
    const where = [...(placePhrase(view, last + 1)?.places ?? []), ...(view.v(0) === 'in' ? (placePhrase(view, 0)?.places ?? []) : [])];
    if (where.length) stated.places = [...new Set([...(stated.places ?? []), ...where])];
    out.push(stated);
  }
  // People named as victims, no figure: "also injured Interior Minister Abdallah al-Rassi and the pilot".
  if (!out.length) {
    const v = victimsOf(view);
    if (v && offsets[v.first]! < court) {
      const span: [number, number] = [offsets[v.first]!, offsets[v.last]! + values[v.last]!.length];
      const ev = eventOf(view, { first: v.first, last: v.last });
      out.push(withEvent({ killed: null, wounded: null, victims: { kind: v.kind, names: v.names } }, ev, span, ev ? undefined : eventBefore()));
    }
  }
  const m = out.length ? null : NO_CASUALTIES.exec(s.sentence.text);
  if (m) {
    const tok = Math.max(0, offsets.findIndex((o) => o >= m.index));
    // "An explosion rocked … but there were no immediate reports of casualties": the event may be in the other clause.
    const ev = eventOf(view, { first: tok, last: tok }, { loose: true, anywhere: true });
    const stated = withEvent({ killed: null, wounded: null, none: true }, ev, [m.index, m.index + m[0].length], ev ? undefined : eventBefore());
    // "No one died, it's not a big story": with no event, an anecdote, not a report.
    if (stated.event) out.push(stated);
  }
  return out;
}

/** Tolls stated in an article: one mention per toll statement, in reading order. */
export function extractTolls(article: ArticleTokens): TollMention[] {
  const out: TollMention[] = [];
  const yearDated = new Set<number>();
  article.sentences.forEach((s, k) => {
    if (s.entities.some((e) => e.type === 'DATE' && /\b(?:1[89]|20)\d\d\b/.test(e.value))) yearDated.add(s.sentence.index);
    if (!TRIGGER.test(s.sentence.text)) return;
    for (const m of sentenceTolls(s, article.sentences[k - 1])) out.push({ sentence: s.sentence.index, ...m });
  });
  // A toll whose sentence names no event takes the event of the article's nearest toll that names one
  // (the one before first), else the event its headline names ("Asian quake …"); not a sentence
  // dated by a year of its own ("Mitch killed about 10,000 people … in 1998").
  for (const m of out) {
    if (m.event || m.none || m.historical || m.victims || yearDated.has(m.sentence)) continue;
    const named = out.filter((x) => x.event && !x.eventArticle && !x.historical && x !== m);
    const near = named.sort((a, b) => Math.abs(a.sentence - m.sentence) + (a.sentence > m.sentence ? 0.5 : 0) - (Math.abs(b.sentence - m.sentence) + (b.sentence > m.sentence ? 0.5 : 0)))[0];
    const ev = near ?? headlineEvent(article.meta.title);
    if (!ev?.event || !ev.head) continue;
    Object.assign(m, { event: ev.event, head: ev.head, kinds: ev.kinds ?? [], places: [...new Set([...(ev.places ?? []), ...(m.places ?? [])])], eventArticle: true as const });
  }
  // Trapped, rescued, homeless or displaced people with no event, and victims named with none, are no toll ("the four had been rescued from a legal black hole").
  return out.filter((m) => m.event || (!m.victims && (m.killed || m.wounded || m.missing || m.combined || m.none)));
}

/** The event a headline names by a word of a deadly event of a definite kind ("Asian quake hits European shares"). */
function headlineEvent(title: string | undefined): Pick<TollMention, 'event' | 'head' | 'kinds' | 'places'> | undefined {
  for (const word of title?.match(/\p{L}+/gu) ?? []) {
    const w = word.toLowerCase();
    const kinds = EVENT_CLASSES[w];
    if (!kinds || kinds.includes(ANY_KIND) || kinds.some((k) => k === 'attack' || k === 'war')) continue;
    const head = termOf(w, w, 'word', false);
    if (head) return { event: word, head, kinds, places: [] };
  }
  return undefined;
}
