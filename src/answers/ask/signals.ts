import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import { cityPopulation, nationKind } from '../../nlp/gazetteer.ts';
import type { AnswerKind } from './route.ts';

/**
 * What a sentence holds that can answer a kind of question: a person named, a date or time, a
 * figure, a place, a reason. Read from the facts found at indexing (people, dates) and from the
 * sentence's own words; computed per article on first use and kept with its analysis.
 */
export interface SentenceSignals {
  /** Names of the people the sentence mentions (the article's fullest form). */
  people: string[];
  /** Names the article gives organisations, in this sentence ("Archer Daniels Midland Co"): "who" may be a company. */
  orgs: string[];
  /** Groups it names that act as people do (rebels, gunmen, troops, police), lower case. */
  groups: string[];
  /** The sentence has a date or time expression. */
  date: boolean;
  /** Every date it gives is the day of a report ("the owners said on Sunday", a dateline's "April 3"). */
  reportDateOnly: boolean;
  /** The sentence's text after its dateline, if it opens with one ("Murdochville, Quebec, April 3 - "): the words that tell the news. */
  body: string;
  /** Figures as written ("36", "five", "dozens"). */
  numbers: string[];
  /** Places it names (countries, cities). */
  places: string[];
  /** Capitalised phrases inside the sentence (not its first word): names of anything. */
  names: string[];
  /** It gives a cause ("because", "after", "due to", …). */
  reason: boolean;
  /** It tells how someone died: "died of a heart attack", "killed in a fire", "shot dead", "an apparent suicide". */
  manner: boolean;
  /** It reports speech: a verb of saying, "according to", or a quotation. */
  speech: boolean;
  /** Its grammatical subject is a pronoun ("He later held out …"): it speaks of the last person named. */
  pronounSubject: boolean;
}

/** A weekday and a month's name as news writes them, for patterns (case kept: "May", not "may"). */
export const WEEKDAY = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?";
export const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
/** Date and time expressions, whether or not the date reader could place them on a calendar. */
const TEMPORAL = new RegExp(
  String.raw`\b(?:${WEEKDAY}|${MONTH}\s+\d{1,2}\b|(?:in|since|by|until|of|from|early|late|mid-?)\s+${MONTH}|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|(?:1[89]|20)\d\d(?:s)?\b|yesterday|today|tonight|overnight|this (?:week|month|year|morning|afternoon|evening)|(?:last|next|earlier this|later this) (?:week|month|year|night|weekend|decade|century|season|spring|summer|fall|autumn|winter)|(?:days?|weeks?|months?|years?|decades?) (?:ago|later|earlier)|(?:morning|afternoon|evening|midnight|noon|dawn|dusk)\b)`,
  'i',
);
const TEMPORAL_ALL = new RegExp(TEMPORAL.source, 'gi');
const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|a third|a quarter)\b/gi;
const DIGITS = /\$?\d[\d,.]*(?:\s*(?:%|percent|million|billion))?/g;
const MONTH_BEFORE = new RegExp(String.raw`\b${MONTH}\s+$`);
const MONTH_AFTER = new RegExp(String.raw`^(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?![a-z])`);
const REASON = /\b(?:because|due to|as a result|owing to|in order to|so that|after|amid|following|over (?:his|her|their|its|the)|for (?:his|her|their) (?:role|part)|since|caused by|blamed (?:on|for)|accused of|charged with|in protest|to protest|in response to|was (?:meant|designed) to)\b/i;
const MANNER =
  /\b(?:died|dies|killed|drowned|perished)\b(?:\s+[\w'’-]+){0,4}?\s+(?:of|from|in|after|when|by|during|while)\b|\b(?:shot|stabbed|beaten|burned|crushed|hanged|strangled|poisoned|electrocuted)\s+(?:to\s+death|dead)\b|\b(?:suicide|heart attack|overdose|stroke)\b/i;
/** Groups that act as a person does in news ("Suspected communist rebels bombed …"): an answer to "who". */
const GROUP = /\b(?:rebels?|guerrillas?|militants|gunmen|insurgents|terrorists|separatists|extremists|hijackers|kidnappers|attackers|assailants|protesters|demonstrators|rioters|troops|soldiers|police(?! (?:said|says|say|told|spokesman|spokeswoman|sources|officials|reported)\b))\b/gi;
const SPEECH =
  /\b(?:said|says|say|saying|told|tells|added|adds|stated|states|noted|explained|declared|warned|asked|announced|insisted|argued|claimed|predicted|urged|stressed|suggested|confirmed|denied|testified|wrote|writes|recalled|acknowledged|admitted|replied|according to|quoted|promised|promises|revealed|reveals|reported|reports|vowed|vows|hinted|recommended|recommends|recommend|forecast|forecasts|believes|thinks|expects)\b|["“”]/i;
/** A pronoun standing for a person, as the sentence's subject (first word, or after an opening clause). */
const PRONOUN_SUBJECT = /^(?:["“]?(?:He|She)\b|(?:[^,]{0,60}),\s+(?:he|she)\s+(?:\w+ly\s+)?(?:said|says|told|added|\w+ed)\b)/;

const CAP_PHRASE = /\b\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}/gu;

function placesIn(text: string): string[] {
  // Each place with where it ends in the sentence, to read the word that follows it.
  const out: { place: string; end: number }[] = [];
  for (const m of text.matchAll(CAP_PHRASE)) {
    const words = m[0].replace(/[’']s$/, '').replace(/\.$/, '').split(/\s+/);
    // The longest run of its words that names a country or city, from the left.
    for (let n = words.length; n >= 1; n--) {
      const phrase = words.slice(0, n).join(' ');
      if (nationKind(phrase) === 'country' || cityPopulation(phrase) >= 50_000) {
        out.push({ place: phrase, end: m.index + phrase.length });
        break;
      }
    }
  }
  // A capitalised name after a preposition of place ("in Minnesota", "near the Kerem Shalom crossing"), not a date.
  for (const m of text.matchAll(PLACE_AFTER)) if (!CALENDAR.test(m[1]!)) out.push({ place: m[1]!, end: m.index + m[0].length });
  // A place the sentence calls one: "the village of Sargazan", "the district of Chow Kit".
  for (const m of text.matchAll(PLACE_OF)) out.push({ place: m[1]!, end: m.index + m[0].length });
  // A city naming an outlet ("Tehran Radio", "Beirut radio stations") is no place where things happened;
  // a name inside a longer one ("Soviet" of "Soviet Tadzhikistan") is the longer one.
  return out
    .filter(({ place, end }) => !OUTLET_AFTER.test(text.slice(end)) && !out.some((o) => o.place.length > place.length && o.place.includes(place)))
    .map((o) => o.place);
}

const OUTLET_AFTER = /^\s+(?:radio|television|tv|newspapers?|daily|dailies|news|agency|press|stock exchange|times|post)\b/i;

const PLACE_OF =
  /\b(?:village|town|city|district|province|region|county|island|port|suburb|township|municipality|state|capital|area|neighbo(?:u)?rhood)\s+of\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)/gu;

const PLACE_AFTER = /\b(?:in|at|near|outside|across|from|into|to|off)\s+(?:the\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)/gu;
/** A date, not a place: "May 5", "Friday"; not "Mayfair" or "Marchetti". */
const CALENDAR = new RegExp(`^(?:(?:${WEEKDAY}|${MONTH})(?![A-Za-z])|\\d)`);

/**
 * A dateline opening a sentence, place and day of the report, in any case: "Murdochville, Quebec,
 * April 3 - ", "Quito, march 9 - ", "MANILA, April 1, Reuter - ". Its date is the report's, not the event's.
 */
const DATELINE = new RegExp(
  String.raw`^\p{Lu}[\p{L}.'’ -]{1,40}?,\s+(?:[\p{L}.'’]+,?\s+){0,3}?(?:(?:${MONTH})\.?\s+\d{1,2}|\d{1,2}\s+(?:${MONTH}))(?:,?\s+\d{4})?(?:,?\s+Reuters?)?(?:\s*\([^)]{1,20}\))?\s*(?:-{1,2}|–|—)\s*`,
  'iu',
);

/** Words before a date that make it the day of a report: "the owners said on Sunday", "police told reporters Monday". */
const REPORTED_ON = /\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|reported|confirmed|stated|added|disclosed|revealed)\s+(?:(?:late|early)\s+)?(?:on\s+)?$/i;
/** Verbs of a question about a statement itself: "When did the ministry announce …". */
const SAYING_ASKED = ['say', 'said', 'says', 'announce', 'announced', 'report', 'reported', 'confirm', 'confirmed', 'state', 'stated', 'reveal', 'revealed', 'disclose', 'disclosed', 'tell', 'told'];

/** A sentence's signals, each read on first use: most sentences are only ever asked one or two of them. */
class Signals implements SentenceSignals {
  #people?: string[];
  #date?: boolean;
  #reportDate?: boolean;
  #body?: string;
  #numbers?: string[];
  #places?: string[];
  #reason?: boolean;
  #groups?: string[];
  #orgs?: string[];
  #manner?: boolean;
  #names?: string[];
  #speech?: boolean;
  #pronoun?: boolean;
  constructor(
    private readonly a: ArticleAnalysis,
    private readonly k: number,
  ) {}
  private get text() {
    return this.a.sentences[this.k]!.text;
  }
  get people() {
    this.#people ??= [...new Set(this.a.facts.people.filter((p) => p.sentence === this.k && !p.org).map((p) => p.name))];
    return this.#people;
  }
  get orgs() {
    this.#orgs ??= [...new Set(this.a.facts.people.filter((p) => p.sentence === this.k && p.org).map((p) => p.name))];
    return this.#orgs;
  }
  get groups() {
    this.#groups ??= [...new Set([...this.text.matchAll(GROUP)].map((m) => m[0].toLowerCase()))];
    return this.#groups;
  }
  get date() {
    this.#date ??= this.a.facts.dates.some((d) => d.sentence === this.k) || TEMPORAL.test(this.text);
    return this.#date;
  }
  get reportDateOnly() {
    if (this.#reportDate === undefined) {
      // The dates the reader placed, or where it could place none (no anchor), the words that say one.
      const text = this.text;
      const lineEnd = text.length - this.body.length;
      const placed = this.a.facts.dates.filter((d) => d.sentence === this.k).map((d) => d.at);
      const at = placed.length ? placed : [...text.matchAll(TEMPORAL_ALL)].map((m) => m.index);
      this.#reportDate = at.length > 0 && at.every((i) => i < lineEnd || REPORTED_ON.test(text.slice(Math.max(0, i - 40), i)));
    }
    return this.#reportDate;
  }
  get body() {
    if (this.#body === undefined) {
      const m = this.k === 0 ? DATELINE.exec(this.text) : null;
      this.#body = m ? this.text.slice(m[0].length) : this.text;
    }
    return this.#body;
  }
  get numbers() {
    // A number word with a capital inside the sentence is part of a name ("Two Creeks", "Group of Seven").
    this.#numbers ??= [
      // A day of a month is a date, not a figure: "launched into Iraq on January 9" counts nothing.
      ...[...this.text.matchAll(DIGITS)].filter((m) => !(/^\d{1,2}$/.test(m[0]) && (MONTH_BEFORE.test(this.text.slice(Math.max(0, m.index - 12), m.index)) || MONTH_AFTER.test(this.text.slice(m.index + m[0].length, m.index + m[0].length + 12))))).map((m) => m[0]),
      ...[...this.text.matchAll(NUMBER_WORD)].filter((m) => !(m.index > 0 && /\p{Lu}/u.test(m[0][0]!) && !/["“(]\s*$/.test(this.text.slice(0, m.index)))).map((m) => m[0]),
    ];
    return this.#numbers;
  }
  get places() {
    this.#places ??= placesIn(this.text);
    return this.#places;
  }
  get names() {
    this.#names ??= [...this.text.matchAll(CAP_PHRASE)].filter((m) => m.index > 0 && !/^(?:The|A|An|He|She|It|They|We|I|But|And|In|On|At)$/.test(m[0])).map((m) => m[0]);
    return this.#names;
  }
  get reason() {
    this.#reason ??= REASON.test(this.text);
    return this.#reason;
  }
  get manner() {
    this.#manner ??= MANNER.test(this.text);
    return this.#manner;
  }
  get speech() {
    this.#speech ??= SPEECH.test(this.text);
    return this.#speech;
  }
  get pronounSubject() {
    this.#pronoun ??= PRONOUN_SUBJECT.test(this.text);
    return this.#pronoun;
  }
}

const cache = new WeakMap<ArticleAnalysis, (SentenceSignals | undefined)[]>();

/** The signals of sentence `k` of an article. */
export function signalsOf(a: ArticleAnalysis, k: number): SentenceSignals {
  let all = cache.get(a);
  if (!all) {
    all = new Array(a.sentences.length);
    cache.set(a, all);
  }
  let sig = all[k];
  if (!sig) {
    sig = new Signals(a, k);
    all[k] = sig;
  }
  return sig;
}

/** Lower-case words of a question, to tell a new name or figure from one the question already gives. */
export const questionWords = (q: string) => new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Every word of the phrase is among the question's words: the question already gives it. */
export const given = (phrase: string, asked: Set<string>) => {
  const words = phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 && words.every((w) => asked.has(w));
};

const countryAsked = new WeakMap<Set<string>, boolean>();
/** The question names a country ("zimbabwe", "lebanon"): what it asks is a place within one. */
const namesCountry = (asked: Set<string>) => {
  let v = countryAsked.get(asked);
  if (v === undefined) {
    v = [...asked].some((w) => w.length > 3 && nationKind(w) === 'country');
    countryAsked.set(asked, v);
  }
  return v;
};

/** The question gives the place's head word, itself or as the start of a word ("Salvadoran" of "El Salvador", "Iranian"). */
const givenPlace = (head: string, asked: Set<string>) => {
  const h = head.toLowerCase();
  if (given(h, asked)) return true;
  if (h.length < 4) return false;
  for (const w of asked) if (w.startsWith(h)) return true;
  return false;
};

/** A place's head word: "Soviet Tadzhikistan" is the Tadzhikistan the question names. */
const lastWord = (place: string) => place.slice(place.search(/[\p{L}\p{N}'’.-]+$/u));

/** Whether the sentence holds something of the kind asked for that the question does not already give. */
export function holdsAnswer(sig: SentenceSignals, kind: AnswerKind, asked: Set<string>): boolean {
  switch (kind) {
    case 'person':
      return sig.people.some((p) => !given(p, asked)) || sig.orgs.some((o) => !given(o, asked)) || sig.groups.some((g) => !asked.has(g));
    case 'date':
      // "…, the owners said on Sunday": the day of the report, not of what the question asks about.
      return sig.date && (!sig.reportDateOnly || SAYING_ASKED.some((w) => asked.has(w)));
    case 'number':
      return sig.numbers.some((n) => !given(n, asked));
    case 'place':
      // "Where in Zimbabwe …": another country is no answer once the question names one.
      return sig.places.some((p) => !given(p, asked) && !givenPlace(lastWord(p), asked) && !(namesCountry(asked) && nationKind(p) === 'country'));
    case 'reason':
      return sig.reason;
    case 'manner':
      return sig.manner;
    case 'name':
      return sig.names.some((n) => !given(n, asked));
    case 'quote':
      return sig.speech;
    case 'any':
      return false;
  }
}

/** The asked name's words as they would be written in a sentence (capitalised), titles left out. */
const nameWords = (asked: string) =>
  (asked.match(/[\p{L}\p{N}'’-]+/gu) ?? []).filter((w) => !/^(?:mr|mrs|ms|dr|president|minister|prime|secretary|the|senator|sen|gov|governor)$/i.test(w));

/** The sentence names the person asked about: a person mention of that name, or the name written out. */
function names(a: ArticleAnalysis, k: number, asked: string): boolean {
  if (signalsOf(a, k).people.some((p) => sameName(p, asked))) return true;
  const words = nameWords(asked);
  if (!words.length) return false;
  const have = new Set(a.sentences[k]!.text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []);
  return words.every((w) => have.has(w.toLowerCase()) || have.has(`${w.toLowerCase()}'s`) || have.has(`${w.toLowerCase()}’s`));
}

const SAYING = "(?:said|says|told|tells|added|adds|argued|argues|insisted|insists|warned|warns|stated|states|declared|declares|explained|explains|claimed|claims|admitted|admits|noted|notes|replied|wrote|writes|urged|urges|stressed|stresses|announced|announces|asked|asks|suggested|suggests|predicted|predicts|acknowledged|acknowledges|conceded|concedes|recalled|recalls|promised|promises|revealed|reveals|reported|reports|vowed|vows|hinted|hints|recommended|recommends|recommend|forecast|forecasts|believes|believed|thinks|thought|expects)";
export const escapeRegex = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pronoun subject that speaks or thinks: "he said", "she told", "He later held out the prospect that …", a quotation. */
const PRONOUN_SPEAKS = new RegExp(String.raw`\b(?:he|she)\s+(?:\w+ly\s+)?${SAYING}\b|^["“]?(?:He|She)\b.*\b(?:that|whether)\b|["“”]`, 'i');

const speakerPatterns = new Map<string, RegExp>();
/**
 * "X said", "said Prime Minister X", "X, the party's leader, told …", "according to X": the person
 * asked about is the one speaking, not only named ("…, Lib Dem leader Charles Kennedy said" is
 * Kennedy's words even when it names Blair).
 */
function speaks(text: string, asked: string): boolean {
  const surname = nameWords(asked).at(-1);
  if (!surname) return false;
  let re = speakerPatterns.get(surname);
  if (!re) {
    const name = String.raw`\b${escapeRegex(surname)}\b(?!['’]s)`;
    const titled = String.raw`(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}`;
    re = new RegExp(
      [
        String.raw`${name}\s+(?:\w+ly\s+)?(?:has\s+|had\s+|also\s+)?${SAYING}\b`,
        // Inverted, after a comma or a quotation: '…," said Mr Blair.', ', added Tony Blair'.
        String.raw`(?:^|[,"”]\s*)(?:said|says|added|adds|asked|wrote|insisted|explained|noted|replied|argued|continued)\s+${titled}${name}\s*(?:[,.;:!?]|$)`,
        String.raw`${name},\s[^"“”]{1,100}?,\s+(?:\w+ly\s+)?${SAYING}\b`,
        String.raw`\baccording to\s+${titled}${name}`,
      ].join('|'),
      // A speaker asked in lower case ("the observatory", "police") is no name: any case.
      /^\p{Lu}/u.test(surname) ? 'u' : 'iu',
    );
    speakerPatterns.set(surname, re);
  }
  return re.test(text);
}

/**
 * Whether the sentence is the words of the person asked about: it names them as the one speaking
 * ("X said", "said X", "X, …, told", "according to X"), or its subject is a pronoun that speaks ("he
 * said", "He later held out the prospect that …", a quotation) and the last person named before it
 * (up to three sentences back) is them. 'named', 'pronoun', or undefined when the sentence is not theirs.
 */
export function attributedTo(a: ArticleAnalysis, k: number, asked: string): 'named' | 'pronoun' | undefined {
  const sig = signalsOf(a, k);
  const text = a.sentences[k]!.text;
  if (sig.speech && names(a, k, asked) && speaks(text, asked)) return 'named';
  if (!sig.pronounSubject || !PRONOUN_SPEAKS.test(text)) return undefined;
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    // The pronoun stands for the subject of the sentence before: the first person it names, not in
    // the possessive ("Lord Butler has criticised the way Tony Blair's government …" → Butler).
    const subject = subjectOf(a, j);
    if (subject) return sameName(subject, asked) ? 'pronoun' : undefined;
    if (names(a, j, asked)) return 'pronoun';
  }
  return undefined;
}

/** The first person a sentence names other than in the possessive, by where their name stands. */
function subjectOf(a: ArticleAnalysis, j: number): string | undefined {
  const text = a.sentences[j]!.text;
  let best: string | undefined;
  let at = Number.POSITIVE_INFINITY;
  for (const name of signalsOf(a, j).people) {
    const last = name.split(/\s+/).at(-1)!;
    const m = new RegExp(`\\b${escapeRegex(last)}\\b(?!['’]s)`, 'u').exec(text);
    if (m && m.index < at) [best, at] = [name, m.index];
  }
  return best;
}

/** Whether a person's name is the one asked about: every word asked is among the name's words ("Blair", "Tony Blair"). */
export function sameName(name: string, asked: string): boolean {
  const have = new Set(name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const want = nameWords(asked).map((w) => w.toLowerCase());
  return want.length > 0 && want.every((w) => have.has(w));
}

/** The asked speaker's name as the article writes it in full ("Tony Blair" for "Blair"), from the sentence or the ones before. */
export function speakerName(a: ArticleAnalysis, k: number, asked: string): string {
  for (let j = k; j >= Math.max(0, k - 3); j--) {
    const p = signalsOf(a, j).people.find((name) => sameName(name, asked));
    if (p) return p;
  }
  return asked;
}
