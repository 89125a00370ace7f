import {
  isCorporateSuffix,
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
import { nameTokens } from './names.ts';
import {
  AGE,
  appositive,
  CONNECTORS,
  capitalised,
  DETERMINERS,
  dropPossessive,
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
} from './person-words.ts';
import type { SentenceTokens } from './types.ts';

/**
 * The rules' reading of a sentence's proper-noun runs (src/nlp/people.ts combines them with the
 * person tagger): each run's name, the title and appositive around it, an age, a verb of saying,
 * and the vetoes (a country, an organisation, a title alone, a town after "in").
 */
/** A proper-noun run read as a possible person's name, with what the sentence says about it. */
export interface Candidate {
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
  /** With `org`: the organisation's whole name, not a leading part ("Mannesmann" of "Mannesmann AG", not "Dean" of "Dean Witter Reynolds Inc"). */
  whole?: boolean;
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
/** What is read of a name's text: its tokens, and its veto for the words last read with it. */
interface NameReading {
  tokens: string[];
  /** The texts of the words `veto` was read for (none yet: undefined). */
  words: string[] | undefined;
  veto: Candidate['veto'];
}
/** By the name's text: one lookup serves its tokens and its veto, which every candidate reads both. */
const readings = new Map<string, NameReading>();

function readingOf(text: string): NameReading {
  let r = readings.get(text);
  if (r === undefined) {
    if (readings.size >= CACHE_MAX) readings.clear();
    r = { tokens: nameTokens(text), words: undefined, veto: null };
    readings.set(text, r);
  }
  return r;
}

/** `nameTokens`, remembered. The arrays are shared: nothing here changes them. */
export function tokensOf(text: string): string[] {
  return readingOf(text).tokens;
}

/** `vetoOf`, remembered with the name's reading and its words (the veto reads nothing else). */
function vetoFor(nameWords: Word[], r: NameReading, text: string): Candidate['veto'] {
  const had = r.words;
  if (had !== undefined && had.length === nameWords.length && had.every((t, k) => t === nameWords[k]!.text)) return r.veto;
  r.veto = vetoOf(nameWords, r.tokens, text);
  r.words = nameWords.map((w) => w.text);
  return r.veto;
}

const capTitle = (w: Word | undefined) => capitalised(w) && isTitle(w);

/** Candidates of one sentence, from its proper-noun runs (the rules). */
export function candidatesOf(st: SentenceTokens, ws: Word[]): Candidate[] {
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
    let orgAt = -1;
    for (let k = nameStart; k <= end; k++) if (orgWord(ws[k]!)) {
      orgAt = k - nameStart;
      break;
    }
    const andCo = firmAfter(ws, end);
    // "Bank of England", but not the person after a title: "Bank of Japan Governor Satoshi Sumita".
    const titled = nameStart > begin && isTitle(ws[nameStart - 1]);
    const ofOrg = !titled && ws[begin - 1]?.lower === 'of' && !!ws[begin - 2] && capitalised(ws[begin - 2]) && orgWord(ws[begin - 2]!);
    if (orgAt >= 0 || andCo || ws[begin - 1]?.text === '<' || ofOrg) {
      // Every leading part too: "Dean Witter Reynolds Inc" is also "Dean Witter".
      const last = orgAt >= 0 ? nameStart + orgAt - 1 : end;
      // The words before a corporate suffix or "and Co" are the firm's whole name; before "Center", "Party" they are not.
      const firmName = orgAt >= 0 ? isCorporateSuffix(ws[nameStart + orgAt]!.text) : !ofOrg;
      for (let k = Math.min(last, nameStart + 3); k >= nameStart; k--) {
        const words = ws.slice(nameStart, k + 1);
        if (!words.every((w) => w.name && !isTitle(w))) continue;
        const text = st.sentence.text.slice(words[0]!.start, words[words.length - 1]!.end);
        out.push({ text, tokens: tokensOf(text), sentence: st.sentence.index, strong: false, weak: false, veto: 'hard', det: false, org: true, whole: firmName && k === last });
      }
      continue;
    }
    // "carmaker Fiat", "shares of Toshiba", "the film Billy Elliot": a company's, a brand's or a work's name.
    if (thingCue(ws, nameStart, end)) {
      out.push(thingName(st, ws, nameStart, end));
      continue;
    }
    out.push(candidate(st, ws, begin, nameStart, end));
  }
  return out;
}

/** "and Co" ("Morgan Stanley and Co Inc") after the run, or after more names joined by commas ("Stifel, Nicolaus and Co Inc"). */
function firmAfter(ws: Word[], end: number): boolean {
  let k = end;
  for (let hops = 0; hops <= 2; hops++) {
    // A capitalised firm word: "Nigel Farage and party leader Roger Knapman", "Satchell, Brookstein and group G4" are people.
    if (CONNECTORS.has(ws[k + 1]?.lower ?? '') && ws[k + 2] && ((capitalised(ws[k + 2]) && orgWord(ws[k + 2]!)) || isCorporateSuffix(ws[k + 3]?.text ?? ''))) return true;
    // "Barnett Banks of Florida Inc": a place, then a corporate suffix.
    if (ws[k + 1]?.lower === 'of' && ws[k + 2]?.name && isCorporateSuffix(ws[k + 3]?.text ?? '') && cityPopulation(ws[k + 2]!.text) >= 0) return true;
    if (ws[k + 1]?.text !== ',' || !ws[k + 2]?.name) return false;
    // Only "and Co" after them makes the list a firm's name: "David Shulman, Salomon Bros." is a person and his firm.
    k += 2;
    while (ws[k + 1]?.name) k++;
  }
  return false;
}

/**
 * Lower-case words that say what the name after them is, never a person: "carmaker Fiat", "oil
 * giant Yukos", "the film Billy Elliot", "reality show Big Brother".
 */
const THING_NOUNS = new Set(
  `firm company companies group giant carmaker automaker chipmaker drugmaker steelmaker planemaker airline retailer bank insurer lender conglomerate manufacturer brand label
  supermarket chain exchange bourse consortium subsidiary affiliate website site portal engine network channel
  station newspaper paper magazine tabloid studio club side team squad band
  film movie show programme program series sitcom soap drama documentary musical album single song track book novel play
  opera ballet game franchise cartoon comedy thriller`.split(/\s+/),
);
/** "shares of X", "a stake in X", "a unit of X": X is a company. */
const STAKE_NOUNS = new Set(['shares', 'stake', 'stock', 'unit', 'units', 'subsidiary', 'division', 'affiliate']);
const QUOTES = new Set(['"', '“', '”']);
const lowerWord = (w: Word | undefined) => !!w && w.text.charCodeAt(0) >= 97 && w.text.charCodeAt(0) <= 122;

/** The words around ws[first..last] show the name of a company, a brand or a work, not a person's. */
export function thingCue(ws: Word[], first: number, last: number): boolean {
  const prev = ws[first - 1];
  const next = ws[last + 1];
  // A title makes it a person: "President Suharto, which …" is about something else.
  if (isTitle(prev) || HONORIFICS.has(prev?.lower ?? '')) return false;
  if (lowerWord(prev)) {
    const p = prev!.lower;
    // A noun ("the hit show Jerry Springer"), not a verb ("Hanks will play Robert Langdon").
    if (THING_NOUNS.has(p) && prev!.pos === 'NOUN') return true;
    if ((p === 'of' || p === 'in') && STAKE_NOUNS.has(ws[first - 2]?.lower ?? '')) return true;
  }
  // "Toshiba shares rose" (not "Smith shares the lead").
  if (next && (next.lower === 'shares' || next.lower === 'stock') && next.pos === 'NOUN' && !['DET', 'PRON'].includes(ws[last + 2]?.pos ?? '')) return true;
  // What follows a company's name, not a person's: "Fiat, which", "Toshiba said its", "Yukos's shareholders".
  if (next?.text === ',' && ws[last + 2]?.lower === 'which') return true;
  if (next && next.pos === 'VERB' && SAYING.has(next.lower) && ws[last + 2]?.lower === 'its') return true;
  const possessive = /['’]s$/.test(ws[last]!.text) ? next : POSSESSIVE_S.has(next?.text ?? '') ? ws[last + 2] : undefined;
  if (possessive && FIRM_NOUNS.has(possessive.lower)) return true;
  // A title in quotes: "Merry Christmas".
  return !!prev && !!next && QUOTES.has(prev.text) && QUOTES.has(next.text);
}
const SAYING = new Set(['said', 'says', 'added', 'reported', 'announced']);
const POSSESSIVE_S = new Set(["'s", '’s']);
/** What a company has and a person does not: "Yukos's shareholders", "Fiat's sales". */
const FIRM_NOUNS = new Set(['profits', 'profit', 'sales', 'revenue', 'revenues', 'earnings', 'shareholders', 'headquarters', 'subsidiary', 'subsidiaries', 'stores', 'customers', 'shares', 'workforce', 'plants', 'factories']);

/** The name ws[first..last] read as a thing's: evidence against a person by that name, corpus-wide. */
export function thingName(st: SentenceTokens, ws: Word[], first: number, last: number): Candidate {
  const text = dropPossessive(st.sentence.text.slice(ws[first]!.start, ws[last]!.end));
  return { text, tokens: tokensOf(text), sentence: st.sentence.index, strong: false, weak: false, veto: 'hard', det: true, org: true, modifier: true };
}

/** Reads the evidence around the name ws[nameStart..end] (ws[begin..nameStart-1] is a title inside the run). */
export function candidate(st: SentenceTokens, ws: Word[], begin: number, nameStart: number, end: number, persons?: Uint8Array): Candidate {
  const text = st.sentence.text;
  const nameWords = ws.slice(nameStart, end + 1);
  // A word alone is its own text (the same string, whose hash a Map has already computed).
  const one = nameStart === end && text.startsWith(ws[end]!.text, ws[end]!.start) && ws[end]!.text.length === ws[end]!.end - ws[end]!.start;
  const nameText = dropPossessive(one ? ws[end]!.text : text.slice(nameWords[0]!.start, nameWords[nameWords.length - 1]!.end));
  const reading = readingOf(nameText);
  const tokens = reading.tokens;
  const veto = vetoFor(nameWords, reading, nameText);
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
  // ", 26," — an age.
  if (isComma(ws[after]) && ws[after + 1]?.pos === 'NUM' && AGE.test(ws[after + 1]!.text) && isPunct(ws[after + 2])) {
    const age = Number(ws[after + 1]!.text);
    if (age > 0 && age < 111) {
      strong = true;
      after += 2;
    }
  }
  // After "in", "from", "at", a lone word is a place: "a quartet from Ohio, who performed".
  const located = tokens.length === 1 && LOCATIVES.has(ws[titleStart - 1]?.lower ?? '');
  if (!located && isComma(ws[after]) && ws[after + 1]?.lower === 'who') strong = true;
  else if (!located && isComma(ws[after])) {
    const appo = appositive(text, ws, after + 1);
    if (appo) {
      strong = true;
      role ??= appo;
    }
  }
  // ", … suspect, Belgian-born Abdeslam Salah," (a capitalised modifier may stand between).
  let before = titleStart - 1;
  while (before >= titleStart - 2 && ws[before] && !ws[before]!.name && capitalised(ws[before]) && !isPunct(ws[before])) before--;
  if (head < 0 && isComma(ws[before]) && (isPunct(ws[end + 1]) || end + 1 >= ws.length)) {
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
  const speech =
    speechAt(ws[end + 1]) ||
    (isComma(ws[end + 1]) && speechAt(ws[end + 2])) ||
    speechAt(prev) ||
    (prev?.lower === 'to' && ws[titleStart - 2]?.lower === 'according');
  const given = tokens.length > 1 && isGivenName(nameWords[0]!.text);
  if (given && speech) strong = true;
  if (det || (veto === 'soft' && !(strong && (titled || tokens.length > 1)))) strong = false;
  const c: Candidate = { text: nameText, tokens, sentence: st.sentence.index, strong, weak: speech || given, veto, det };
  if (role) c.role = role;
  return c;
}

/** Named functions are module-level: tsx names each function made inside a call (esbuild's keepNames), a cost in the hot path. */
const isComma = (w: Word | undefined) => w?.text === ',';
const speechAt = (w: Word | undefined) => !!w && w.pos === 'VERB' && SPEECH_LEMMAS.has(w.lemma.toLowerCase());

const PLACE_BEFORE = new Set(['in', 'from', 'at', 'near']);
const LOCATIVES = new Set(['in', 'from', 'at', 'near', 'to', 'into', 'across', 'outside', 'inside']);

