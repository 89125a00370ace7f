import { termOf } from '../terms.ts';
import { low, type TollView } from './view.ts';
import { CLAUSE_BREAKS, EVENT_CLASSES, NOT_EVENT_MODIFIERS } from './words.ts';

/** Nouns of a toll that name its cause after "from": "deaths from the tsunami", "the toll from the quake". */
const TOLL_NOUNS = new Set(['deaths', 'toll', 'casualties', 'injuries', 'dead', 'died', 'fatalities']);

/** The event a toll belongs to, as the sentence names it. */
export interface TollEvent {
  /** Short and read from the text: "Metrojet flight", "suicide bombing in a Beirut suburb", "assaults … in Paris". */
  event: string;
  /** Search term (stem) of the head noun: finds other sentences naming the same event. */
  head: string;
  /** Kinds of event the head can name ("air", "attack", …): two reports of one event share one. */
  kinds: string[];
  /** Capitalised words of the event's name or place, lower case ("beirut", "metrojet"). */
  places: string[];
  /** Character range of the event's words in the sentence. */
  start: number;
  end: number;
}

export interface EventOptions {
  /** Cross clause boundaries ("An explosion rocked … but no one was hurt"). */
  loose?: boolean;
  /** No distance limit (the event of a previous sentence). */
  anywhere?: boolean;
}

/** Whether token i is an event head: a noun of the lexicon, or a gerund one ("a mass killing", "in fighting"). */
function isEventHead(view: TollView, i: number): boolean {
  const { pos, lemmas } = view.s;
  const known = low(lemmas[i]) in EVENT_CLASSES || view.v(i) in EVENT_CLASSES;
  if (!known) return false;
  // "a wave of bombings", "a new wave of selling": not the sea.
  if (/^waves?$/.test(view.v(i)) && view.v(i + 1) === 'of') return false;
  if (pos[i] === 'NOUN' || pos[i] === 'PROPN') return !['open', 'opened', 'opening'].includes(view.v(i - 1));
  return pos[i] === 'VERB' && /ing$/.test(view.v(i)) && ['DET', 'ADJ', 'ADP', 'NOUN'].includes(pos[i - 1] ?? '');
}

/** The event nearest to the toll's tokens [first..last]: its noun phrase, and a place phrase after it or after the toll. */
export function eventOf(view: TollView, f: { first: number; last: number }, opts: EventOptions = {}): TollEvent | undefined {
  const { values, lemmas, pos, offsets, sentence } = view.s;
  let best: number | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (!isEventHead(view, i)) continue;
    const d = i < f.first ? f.first - i : i > f.last ? i - f.last : 0;
    if (d >= bestDist || (!opts.anywhere && (d > 20 || (i > f.last && d > 14)))) continue;
    // Not across a clause of its own ("… could rise as rescue workers inspect sites from helicopters").
    const [lo, hi] = i < f.first ? [i, f.first] : [f.last, i];
    let crosses = false;
    for (let k = lo + 1; k < hi && !opts.loose; k++) if (CLAUSE_BREAKS.has(view.v(k))) crosses = true;
    // "from helicopters" is no event, "deaths from the tsunami" is.
    const from = (k: number) => view.v(k) === 'from' && TOLL_NOUNS.has(view.v(k - 1));
    const prep = (k: number) => ['from', 'with', 'into'].includes(view.v(k)) && !from(k);
    if (crosses || prep(i - 1) || prep(i - 2)) continue;
    [best, bestDist] = [i, d];
  }
  if (best === undefined) return undefined;
  const h = best;
  // Modifiers before the head ("suicide bombing", "Metrojet flight"), not dates or "last", "worst".
  let a = h;
  while (a > 0 && a > h - 4) {
    const k = a - 1;
    const p = pos[k];
    if (view.excluded[k] || NOT_EVENT_MODIFIERS.has(view.v(k).replace(/'s?$/, '')) || /'/.test(view.v(k)) || (p === 'ADJ' && /est$/.test(view.v(k)))) break;
    if (p === 'NOUN' || p === 'PROPN' || p === 'ADJ') a = k;
    else if (values[k] === '-' && a - 2 >= 0 && pos[a - 2] !== 'PUNCT') a = k - 1;
    else break;
  }
  let b = h;
  while (b < h + 2 && pos[b + 1] === 'NOUN' && !view.excluded[b + 1]) b++;
  // "an explosion and fire at Chernobyl": two event nouns joined.
  if (view.v(b + 1) === 'and' && isEventHead(view, b + 2)) b += 2;
  let text = sentence.text.slice(offsets[a]!, offsets[b]! + values[b]!.length);
  let end = offsets[b]! + values[b]!.length;
  const places = new Set<string>();
  for (let k = a; k <= b; k++) if (pos[k] === 'PROPN' && /^\p{Lu}/u.test(values[k]!) && k !== h) places.add(view.v(k));
  // A place phrase right after the event ("in a Beirut suburb"), else right after the toll ("killed 129 in Paris").
  const found = placePhrase(view, b + 1) ?? (f.last > b ? placePhrase(view, f.last + 1) : undefined) ?? placeAfter(view, b + 1) ?? placeAfter(view, f.last + 1);
  // Not a phrase holding the event's own words ("… and six killed in crashes of Thomas schoolbuses").
  const pp = found && found.first > b ? found : undefined;
  if (pp) {
    const ppEnd = offsets[pp.last]! + values[pp.last]!.length;
    const ppText = sentence.text.slice(offsets[pp.first]!, ppEnd);
    text = pp.first === b + 1 ? `${text} ${ppText}` : `${text} … ${ppText}`;
    if (pp.first === b + 1) end = ppEnd;
    for (const p of pp.places) places.add(p);
  }
  const lemma = low(lemmas[h]) in EVENT_CLASSES ? low(lemmas[h]) : view.v(h);
  return {
    event: text,
    head: termOf(values[h]!, lemmas[h]!, 'word', false) ?? lemma,
    kinds: EVENT_CLASSES[lemma] ?? [],
    places: [...places],
    start: offsets[a]!,
    end,
  };
}

/** The first place phrase a few words on, in the same clause ("a bus plunged into a ravine in southern Peru"). */
function placeAfter(view: TollView, i: number): ReturnType<typeof placePhrase> {
  for (let k = i; k < Math.min(view.s.values.length, i + 8); k++) {
    const w = view.v(k);
    if (w === ',' || w === '.' || CLAUSE_BREAKS.has(w) || view.s.pos[k] === 'SCONJ') return undefined;
    const pp = placePhrase(view, k);
    if (pp) return pp;
  }
  return undefined;
}

/** "in a Beirut suburb", "in Paris", "near Tokyo", "off the coast of Sicily": a place phrase with a proper noun. */
export function placePhrase(view: TollView, i: number): { first: number; last: number; places: string[] } | undefined {
  const { values, pos } = view.s;
  if (!['in', 'near', 'at', 'off'].includes(view.v(i))) return undefined;
  let j = i + 1;
  if (pos[j] === 'DET') j++;
  let last = -1;
  const places: string[] = [];
  for (let k = j; k < Math.min(values.length, j + 6); k++) {
    if (view.excluded[k]) break;
    const p = pos[k];
    if (p === 'PROPN' && /^\p{Lu}/u.test(values[k]!)) {
      places.push(view.v(k));
      last = k;
    } else if (p === 'ADJ' || p === 'NOUN') last = k;
    else if (view.v(k) === 'of' && pos[k + 1] === 'PROPN') continue;
    else break;
  }
  // "at South Africa's … mine": the place is only a possessor; the phrase would misname the event.
  if (view.v(last + 1) === "'s" || view.v(last + 1) === "'") return undefined;
  return places.length && last >= 0 ? { first: i, last, places } : undefined;
}
