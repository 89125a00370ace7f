import { fold, isRoleNoun, NOT_NAMES, PARTICLES, TITLES } from './gazetteer.ts';
import { displayForm, NameIndex, nameInitial, nameKey, } from './names.ts';
import {
  ARTICLES,
  isHyphen,
  isTitle,
  lowerWordsOf,
  upperFirst,
  type Word,
  WordPool,
  wordsOf,
} from './person-words.ts';
import { personModel } from './people/model.ts';
import { type NameSpan, tag } from './people/perceptron.ts';
import { type Candidate, candidate, candidatesOf, thingCue, thingName, tokensOf } from './person-candidates.ts';
import type { ArticleTokens, SentenceTokens } from './types.ts';

/**
 * One mention of a person in one sentence of an article (or, with `org`, a name the article gives
 * an organisation). wink's model has no PERSON entity: names are found by the person tagger
 * (src/nlp/people/, trained on annotated newswire) and by proper-noun runs, then read with what
 * surrounds them (a title, an appositive, an age, "who", a verb of saying), minus places, countries
 * and organisations.
 */
export interface PersonMention {
  /** The person's fullest name in this article, as written ("Bashar al-Assad" for a later "Assad"). */
  name: string;
  /** Index of the sentence in its article. */
  sentence: number;
  /** A role read from the text around the mention (title before, appositive after), if any. */
  role?: string;
  /**
   * The article alone does not show this name to be a person's ("Volcker said", a full name with no
   * title): it counts only if the corpus knows the person from elsewhere.
   */
  weak?: true;
  /** The article writes this name as a company's ("Morgan Stanley and Co Inc"): evidence against a person. */
  org?: true;
}

/** A person as one article names them. */
interface ArticlePerson {
  tokens: string[];
  forms: Map<string, number>;
  /** "s" for a person the article names only as "S. Fleming". */
  initial?: string | undefined;
  /** `displayForm(forms)`, once the forms are all known. */
  display?: string;
}

/** Word objects reused from article to article: nothing keeps an article's words beyond it. */
const POOL = new WordPool();

/** People mentioned in an article, each mention under the person's fullest name in the article. */
export function extractPeople(article: ArticleTokens): PersonMention[] {
  // One reading of the words serves both passes: the words the article writes in lower case (which
  // the tagger reads) are gathered as the words are read.
  const lowerWords = new Set<string>();
  const sentences = article.sentences;
  const words: (Word[] | undefined)[] = new Array(sentences.length);
  POOL.free();
  for (let k = 0; k < sentences.length; k++) {
    const st = sentences[k]!;
    // A sentence capitalised only in its first word is read for its lower-case words alone, first.
    if (capitalOnlyFirst(st)) lowerWordsOf(st, lowerWords);
    else words[k] = wordsOf(st, POOL, lowerWords);
  }
  const ctx = { lowerWords };
  const model = personModel();
  const all: Candidate[] = [];
  for (let k = 0; k < sentences.length; k++) {
    const st = sentences[k]!;
    let ws = words[k];
    if (ws === undefined) {
      if (!firstMayName(st, lowerWords)) continue;
      ws = wordsOf(st, POOL);
    }
    for (const c of combine(st, ws, candidatesOf(st, ws), tag(model, ws, ctx))) all.push(c);
  }
  const out: PersonMention[] = [];
  const seen = new Map<string, PersonMention>();
  // Names this article gives organisations: they neither establish nor take a person here.
  const orgKeys = new Set<string>();
  for (const c of all) {
    if (!c.org || !c.tokens.length) continue;
    if (c.modifier) {
      emit(seen, out, { name: c.text, sentence: c.sentence, org: true });
      continue;
    }
    orgKeys.add(nameKey(c.tokens));
    // Full names, and a lone word that is the whole name ("Mannesmann AG"); not a leading word
    // ("Jefferies" of Jefferies Group), too common to hold against a person.
    if (c.tokens.length > 1 || c.whole) emit(seen, out, { name: c.text, sentence: c.sentence, org: true });
  }
  const cands = all.filter((c) => c.veto !== 'hard' && c.tokens.length > 0 && !orgKeys.has(nameKey(c.tokens)));
  // People the article shows, longer names first so that a lone surname joins its full name.
  const people = new NameIndex<ArticlePerson>();
  // "S. Fleming" is the one Fleming whose given name starts with S; a lone "Fleming", the one Fleming.
  for (const c of cands.filter((x) => x.strong).sort((a, b) => b.tokens.length - a.tokens.length || initialFirst(b) - initialFirst(a))) {
    const p = find(people, c) ?? people.add({ tokens: c.tokens, forms: new Map(), initial: nameInitial(c.text) });
    if (c.tokens.length > 1 || p.tokens.length === 1) p.forms.set(c.text, (p.forms.get(c.text) ?? 0) + 1);
  }
  for (const c of cands) {
    const p = find(people, c);
    if (p) {
      p.display ??= displayForm(p.forms);
      const m: PersonMention = { name: p.display || c.text, sentence: c.sentence };
      if (c.role) m.role = c.role;
      emit(seen, out, m);
    } else if (!c.det && !c.veto && (c.weak || c.tokens.length > 1)) {
      emit(seen, out, { name: c.text, sentence: c.sentence, weak: true });
    }
  }
  return out;
}

/**
 * No word after the first is capitalised or a name particle: nothing in the sentence can be a
 * name but its first word (most sentences of news have a capital further on).
 */
function capitalOnlyFirst(st: SentenceTokens): boolean {
  const v = st.values;
  for (let i = 1; i < v.length; i++) {
    const w = v[i]!;
    const c = w.charCodeAt(0);
    if (c < 97 || c > 122) {
      // Beyond ASCII: a capital, or a quotation mark before one.
      if ((c >= 65 && c <= 90) || c >= 128) return false;
    } else if (w.length <= 5 && PARTICLES.has(w)) return false;
  }
  return true;
}

/**
 * In a sentence capitalised only in its first word, that word may still open a name for the rules
 * (a proper noun, a title) or the tagger (a word the article never writes in lower case), or be
 * joined to the next by a hyphen. Otherwise ("The", "But") the sentence has no candidate at all.
 */
function firstMayName(st: SentenceTokens, lowerWords: Set<string>): boolean {
  const first = st.values[0];
  if (first === undefined || !upperFirst(first)) return false;
  if (st.values.length > 1 && isHyphen(st.values[1]!)) return true;
  const lower = fold(first);
  return !lowerWords.has(lower) || (st.pos[0] === 'PROPN' && !NOT_NAMES.has(lower)) || TITLES.has(lower);
}

/** Adds m to out unless the same name, sentence and kind is there (whose role it then fills in). */
function emit(seen: Map<string, PersonMention>, out: PersonMention[], m: PersonMention): void {
  const key = `${m.name}\0${m.sentence}\0${m.org ? 'o' : m.weak ? 'w' : 'p'}`;
  const had = seen.get(key);
  if (had) {
    if (m.role && !had.role) had.role = m.role;
    return;
  }
  seen.set(key, m);
  out.push(m);
}

/** "S. Fleming" is the one Fleming whose given name starts with S; a lone "Fleming", the one Fleming. */
function find(people: NameIndex<ArticlePerson>, c: Candidate): ArticlePerson | undefined {
  const initial = nameInitial(c.text);
  return initial ? people.resolveInitial(initial, c.tokens[0]!, personInitial) : people.resolve(c.tokens);
}
const personInitial = (p: ArticlePerson) => p.initial;
const initialFirst = (c: Candidate) => (nameInitial(c.text) ? 1 : 0);

/** A name the tagger finds with at least this margin shows a person by itself; below it, only with the corpus's agreement. */
const SURE = 10;
const SURE_ALONE = 25;

/**
 * The candidates of one sentence: the tagger's names, read for their evidence (title, role,
 * vetoes) as the rules read a run; then the rules' organisation names, and the rules' own names
 * where the tagger found none of the same words (with the strength the rules give them).
 */
function combine(st: SentenceTokens, ws: Word[], rules: Candidate[], spans: NameSpan[]): Candidate[] {
  if (!spans.length) return rules;
  const out: Candidate[] = [];
  const byKey = new Map(rules.filter((c) => !c.org).map((c) => [nameKey(c.tokens), c]));
  const persons = new Uint8Array(ws.length);
  for (const s of spans) persons.fill(1, s.first, s.last + 1);
  for (const s of spans) {
    // A title the tagger took into the name stays out of it ("Prince Charles" is Charles, a prince).
    let first = s.first;
    // …and so does a role noun opening a sentence ("Defender Hassan Abbas rose").
    while (first < s.last && (isTitle(ws[first]) || isRoleNoun(ws[first]!.lower, false))) first++;
    // "the Chelsea player", "a Google spokesman": a name used as a modifier after an article is a
    // club's, a company's or a place's, rarely a person's. Counted against the name corpus-wide.
    const next = ws[s.last + 1];
    if (ARTICLES.has(ws[first - 1]?.lower ?? '') && next && next.pos === 'NOUN' && /^\p{Ll}/u.test(next.text)) {
      const text = st.sentence.text.slice(ws[first]!.start, ws[s.last]!.end);
      out.push({ text, tokens: tokensOf(text), sentence: st.sentence.index, strong: false, weak: false, veto: 'hard', det: true, org: true, modifier: true });
      continue;
    }
    if (thingCue(ws, first, s.last)) {
      out.push(thingName(st, ws, first, s.last));
      continue;
    }
    const c = candidate(st, ws, first, first, s.last, persons);
    if (!c.tokens.length || c.veto === 'hard') continue;
    // "an analyst with Kidder Peabody", "a spokeswoman at Ford": a role's employer, not a person.
    const at = ws[first - 1]?.lower;
    const employer = (at === 'with' || at === 'at') && !!ws[first - 2] && /^\p{Ll}/u.test(ws[first - 2]!.text) && isRoleNoun(ws[first - 2]!.lower);
    // The rules read a title the run holds ("Secretary of State John Kerry").
    c.role ??= byKey.get(nameKey(c.tokens))?.role;
    if (c.role === undefined) delete c.role;
    // A word alone ("Chelsea", "Yukos") shows a person only with the rules' evidence (a title, an
    // appositive, an age) or a very sure tagger; else it counts when it is the surname of a full name.
    // The rules' `weak` (a verb of saying, a given name) is read before it is set for every tagged name.
    // For a word alone, a verb of saying beside it is such evidence when the tagger agrees ("Carette said").
    const speaks = c.tokens.length === 1 && c.weak;
    const sure = c.tokens.length > 1 || nameInitial(c.text) || speaks ? SURE : SURE_ALONE;
    c.strong = c.strong || (s.margin >= sure && !employer);
    c.weak = true;
    c.det = false;
    if (c.veto === 'soft' && !c.strong) continue;
    out.push(c);
  }
  // Where the tagger found a name, its bounds win over a rule's run with a word more ("Defender Hassan Abbas").
  const taken = new Set(out.map((c) => nameKey(c.tokens)));
  for (const c of rules) if (c.org || !(taken.has(nameKey(c.tokens)) || taken.has(nameKey(c.tokens.slice(1))))) out.push(c);
  return out;
}
