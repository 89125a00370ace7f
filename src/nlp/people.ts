import {
  CORPORATE_SUFFIX,
  cityPopulation,
  isGivenName,
  isRoleNoun,
  nationKind,
  PARTICLES,
  PLACE_PREFIXES,
  SPEECH_LEMMAS,
  SURNAME_HEADS,
  TITLE_MODIFIERS,
  TITLES,
  WEAK_TITLES,
} from './gazetteer.ts';
import { displayForm, NameIndex, nameInitial, nameKey, nameTokens } from './names.ts';
import {
  AGE,
  ARTICLES,
  appositive,
  CONNECTORS,
  capitalised,
  DETERMINERS,
  HONORIFICS,
  INITIALS,
  isPunct,
  isTitle,
  isTitleModifier,
  leadIn,
  NAMING_VERBS,
  ORG_SUFFIX,
  orgWord,
  phrase,
  type Word,
  wordsOf,
} from './person-words.ts';
import { articleContext } from './people/features.ts';
import { personModel } from './people/model.ts';
import { type NameSpan, tag } from './people/perceptron.ts';
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

/** A proper-noun run read as a possible person's name, with what the sentence says about it. */
interface Candidate {
  /** The name as written, titles left out. */
  text: string;
  tokens: string[];
  sentence: number;
  role?: string;
  /** Title, appositive, age, "who", "named": the sentence shows a person. */
  strong: boolean;
  /** A given name or a verb of saying: a person if the corpus agrees. */
  weak: boolean;
  /** Never a person (a country, an organisation), or only with strong evidence (a city, "Nickel"). */
  veto: 'hard' | 'soft' | null;
  /** Follows "the", "a", …: "the Kremlin". Such a mention can refer to a known person, not establish one. */
  det: boolean;
  /** The run is an organisation's name ("Morgan Stanley and Co Inc"): this is the name part of it. */
  org?: boolean;
  /** Written as a modifier after an article ("the Chelsea player"): evidence against a person, even for a word alone. */
  modifier?: boolean;
}

/** "officials" → "official", "secretaries" → "secretary"; a word not ending in s → "". */
const singular = (w: string) => (w.endsWith('ies') ? `${w.slice(0, -3)}y` : /[^s]s$/.test(w) ? w.slice(0, -1) : '');

/** Veto from what the name's words are: a place, an organisation, a title, a common noun. */
function vetoOf(nameWords: Word[], tokens: string[], text: string): Candidate['veto'] {
  const lowers = nameWords.map((w) => w.lower);
  if (tokens.length === 0 || tokens.length > 4) return 'hard';
  if (nameWords.some(orgWord) || PLACE_PREFIXES.has(lowers[0]!)) return 'hard';
  if (nameWords.length === 1 && ORG_SUFFIX.test(lowers[0]!)) return 'hard';
  if (lowers.every((l) => TITLES.has(l) || TITLE_MODIFIERS.has(l))) return 'hard';
  // "Officials", "Bankers": a role noun, capitalised (plural, or alone).
  if (nameWords.some((w) => (nameWords.length === 1 && isRoleNoun(w.lower, false)) || isRoleNoun(singular(w.lower), false))) return 'hard';
  if (nationKind(text) || (nameWords.length > 1 && cityPopulation(text) >= 0)) return 'hard';
  const parts = lowers.flatMap((l) => l.split('-'));
  if (nameWords.length === 1 ? parts.length > 1 && parts.some((p) => nationKind(p)) : nationKind(nameWords[0]!.text)) return 'hard';
  if (nameWords.length === 1 && cityPopulation(text) >= 100_000) return 'soft';
  // A country among the words ("Agriculture Canada"), unless it is also a given name ("Jordan").
  const nations = parts.filter((p) => nationKind(p));
  if (nations.some((p) => !isGivenName(p))) return 'hard';
  if (nations.length || SURNAME_HEADS.has(lowers[lowers.length - 1]!)) return 'soft';
  return null;
}

/**
 * Readings that depend on a name's words alone, kept across articles: news names the same people,
 * places and companies again and again, and reading a name (folding, gazetteer probes) costs more
 * than finding it again. Bounded: cleared when full.
 */
const CACHE_MAX = 100_000;
const vetoes = new Map<string, { words: string[]; veto: Candidate['veto'] }>();
const tokensByName = new Map<string, string[]>();

function remember<V>(cache: Map<string, V>, key: string, read: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    v = read();
    cache.set(key, v);
  }
  return v;
}

/** `nameTokens`, remembered. The arrays are shared: nothing here changes them. */
const tokensOf = (text: string) => remember(tokensByName, text, () => nameTokens(text));

/** `vetoOf`, remembered by the name's text and its words (the veto reads nothing else). */
function vetoFor(nameWords: Word[], tokens: string[], text: string): Candidate['veto'] {
  const had = vetoes.get(text);
  if (had !== undefined && had.words.length === nameWords.length && had.words.every((t, k) => t === nameWords[k]!.text)) return had.veto;
  if (vetoes.size >= CACHE_MAX) vetoes.clear();
  const veto = vetoOf(nameWords, tokens, text);
  vetoes.set(text, { words: nameWords.map((w) => w.text), veto });
  return veto;
}

const capTitle = (w: Word | undefined) => capitalised(w) && isTitle(w);

/** Candidates of one sentence, from its proper-noun runs (the rules). */
function candidatesOf(st: SentenceTokens, ws: Word[]): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < ws.length) {
    if (!(ws[i]!.name || capTitle(ws[i]))) {
      i++;
      continue;
    }
    // The run: names, capitalised titles, particles between names, "of" after a title ("Secretary of State").
    const begin = i;
    let end = i;
    let of = -1;
    for (;;) {
      const next = ws[end + 1];
      if (!next) break;
      if (next.name || capTitle(next)) end++;
      else if (PARTICLES.has(next.text) && (ws[end + 2]?.name || (PARTICLES.has(ws[end + 2]?.text ?? '') && ws[end + 3]?.name))) end++; // "de la Dehesa"
      else if (next.lower === 'of' && of < 0 && isTitle(ws[end]) && ws[end + 2]?.name) of = ++end;
      else if (of >= 0 && CONNECTORS.has(next.lower) && ws[end + 2]?.name) end++; // "Secretary of Trade and Industry"
      else break;
    }
    i = end + 1;
    // The title prefix ends at the last title word with a name after it (a title word ending a run
    // of names is a surname: "Prime Minister John Major"). After "of", the title's complement takes
    // one word, and more while two remain and the next is not a given name ("Secretary of State |
    // John Kerry", "Minister of Foreign Affairs | Sergei Lavrov").
    // A role noun opening the run is a title too ("Investor Sumner Redstone" at the start of a sentence).
    let nameStart = isRoleNoun(ws[begin]!.lower, false) && begin < end ? begin + 1 : begin;
    for (let k = begin; k < end; k++) if (isTitle(ws[k])) nameStart = k + 1;
    if (of >= 0 && nameStart <= of) {
      // Names hold no "and": the complement runs at least to the word after the last one.
      nameStart = of + 2;
      for (let k = of + 1; k <= end; k++) if (CONNECTORS.has(ws[k]!.lower)) nameStart = k + 2;
      while (end - nameStart + 1 > 2 && !isGivenName(ws[nameStart]!.text)) nameStart++;
    }
    while (nameStart <= end && !ws[nameStart]!.name) nameStart++;
    if (nameStart > end) continue;
    // An organisation: a corporate word in the run or after "and" ("Morgan Stanley and Co Inc"),
    // "<Sedio N.V.>", or "Bank of England". Its name part is evidence against a person.
    const orgAt = ws.slice(nameStart, end + 1).findIndex(orgWord);
    const andCo = CONNECTORS.has(ws[end + 1]?.lower ?? '') && !!ws[end + 2] && (orgWord(ws[end + 2]!) || CORPORATE_SUFFIX.test(ws[end + 3]?.text ?? ''));
    const ofOrg = ws[begin - 1]?.lower === 'of' && !!ws[begin - 2] && capitalised(ws[begin - 2]) && orgWord(ws[begin - 2]!);
    if (orgAt >= 0 || andCo || ws[begin - 1]?.text === '<' || ofOrg) {
      // Every leading part too: "Dean Witter Reynolds Inc" is also "Dean Witter".
      const last = orgAt >= 0 ? nameStart + orgAt - 1 : end;
      for (let k = Math.min(last, nameStart + 3); k >= nameStart; k--) {
        const words = ws.slice(nameStart, k + 1);
        if (!words.every((w) => w.name && !isTitle(w))) continue;
        const text = st.sentence.text.slice(words[0]!.start, words[words.length - 1]!.end);
        out.push({ text, tokens: tokensOf(text), sentence: st.sentence.index, strong: false, weak: false, veto: 'hard', det: false, org: true });
      }
      continue;
    }
    out.push(candidate(st, ws, begin, nameStart, end));
  }
  return out;
}

/** Reads the evidence around the name ws[nameStart..end] (ws[begin..nameStart-1] is a title inside the run). */
function candidate(st: SentenceTokens, ws: Word[], begin: number, nameStart: number, end: number, persons?: Uint8Array): Candidate {
  const text = st.sentence.text;
  const nameWords = ws.slice(nameStart, end + 1);
  const nameText = text.slice(nameWords[0]!.start, nameWords[nameWords.length - 1]!.end).replace(/['’]s$/, '');
  const tokens = tokensOf(nameText);
  const veto = vetoFor(nameWords, tokens, nameText);
  if (veto === 'hard') return { text: nameText, tokens, sentence: st.sentence.index, strong: false, weak: false, veto, det: false };

  // A title: inside the run ("Prime Minister", "Army Col."), or a word just before it ("police spokesman").
  let head = -1;
  for (let k = nameStart - 1; k >= begin; k--) if (isTitle(ws[k])) head = Math.max(head, k);
  if (head < 0 && isTitle(ws[begin - 1])) head = begin - 1;
  let titleStart = head < 0 ? begin : Math.min(begin, head);
  // A role never takes in another person's name ("Clinton and President" is not Yeltsin's role).
  while (head >= 0 && titleStart > 0 && titleStart > head - 5 && !persons?.[titleStart - 1] && isTitleModifier(ws, titleStart - 1)) titleStart--;
  if (ws[titleStart]?.lower === 'of') titleStart++;
  const titleWord = head >= 0 ? ws[head]!.lower : '';
  const titled = head >= 0 && (tokens.length > 1 || !WEAK_TITLES.has(titleWord));
  // "from Prince Rupert", "in Prince George": a title and a name after a preposition of place is a town.
  if (titled && head === nameStart - 1 && PLACE_BEFORE.has(ws[titleStart - 1]?.lower ?? '')) return { text: nameText, tokens, sentence: st.sentence.index, strong: false, weak: false, veto: 'hard', det: false };
  // After "the" ("the Kremlin") or initials ("E.F. Hutton", "U.S. Sprint"), a name cannot establish a person.
  const det = !titled && (DETERMINERS.has(ws[titleStart - 1]?.lower ?? '') || INITIALS.test(ws[titleStart - 1]?.text ?? ''));
  let role = titled && !HONORIFICS.has(titleWord) ? phrase(text, ws, titleStart, nameStart - 1, 7) : undefined;

  let strong = titled;
  let after = end + 1;
  const comma = (k: number) => ws[k]?.text === ',';
  // ", 26," — an age.
  if (comma(after) && ws[after + 1]?.pos === 'NUM' && AGE.test(ws[after + 1]!.text) && isPunct(ws[after + 2])) {
    const age = Number(ws[after + 1]!.text);
    if (age > 0 && age < 111) {
      strong = true;
      after += 2;
    }
  }
  // After "in", "from", "at", a lone word is a place: "a quartet from Ohio, who performed".
  const located = tokens.length === 1 && LOCATIVES.has(ws[titleStart - 1]?.lower ?? '');
  if (!located && comma(after) && ws[after + 1]?.lower === 'who') strong = true;
  else if (!located && comma(after)) {
    const appo = appositive(text, ws, after + 1);
    if (appo) {
      strong = true;
      role ??= appo;
    }
  }
  // ", … suspect, Belgian-born Abdeslam Salah," (a capitalised modifier may stand between).
  let before = titleStart - 1;
  while (before >= titleStart - 2 && ws[before] && !ws[before]!.name && capitalised(ws[before]) && !isPunct(ws[before])) before--;
  if (head < 0 && comma(before) && (isPunct(ws[end + 1]) || end + 1 >= ws.length)) {
    // For a lone word this is weaker: "one strong opponent, U.S. Sprint,".
    const lead = leadIn(text, ws, before);
    if (lead && tokens.length > 1) {
      strong = true;
      role ??= lead;
    }
  }
  // "a French jihadist named Fabien Clain"
  const prev = ws[titleStart - 1];
  if (prev && NAMING_VERBS.has(prev.lower) && ws[titleStart - 2]?.pos === 'NOUN' && isRoleNoun(ws[titleStart - 2]!.lower)) {
    strong = true;
    let s = titleStart - 2;
    while (s > 0 && s > titleStart - 5 && ['ADJ', 'NOUN', 'PROPN'].includes(ws[s - 1]!.pos)) s--;
    role ??= phrase(text, ws, s, titleStart - 2, 5);
  }
  const speechAt = (w: Word | undefined) => !!w && w.pos === 'VERB' && SPEECH_LEMMAS.has(w.lemma.toLowerCase());
  const speech =
    speechAt(ws[end + 1]) ||
    (comma(end + 1) && speechAt(ws[end + 2])) ||
    speechAt(prev) ||
    (prev?.lower === 'to' && ws[titleStart - 2]?.lower === 'according');
  const given = tokens.length > 1 && isGivenName(nameWords[0]!.text);
  if (given && speech) strong = true;
  if (det || (veto === 'soft' && !(strong && (titled || tokens.length > 1)))) strong = false;
  const c: Candidate = { text: nameText, tokens, sentence: st.sentence.index, strong, weak: speech || given, veto, det };
  if (role) c.role = role;
  return c;
}

const PLACE_BEFORE = new Set(['in', 'from', 'at', 'near']);
const LOCATIVES = new Set(['in', 'from', 'at', 'near', 'to', 'into', 'across', 'outside', 'inside']);

/** A person as one article names them. */
interface ArticlePerson {
  tokens: string[];
  forms: Map<string, number>;
  /** "s" for a person the article names only as "S. Fleming". */
  initial?: string | undefined;
}

/** People mentioned in an article, each mention under the person's fullest name in the article. */
export function extractPeople(article: ArticleTokens): PersonMention[] {
  const words = article.sentences.map(wordsOf);
  const ctx = articleContext(words);
  const model = personModel();
  const all = article.sentences.flatMap((st, k) => {
    const ws = words[k]!;
    return combine(st, ws, candidatesOf(st, ws), tag(model, ws, ctx));
  });
  const out: PersonMention[] = [];
  const seen = new Map<string, PersonMention>();
  const emit = (m: PersonMention) => {
    const key = `${m.name}\0${m.sentence}\0${m.org ? 'o' : m.weak ? 'w' : 'p'}`;
    const had = seen.get(key);
    if (had) {
      if (m.role && !had.role) had.role = m.role;
      return;
    }
    seen.set(key, m);
    out.push(m);
  };
  // Names this article gives organisations: they neither establish nor take a person here.
  const orgKeys = new Set<string>();
  for (const c of all) {
    if (!c.org || !c.tokens.length) continue;
    if (c.modifier) {
      emit({ name: c.text, sentence: c.sentence, org: true });
      continue;
    }
    orgKeys.add(nameKey(c.tokens));
    // Full names only: a lone word ("Jefferies" of Jefferies Group) is too common to hold against a person.
    if (c.tokens.length > 1) emit({ name: c.text, sentence: c.sentence, org: true });
  }
  const cands = all.filter((c) => c.veto !== 'hard' && c.tokens.length > 0 && !orgKeys.has(nameKey(c.tokens)));
  // People the article shows, longer names first so that a lone surname joins its full name.
  const people = new NameIndex<ArticlePerson>();
  // "S. Fleming" is the one Fleming whose given name starts with S; a lone "Fleming", the one Fleming.
  const find = (c: Candidate) => {
    const initial = nameInitial(c.text);
    return initial ? people.resolveInitial(initial, c.tokens[0]!, (p) => p.initial) : people.resolve(c.tokens);
  };
  const initialFirst = (c: Candidate) => (nameInitial(c.text) ? 1 : 0);
  for (const c of cands.filter((x) => x.strong).sort((a, b) => b.tokens.length - a.tokens.length || initialFirst(b) - initialFirst(a))) {
    const p = find(c) ?? people.add({ tokens: c.tokens, forms: new Map(), initial: nameInitial(c.text) });
    if (c.tokens.length > 1 || p.tokens.length === 1) p.forms.set(c.text, (p.forms.get(c.text) ?? 0) + 1);
  }
  for (const c of cands) {
    const p = find(c);
    if (p) {
      const m: PersonMention = { name: displayForm(p.forms) || c.text, sentence: c.sentence };
      if (c.role) m.role = c.role;
      emit(m);
    } else if (!c.det && !c.veto && (c.weak || c.tokens.length > 1)) {
      emit({ name: c.text, sentence: c.sentence, weak: true });
    }
  }
  return out;
}

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
