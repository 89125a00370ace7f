import { numberAt } from './numbers.ts';
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
} from './tollwords.ts';
import type { SentenceTokens } from './types.ts';

/** A figure as a sentence writes it. */
export interface TollFigure {
  /** null for a vague amount ("hundreds", "dozens"). */
  value: number | null;
  /** The words as written, with their qualifier: "At least 44", "hundreds", "Twenty-five". */
  text: string;
  /** "at least", "more than", "over": the figure is a lower bound. */
  atLeast: boolean;
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
    while (j < i + 5 && j < this.s.values.length) {
      const w = this.v(j);
      const p = pos[j]!;
      if (KILLED_PASSIVE.has(w) || WOUNDED_PASSIVE.has(w) || w === 'missing') break;
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
  predicate(i: number): { kind: 'killed' | 'wounded'; last: number } | undefined {
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
    let kind: 'killed' | 'wounded' | undefined;
    let last = j;
    if (KILLED_PASSIVE.has(w)) kind = 'killed';
    else if (WOUNDED_PASSIVE.has(w)) kind = 'wounded';
    else if (TO_DEATH.has(w) && this.v(j + 1) === 'to' && this.v(j + 2) === 'death') [kind, last] = ['killed', j + 2];
    else if (TO_DEATH.has(w) && (this.v(j + 1) === 'dead' || (w === 'gunned' && this.v(j + 1) === 'down'))) [kind, last] = ['killed', j + 1];
    else if (w === 'lost' && ['their', 'his', 'her'].includes(this.v(j + 1)) && /^li(?:fe|ves)$/.test(this.v(j + 2))) [kind, last] = ['killed', j + 2];
    if (!kind) return undefined;
    const next = last + 1;
    // "dead insects": an adjective before its noun; "killed two people": the figure was not the victims.
    const nounNext = (this.s.pos[next] === 'NOUN' || this.s.pos[next] === 'PROPN') && !['today', 'tonight', 'yesterday'].includes(this.v(next));
    if (w === 'dead' && last === j && nounNext) return undefined;
    if ((w === 'killed' || WOUNDED_PASSIVE.has(w)) && last === j && (this.count(next) || nounNext || ['DET', 'PRON'].includes(this.s.pos[next] ?? ''))) return undefined;
    // "killed or wounded", "dead or missing", "killed, wounded or captured": the kinds cannot be told apart.
    if (this.v(next) === 'or') return undefined;
    if (this.v(next) === ',' && ['wounded', 'injured', 'captured', 'missing', 'hurt', 'killed', 'dead'].includes(this.v(next + 1)) && this.v(next + 2) === 'or') return undefined;
    return { kind, last };
  }
}
