import leven from 'leven';
import type { PersonEntry } from '../facts/people.ts';
import type { SentenceRef } from '../facts/types.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import { fold, TITLES } from '../nlp/gazetteer.ts';
import { nameTokens } from '../nlp/names.ts';
import type { Answer, AnswerOptions, WhoItem, WhoListItem } from './types.ts';

/** The folded words of a name as a user types it, titles and particles left out ("President Obama" → [obama]). */
function queryTokens(query: string): string[] {
  // Particles are left to `nameTokens`, which keeps a given name that is one ("Ben Love").
  const words = query.split(/\s+/).filter((w) => !TITLES.has(fold(w)));
  return nameTokens(words.join(' '));
}

/** A person's name read into words once per entry (entries are fixed once the index is built). */
interface NameWords {
  /** The words of every form of the name. */
  words: Set<string>;
  /** Each form's words, sorted and joined: what a query naming exactly that form gives. */
  forms: Set<string>;
  /** The last word of the shown name. */
  surname: string | undefined;
}
const nameWordsOf = new WeakMap<PersonEntry, NameWords>();

function nameWords(p: PersonEntry): NameWords {
  let w = nameWordsOf.get(p);
  if (!w) {
    const perForm = p.forms.map(nameTokens);
    w = { words: new Set(perForm.flat()), forms: new Set(perForm.map((t) => [...t].sort().join(' '))), surname: nameTokens(p.name).at(-1) };
    nameWordsOf.set(p, w);
  }
  return w;
}

/**
 * The people a typed name refers to, best first: every word of the query is a word of the person's
 * name, in any order ("Abdeslam", "salah abdeslam", "Assad", "President Obama").
 */
function findPeople(people: PersonEntry[], query: string): PersonEntry[] {
  const q = queryTokens(query);
  if (!q.length) return [];
  const key = [...q].sort().join(' ');
  const matches = people.filter((p) => {
    const { words } = nameWords(p);
    return q.every((t) => words.has(t));
  });
  const exact = (p: PersonEntry) => nameWords(p).forms.has(key);
  const surname = (p: PersonEntry) => nameWords(p).surname === q[q.length - 1];
  const rank = (p: PersonEntry) => (exact(p) ? 2 : 0) + (surname(p) ? 1 : 0);
  return matches.sort((a, b) => rank(b) - rank(a) || b.mentions - a.mentions);
}

/** Known names nearest to an unknown one: a word of the name within a few edits of a word typed. */
function suggestPeople(people: PersonEntry[], query: string, limit = 5): string[] {
  const q = queryTokens(query);
  if (!q.length) return [];
  const scored: { name: string; d: number; mentions: number }[] = [];
  for (const p of people) {
    let d = Number.POSITIVE_INFINITY;
    for (const w of nameWords(p).words) for (const t of q) d = Math.min(d, leven(w, t) / Math.max(w.length, t.length));
    if (d <= 0.34) scored.push({ name: p.name, d, mentions: p.mentions });
  }
  return scored
    .sort((a, b) => a.d - b.d || b.mentions - a.mentions)
    .slice(0, limit)
    .map((s) => s.name);
}

/**
 * /who [name]: the people of the corpus, or the sentences about one of them. Reads precomputed people
 * only. `suggest: false` leaves out the names near an unknown one (a caller that falls back to search).
 */
export function answerWho(index: CorpusIndex, query: string, { suggest = true, limit = LIMITS.maxItems }: AnswerOptions & { suggest?: boolean } = {}): Answer {
  const people = index.derived.people;
  const text = (r: SentenceRef) => index.articles.get(r.file)?.sentences[r.sentence]?.text;
  if (query.trim() === '') {
    const items: WhoListItem[] = [];
    for (const p of people) {
      const intro = p.refs[0];
      const quote = intro && text(intro);
      if (!intro || quote === undefined) continue;
      items.push({ name: p.name, role: p.role, mentions: p.mentions, quote, source: intro.file });
      if (items.length >= limit) break;
    }
    if (!items.length) return { command: 'who', query, items, message: 'No people were found in the articles.' };
    return people.length > items.length
      ? { command: 'who', query, items, message: `${people.length} people appear in the articles; these are the ${items.length} mentioned most.` }
      : { command: 'who', query, items };
  }
  const found = findPeople(people, query);
  if (!found.length) {
    const message = `No one called “${query}” appears in the articles.`;
    return suggest ? { command: 'who', query, items: [], message, suggestions: suggestPeople(people, query) } : { command: 'who', query, items: [], message };
  }
  const items: WhoItem[] = [];
  const seen = new Set<string>();
  for (const p of found) {
    for (const r of p.refs) {
      const s = index.articles.get(r.file)?.sentences[r.sentence];
      if (!s || seen.has(s.key)) continue;
      seen.add(s.key);
      items.push({ name: p.name, quote: s.text, source: s.file });
      if (items.length >= limit) break;
    }
    if (items.length >= limit) break;
  }
  const answer: Answer = { command: 'who', query, items };
  if (found.length > 1) answer.message = `“${query}” may be ${found.length} people: ${found.map((p) => p.name).join(', ')}.`;
  return answer;
}
