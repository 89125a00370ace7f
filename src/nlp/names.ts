import { fold, isGivenName, PARTICLES } from './gazetteer.ts';

/** Particles that are far more often a given name when they open a name in English news ("Ben", "Al"). */
const GIVEN_PARTICLES = new Set(['ben', 'al']);

/** Generational suffixes, dropped from name keys: "Martin Luther King Jr." is "martin luther king". */
const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/**
 * The words that identify a name, folded, in order, without particles, initials and suffixes:
 * "Bashar al-Assad" → [bashar, assad], "George H.W. Bush" → [george, bush], "al-Assad" → [assad].
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  const words = name.split(/\s+/);
  words.forEach((word, k) => {
    const parts = fold(word).replace(/['’]s$/, '').split('-').filter(Boolean);
    while (parts.length > 1 && PARTICLES.has(parts[0]!)) parts.shift();
    const w = parts.join('-');
    // "Ben Love", "Al Gore": a particle that is also a common given name opens a name as the given name.
    const given = k === 0 && words.length > 1 && GIVEN_PARTICLES.has(w) && /^\p{Lu}/u.test(word);
    if (!w || (PARTICLES.has(w) && !given) || NAME_SUFFIXES.has(w) || w.includes('.') || w.length === 1) return;
    out.push(w);
  });
  return out;
}

/**
 * The initial a name opens with when the rest is one surname: "S. Fleming" → "s", "J.R. Ewing" → "j".
 * `nameTokens` leaves initials out; this keeps what they say, so that "S. Fleming" can join "Stephen
 * Fleming" and never "Damien Fleming".
 */
export function nameInitial(name: string): string | undefined {
  // An initial is written with a full stop.
  if (!name.includes('.')) return undefined;
  const words = name.split(/\s+/);
  const m = /^(\p{Lu})\.(?:\p{Lu}\.)*$/u.exec(words[0] ?? '');
  return m && words.length > 1 && nameTokens(name).length === 1 ? fold(m[1]!) : undefined;
}

/** A full name agrees with an initial and a surname: its first word starts with the initial, its last is the surname. */
export const fitsInitial = (initial: string, surname: string, tokens: string[]): boolean =>
  tokens.length > 1 && tokens[0]!.startsWith(initial) && tokens[tokens.length - 1] === surname;

/** The same words in any order: "Salah Abdeslam" and "Abdeslam Salah" share a key. */
export function nameKey(tokens: string[]): string {
  // One or two words (most names): no array to sort.
  if (tokens.length === 1) return tokens[0]!;
  if (tokens.length === 2) return tokens[0]! <= tokens[1]! ? `${tokens[0]} ${tokens[1]}` : `${tokens[1]} ${tokens[0]}`;
  return [...tokens].sort().join(' ');
}

/**
 * People indexed by the words of their names, to resolve a mention to the one person it fits: the
 * same name in any word order, a part of a longer name ("Bashar Assad" ⊂ "Bashar Hafez Assad"), or
 * a lone word: the surname ("Assad"), else another word of the name when only one person has it and
 * it is not a common given name ("Abdeslam" for "Abdeslam Salah").
 */
export class NameIndex<P extends { tokens: string[] }> {
  private readonly byKey = new Map<string, P[]>();
  private readonly byToken = new Map<string, P[]>();

  add(p: P): P {
    push(this.byKey, nameKey(p.tokens), p);
    for (const t of new Set(p.tokens)) push(this.byToken, t, p);
    return p;
  }

  /** Every person whose name has this word. */
  withWord(token: string): P[] {
    return this.byToken.get(token) ?? [];
  }

  /**
   * The one person an initial and a surname ("S. Fleming") refer to: the one full name that fits, else
   * the one person written with the same initial.
   */
  resolveInitial(initial: string, surname: string, initialOf: (p: P) => string | undefined): P | undefined {
    const people = this.withWord(surname);
    const full = people.filter((p) => fitsInitial(initial, surname, p.tokens));
    if (full.length) return full.length === 1 ? full[0] : undefined;
    const same = people.filter((p) => p.tokens.length === 1 && initialOf(p) === initial);
    return same.length === 1 ? same[0] : undefined;
  }

  /** Every person the words may refer to; `exact` when one has exactly these words. */
  candidates(tokens: string[]): { exact: boolean; people: P[] } {
    const exact = this.byKey.get(nameKey(tokens));
    const longer = (this.byToken.get(tokens[0]!) ?? []).filter((p) => p.tokens.length > tokens.length && tokens.every((t) => p.tokens.includes(t)));
    if (exact) {
      // A surname alone known both alone ("D. Fleming") and in a full name ("Stephen Fleming") may be either.
      const surnamed = tokens.length === 1 ? longer.filter((p) => p.tokens[p.tokens.length - 1] === tokens[0]) : [];
      return surnamed.length ? { exact: false, people: [...exact, ...surnamed] } : { exact: true, people: exact };
    }
    if (tokens.length > 1 || longer.length < 2) return { exact: false, people: longer };
    const t = tokens[0]!;
    const bySurname = longer.filter((p) => p.tokens[p.tokens.length - 1] === t);
    return { exact: false, people: bySurname.length ? bySurname : longer };
  }

  /** The one person the words refer to, if exactly one fits. */
  resolve(tokens: string[]): P | undefined {
    if (!tokens.length) return undefined;
    const { exact, people } = this.candidates(tokens);
    if (people.length !== 1) return undefined;
    const p = people[0]!;
    if (exact || tokens.length > 1) return p;
    const t = tokens[0]!;
    return p.tokens[p.tokens.length - 1] === t || !isGivenName(t) ? p : undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The form to show: a full name before an initial and surname, before a lone word, then the one written most, then the longer. */
export function displayForm(forms: Map<string, number>): string {
  let best = '';
  let bestScore = -1;
  for (const [form, n] of forms) {
    // An initial with the surname ("S. Fleming") says more than the surname alone.
    const score = (nameTokens(form).length > 1 ? 1e9 : 0) + (nameInitial(form) ? 1e8 : 0) + n * 1000 + Math.min(form.length, 999);
    if (score > bestScore) [best, bestScore] = [form, score];
  }
  return best;
}
