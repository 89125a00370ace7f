import { numberAt } from '../numbers.ts';
import {
  CHAIN,
  isPersonNoun,
  KILLED_PASSIVE,
  MODALS,
  NEGATIONS,
  NP_GLUE,
  QUALIFIERS,
  TO_DEATH,
  WOUNDED_PASSIVE,
} from './words.ts';

/** "were hospitalised": wounded. */
const HOSPITALISED = new Set(['hospitalised', 'hospitalized']);
/** People counted with the event and never added into the dead. */
const AFFECTED: Record<string, TollKind> = { trapped: 'trapped', rescued: 'rescued', homeless: 'homeless', displaced: 'displaced' };
/** Words joined by "or" into one combined figure. */
const COMBINABLE = new Set(['killed', 'dead', 'wounded', 'injured', 'hurt', 'missing', 'captured', 'unaccounted', 'died']);
import type { SentenceTokens } from '../types.ts';

/** A figure as a sentence writes it. */
export interface TollFigure {
  /** null for a vague amount ("hundreds", "dozens"). */
  value: number | null;
  /** The words as written, with their qualifier: "At least 44", "hundreds", "Twenty-five". */
  text: string;
  /** "at least", "more than", "over": the figure is a lower bound. */
  atLeast: boolean;
}

/**
 * What a figure counts. `combined` is one figure of several kinds together ("dead or missing",
 * "killed or wounded", "casualties"); trapped, rescued, homeless and displaced people are shown with
 * the event and never added into the dead.
 */
export type TollKind = 'killed' | 'wounded' | 'missing' | 'combined' | 'trapped' | 'rescued' | 'homeless' | 'displaced';

/** What a predicate says of the people before it. */
export interface Predicate {
  kind: TollKind;
  last: number;
  /** For a combined figure, the kinds as written ("dead", "missing"). */
  of?: string[];
}

/** wink entities whose numbers are never head counts. */
const NOT_COUNTS = new Set(['DATE', 'TIME', 'DURATION', 'MONEY', 'PERCENT', 'ORDINAL']);
const PRONOUN_HEADS = new Set(['others', 'them', 'whom', 'those']);

export const low = (s: string | undefined) => (s ?? '').toLowerCase();

/** One sentence's tokens with the readings every toll rule needs: counts, people, predicates. */
export class TollView {
  /** Tokens inside a date, time, duration, money or percentage: their numbers are not head counts. */
  readonly excluded: boolean[];
  constructor(readonly s: SentenceTokens) {
    this.excluded = s.values.map(() => false);
    for (const e of s.entities) {
      if (!NOT_COUNTS.has(e.type)) continue;
      for (let k = e.first; k <= e.last; k++) this.excluded[k] = true;
    }
  }

  /** Token i in lower case ('' out of range). */
  v(i: number): string {
    return low(this.s.values[i]);
  }

  person(i: number): boolean {
    return isPersonNoun(this.s.lemmas[i] ?? '', this.s.values[i] ?? '', this.s.pos[i] ?? '');
  }

  /** A head count starting at token i: not part of a date, duration, money, percentage or "26-year-old". */
  count(i: number): { value: number | null; last: number } | undefined {
    if (this.excluded[i] || this.s.types[i] === 'punctuation') return undefined;
    const n = numberAt(this.s.values, i);
    if (!n || this.excluded[n.last]) return undefined;
    if (this.s.values[n.last + 1] === '-') return undefined;
    const prev = this.v(i - 1);
    if (prev === 'no' || prev === 'aged' || prev === 'ages' || (prev === '-' && this.v(i - 2) === 'no')) return undefined;
    // "six people including four policemen": a part of a toll already counted.
    if (prev === 'including' || this.v(i - 2) === 'including') return undefined;
    // A year ("in 1985") is not a count.
    if (n.value !== null && /^(?:1[89]|20)\d\d$/.test(this.s.values[i]!) && !this.person(n.last + 1)) return undefined;
    return n;
  }

  /** The figure spanning tokens [first..last], with the qualifier written before it. */
  figure(first: number, last: number, value: number | null): TollFigure {
    let start = first;
    let atLeast = false;
    for (const [words, bound] of QUALIFIERS) {
      const k = first - words.length;
      if (k >= 0 && words.every((w, j) => this.v(k + j) === w)) {
        start = k;
        atLeast = bound;
        break;
      }
    }
    const { offsets, values, sentence } = this.s;
    return { value, text: sentence.text.slice(offsets[start]!, offsets[last]! + values[last]!.length), atLeast };
  }

  /**
   * Skips the noun phrase after a figure ("people", "of its personnel", "black youths", "others on
   * board", "soldiers and guerrillas", ", including three soldiers,"). Returns the next token index,
   * or undefined when the phrase names something other than people ("raids", "insects", "km").
   */
  skipPeople(i: number): number | undefined {
    const { pos } = this.s;
    let j = i;
    let head: number | undefined;
    while (j < i + 7 && j < this.s.values.length) {
      const w = this.v(j);
      const p = pos[j]!;
      if (KILLED_PASSIVE.has(w) || WOUNDED_PASSIVE.has(w) || w === 'missing' || w === 'trapped' || w === 'homeless') break;
      // "killed 137 people Thursday and Friday": a date ends the noun phrase.
      if (this.excluded[j]) break;
      if (w === 'on' && this.v(j + 1) === 'board') {
        j += 2;
        continue;
      }
      if (NP_GLUE.has(w)) {
        if (PRONOUN_HEADS.has(w)) head = j;
        j++;
        continue;
      }
      if (p === 'ADJ' || p === 'NOUN' || p === 'PROPN' || (p === 'NUM' && NP_GLUE.has(this.v(j - 1)))) {
        if (p === 'NOUN' || p === 'PROPN') head = j;
        j++;
        continue;
      }
      // "soldiers and guerrillas": more people joined by "and".
      if (w === 'and' && head !== undefined && this.person(j + 1)) {
        j++;
        continue;
      }
      // "30 guerrillas and 12 government soldiers were killed": another count of people joined by "and".
      const more = w === 'and' && head !== undefined ? this.count(j + 1) : undefined;
      const after = more ? this.skipPeople(more.last + 1) : undefined;
      if (after !== undefined && after > (more?.last ?? j) + 1) {
        j = after;
        break;
      }
      break;
    }
    // "At least six persons, including three soldiers, were …": skip the inclusion.
    const comma = this.v(j) === ',';
    if (this.v(j + (comma ? 1 : 0)) === 'including') {
      for (let k = j + 2; k < Math.min(this.s.values.length, j + 10); k++) {
        const w = this.v(k);
        if (comma ? w === ',' : CHAIN.has(w) || KILLED_PASSIVE.has(w) || WOUNDED_PASSIVE.has(w)) {
          j = comma ? k + 1 : k;
          break;
        }
      }
    }
    if (head !== undefined && !PRONOUN_HEADS.has(this.v(head)) && !this.person(head)) return undefined;
    return j;
  }

  /** The predicate at token i after a subject: "were killed", "dead", "feared dead", "shot to death". */
  predicate(i: number): Predicate | undefined {
    let j = i;
    while (j < i + 6 && CHAIN.has(this.v(j))) {
      if (this.v(j) === 'to' && this.v(j + 1) === 'death') break;
      j++;
    }
    for (let k = i; k < j; k++) {
      const w = this.v(k);
      if (NEGATIONS.has(w) || (MODALS.has(w) && w !== 'to')) return undefined;
      if (w === 'to' && !['have', 'be', 'been'].includes(this.v(k + 1))) return undefined;
    }
    const w = this.v(j);
    let kind: TollKind | undefined;
    let last = j;
    if (KILLED_PASSIVE.has(w)) kind = 'killed';
    else if (WOUNDED_PASSIVE.has(w) || HOSPITALISED.has(w)) kind = 'wounded';
    else if (w === 'treated' && (this.v(j + 1) === 'for' || (this.v(j + 1) === 'in' && /^hospitals?$/.test(this.v(j + 2)))) && !this.excluded[j + 2]) [kind, last] = ['wounded', j + 1];
    else if ((w === 'taken' || w === 'rushed' || w === 'admitted') && this.v(j + 1) === 'to' && /^hospitals?$/.test(this.v(j + 2))) [kind, last] = ['wounded', j + 2];
    else if (w === 'missing') kind = 'missing';
    else if (w === 'unaccounted' && this.v(j + 1) === 'for') [kind, last] = ['missing', j + 1];
    else if (AFFECTED[w]) kind = AFFECTED[w];
    else if (TO_DEATH.has(w) && this.v(j + 1) === 'to' && this.v(j + 2) === 'death') [kind, last] = ['killed', j + 2];
    else if (TO_DEATH.has(w) && (this.v(j + 1) === 'dead' || (w === 'gunned' && this.v(j + 1) === 'down'))) [kind, last] = ['killed', j + 1];
    else if (w === 'lost' && ['their', 'his', 'her'].includes(this.v(j + 1)) && /^li(?:fe|ves)$/.test(this.v(j + 2))) [kind, last] = ['killed', j + 2];
    if (!kind) return undefined;
    const next = last + 1;
    // "killed or wounded", "dead or missing", "dead or presumed dead", "killed, wounded or captured": one figure of the kinds together.
    const combined = this.combinedAfter(j, last);
    if (combined) return combined;
    // "dead insects": an adjective before its noun; "killed two people": the figure was not the victims.
    const nounNext = (this.s.pos[next] === 'NOUN' || this.s.pos[next] === 'PROPN') && !['today', 'tonight', 'yesterday'].includes(this.v(next));
    if ((w === 'dead' || w === 'missing' || w === 'homeless') && last === j && nounNext) return undefined;
    if ((w === 'killed' || WOUNDED_PASSIVE.has(w) || kind === 'rescued' || kind === 'trapped') && last === j && (this.count(next) || nounNext || ['DET', 'PRON'].includes(this.s.pos[next] ?? ''))) return undefined;
    if (this.v(next) === 'or') return undefined;
    return { kind, last };
  }

  /**
   * "killed or wounded", "dead or missing", "dead or presumed dead", "killed, wounded or captured":
   * the predicate word at j (ending at last) joined by "or" to other kinds. Undefined when it is not.
   */
  combinedAfter(j: number, last: number): Predicate | undefined {
    const of = [this.v(j)];
    let k = last + 1;
    while (this.v(k) === ',' && COMBINABLE.has(this.v(k + 1))) {
      of.push(this.v(k + 1));
      k += 2;
    }
    if (this.v(k) !== 'or') return undefined;
    let m = k + 1;
    // "dead or presumed dead", "dead or feared dead", "killed or missing".
    if (['presumed', 'feared', 'believed'].includes(this.v(m)) && COMBINABLE.has(this.v(m + 1))) m++;
    if (!COMBINABLE.has(this.v(m)) && this.v(m) !== 'unaccounted') return undefined;
    of.push(this.s.sentence.text.slice(this.s.offsets[k + 1]!, this.s.offsets[m]! + this.s.values[m]!.length).toLowerCase());
    return { kind: 'combined', last: this.v(m) === 'unaccounted' && this.v(m + 1) === 'for' ? m + 1 : m, of };
  }
}
