import { eventOf, type TollEvent } from './tollevents.ts';
import { type TollFigure, TollView } from './tollview.ts';
import { isQualifierWord, KILL_ACTIVE, MODALS, NEGATIONS, WOUND_ACTIVE } from './tollwords.ts';
import type { ArticleTokens, SentenceTokens } from './types.ts';

export type { TollFigure } from './tollview.ts';

/**
 * A toll of dead or wounded (or a statement that there were none) made by one sentence, found at
 * indexing. Stored in the snapshot; the corpus-level grouping is `buildTolls` in `answers/casualties.ts`.
 */
export interface TollMention {
  /** Index of the sentence in its article. */
  sentence: number;
  killed: TollFigure | null;
  wounded: TollFigure | null;
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
  /** Character offset the toll is anchored at (its event, else its figure), and the range of the event and the toll. */
  at: number;
  range: [number, number];
}

/** Cheap test before any token work: a sentence with none of these words states no toll. */
const TRIGGER = /kill|dead|die[ds]?\b|death|wound|injur|hurt|casualt|fatalit|drown|toll|perish|bod(?:y|ies)|lives|slain/i;

/** "No deaths were reported", "no one was hurt", "there were no casualties", "none of the passengers was injured". */
const NO_CASUALTIES =
  /\b(?:no(?:body| one|-one)?|none(?: of the(?: \w+){1,3})?)(?: (?:immediate|other|further|known|serious|official|confirmed|reported|reports? of|word of|else))* (?:(?:was|were|had been|has been|have been|is|are) )?(?:(?:seriously|badly|critically|immediately|reportedly) )?(?:killed|dead|died|deaths|casualties|fatalities|injuries|injured|hurt|wounded)\b|\bno loss of life\b|\bno lives were lost\b/i;

/** Tokens of a sentence short enough to continue the previous one rather than tell something new. */
const SHORT = 12;

interface Found {
  kind: 'killed' | 'wounded';
  figure: TollFigure;
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
    let p = view.predicate(after);
    // "were knifed and shot to death": a first verb joined by "and" before the predicate.
    if (!p && view.s.pos[after + 1] === 'VERB' && ['were', 'was'].includes(view.v(after)) && view.v(after + 2) === 'and') p = view.predicate(after + 3);
    if (!p) continue;
    out.push({ kind: p.kind, figure: view.figure(i, c.last, c.value), fig: i, first: i, last: p.last });
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
    if (before[0] === 'or' || view.v(i + 1) === 'or') continue;
    let j = i + 1;
    while (j < i + 4 && isQualifierWord(view.v(j))) j++;
    const c = view.count(j);
    if (!c) continue;
    if (claim) {
      if (/^lives?$/.test(view.v(c.last + 1))) out.push({ kind: 'killed', figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last + 1 });
      continue;
    }
    const after = view.skipPeople(c.last + 1);
    // "killed 12 km from …": a unit, not people.
    if (after === undefined || (view.s.pos[after] === 'NOUN' && after === c.last + 1)) continue;
    out.push({ kind: kill ? 'killed' : 'wounded', figure: view.figure(j, c.last, c.value), fig: j, first: i, last: c.last });
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
    if (['deaths', 'fatalities'].includes(w) || (['bodies', 'corpses'].includes(w) && recovered)) {
      let j = i - 1;
      while (j > i - 3 && pos[j] === 'ADJ') j--;
      let first = j;
      while (first > 0 && (view.count(first - 1)?.last ?? -1) >= j) first--;
      const c = view.count(first);
      if (c && c.last === j) out.push({ kind: 'killed', figure: view.figure(first, c.last, c.value), fig: first, first, last: i });
    }
  }
}

/** Pairs a wounded figure with the killed figure of the same statement ("129 dead and hundreds wounded"). */
function pair(found: Found[]): { killed?: Found; wounded?: Found }[] {
  const sorted = [...found].sort((x, y) => x.first - y.first);
  const out: { killed?: Found; wounded?: Found }[] = [];
  for (const f of sorted) {
    const prev = out[out.length - 1];
    const prevF = prev?.killed ?? prev?.wounded;
    if (prev && prevF && !prev[f.kind] && f.first - prevF.last <= 12) prev[f.kind] = f;
    else out.push({ [f.kind]: f });
  }
  return out;
}

type Stated = Omit<TollMention, 'sentence'>;

function withEvent(base: Pick<TollMention, 'killed' | 'wounded' | 'none'>, ev: TollEvent | undefined, span: [number, number], before?: TollEvent): Stated {
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
  // One statement per figure: the same figure found by two rules is kept once.
  const seen = new Set<number>();
  const unique = found.filter((f) => !seen.has(f.fig) && Boolean(seen.add(f.fig)));
  // The event named by the previous sentence, for a short sentence that names none and so continues
  // it ("A fire broke out at the plant. One person was killed.").
  const eventBefore = () =>
    prev && s.values.length <= SHORT ? eventOf(new TollView(prev), { first: prev.values.length, last: prev.values.length }, { anywhere: true }) : undefined;
  const out: Stated[] = [];
  const { offsets, values } = s;
  for (const p of pair(unique)) {
    const first = Math.min(p.killed?.first ?? Infinity, p.wounded?.first ?? Infinity);
    const last = Math.max(p.killed?.last ?? -1, p.wounded?.last ?? -1);
    const span: [number, number] = [offsets[first]!, offsets[last]! + values[last]!.length];
    const ev = eventOf(view, { first, last });
    out.push(withEvent({ killed: p.killed?.figure ?? null, wounded: p.wounded?.figure ?? null }, ev, span, ev ? undefined : eventBefore()));
  }
  const m = out.length ? null : NO_CASUALTIES.exec(s.sentence.text);
  if (m) {
    const tok = Math.max(0, offsets.findIndex((o) => o >= m.index));
    // "An explosion rocked … but there were no immediate reports of casualties": the event may be in the other clause.
    const ev = eventOf(view, { first: tok, last: tok }, { loose: true, anywhere: true });
    out.push(withEvent({ killed: null, wounded: null, none: true }, ev, [m.index, m.index + m[0].length], ev ? undefined : eventBefore()));
  }
  return out;
}

/** Tolls stated in an article: one mention per toll statement, in reading order. */
export function extractTolls(article: ArticleTokens): TollMention[] {
  const out: TollMention[] = [];
  article.sentences.forEach((s, k) => {
    if (!TRIGGER.test(s.sentence.text)) return;
    for (const m of sentenceTolls(s, article.sentences[k - 1])) out.push({ sentence: s.sentence.index, ...m });
  });
  return out;
}
