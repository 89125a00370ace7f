import { isRoleNoun, PARTICLES } from '../../nlp/gazetteer.ts';
import { queryTerms } from '../../nlp/terms.ts';

const LEADING_CLAUSE = /^\s*(when|after|before|as|while|once|since|during|following)\s+([^,?]+?),\s*((?:how|what|who|whom|whose|which|where|why|when|did|does|do|is|was|were|are|has|have|had)\b.*)$/i;

/**
 * A question that opens on a clause, its main clause first: "When the blizzard shut the Bosphorus,
 * how many ships were stuck?" is "how many ships were stuck when the blizzard shut the Bosphorus?",
 * a how-many question, not a when-question.
 */
export function mainClauseFirst(question: string): string {
  const m = LEADING_CLAUSE.exec(question);
  if (!m) return question;
  const main = m[3]!.replace(/[?!.\s]+$/, '');
  return `${main} ${m[1]!.toLowerCase()} ${m[2]!.trim()}?`;
}

/** How a plain question is answered, read from its form. */
export type Route =
  /** "Who is/was X" where X reads as a name: the person, if the corpus knows them. */
  | { kind: 'who'; name: string }
  /** "How many … died/killed/wounded …": the tolls, narrowed by the rest of the question. */
  | { kind: 'tolls'; filter: string; counted?: string }
  /** "When did/was …": dated sentences, best matches first. */
  | { kind: 'when'; words: string }
  /** "What did X say about Y": X's sentences, those about Y first. */
  | { kind: 'said'; speaker: string; topic: string }
  /** Anything else: ranked search on the question's content words. */
  | { kind: 'search'; words: string };

const AUX = "(?:is|are|was|were|am|be|been|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|'s)";
/** Polite or conversational openings that carry no content. */
export const OPENING = /^(?:(?:please|so|and|ok(?:ay)?|hey|hi)[\s,]+)*(?:(?:can|could|would) you (?:please )?(?:tell me|say|explain)|(?:do|does) (?:you|anyone) know|tell me|i (?:want|would like) to know|i wonder)[\s,]*/i;
const WHO = new RegExp(String.raw`^(?:who|whom)(?:\s+${AUX}|['’]s)\s+(.+)$`, 'i');
const WHO_VERB = /^who\s+(.+)$/i;
const HOW_MANY = /^how\s+many\b\s*(.*)$/i;
/** Words that make a how-many question a question about a toll. */
const TOLL_WORD = /\b(?:died|die|dies|dead|deaths?|killed|kill|killing|wounded|wounds?|injured|injuries|hurt|casualties|victims|perished|lives)\b/i;
/**
 * A yes-or-no question about a toll: "Was anyone hurt when …", "Were there any casualties in …",
 * "Did anyone die in …", "Did the blast cause casualties?". Answered as "how many": the report that
 * tells, including "no one was injured".
 */
const TOLL_YES_NO = /^(?:was|were|has|have|had|is|are|did|does|do)\s+(?:there\s+)?(?:any(?:one|body)?|some(?:one|body)?|people|no\s?one|nobody)\b\s*(.*)$/i;
const CAUSED_TOLL = /^(?:did|does|do|has|have|had)\s+(.+?)\s+(?:cause|leave|claim)\s+(?:any\s+)?((?:casualties|deaths|injuries|victims|dead)\b.*)$/i;
/** "What was the death toll in …", "what is the number of dead from …": a toll asked without "how many". */
const TOLL_NAMED = /^what\s+(?:was|is|were|are|has\s+been)\s+the\s+(?:(?:final|latest|official|total|overall|reported)\s+)?(?:death\s+toll|toll|casualty\s+(?:toll|figure|count)|number\s+of\s+(?:dead|deaths|casualties|victims|injured|wounded|injuries|people\s+(?:killed|injured|hurt|wounded|dead)))\b\s*(.*)$/i;
const WHEN = new RegExp(String.raw`^when\s+(?:${AUX}\s+)?(.+)$`, 'i');
const SAID = new RegExp(
  String.raw`^what\s+(?:${AUX}\s+)?(.+?)\s+(?:say|said|says|tell|told|think|thinks|thought|claim|claimed|believe|believes|announce|announced)\b\s*(?:about|of|on|regarding|concerning|to)?\s*(.*)$`,
  'i',
);
/** "What did Obama call the law?", "What did Markey call for?": X's words (not "what is it called", a name). */
const CALLED = /^what\s+(?:did|does|do|will|would|has|have|had)\s+(.+?)\s+call(?:ed)?\b\s*(?:for\b)?\s*(.*)$/i;
/** "What time did Iraq say …", "what damage did officials say …": a thing asked of what X said, not X's words. */
const ASKS_A_THING = new RegExp(String.raw`^[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:${AUX})\s+\S`, 'iu');
/** Words that cannot be all of a speaker ("what is the think tank called?" is no one's thinking). */
const NOT_A_SPEAKER = /^(?:(?:the|a|an|this|that|these|those|it|its|there)\s*)+$/i;

/** "What did X say about Y": X and Y, when the question is of that form and X can be someone. */
function saidIn(q: string): { speaker: string; topic: string } | undefined {
  const m = SAID.exec(q) ?? CALLED.exec(q);
  if (!m || NOT_A_SPEAKER.test(m[1]!.trim()) || ASKS_A_THING.test(m[1]!.trim())) return undefined;
  return { speaker: m[1]!.trim(), topic: m[2]!.trim() };
}

/** A question's opening that says what kind of answer is wanted, not what it is about. */
// "In what year was …", "What day did …": the kind of date asked is the question's frame, not a word to find.
const FRAME = new RegExp(
  String.raw`^(?:(?:in|on|at|since|by|until)\s+(?=what\b|which\b))?(?:what|which|where|why|how(?:\s+(?:many|much|long|often|far))?|who|whom|whose)\b(?:\s+(?:kind|sort) of)?(?:\s+(?:year|day|date|month|time|hour)(?=\s+${AUX}\b))?(?:\s+${AUX}\b)?\s*`,
  'i',
);
/** Question filler that would drown the ranking: every sentence "happened", "is known", … */
export const FILLER = /\b(?:happen(?:ed|s|ing)?|tell|told|know|known|exactly|actually|please|anything|something|news|articles?|names? of)\b/gi;
/** Toll words and who the toll counts, dropped from a toll filter: the tolls already are about them. */
const TOLL_FILTER_NOISE = new RegExp(
  `\\blost\\s+(?:their|his|her|its)\\s+lives\\b|${TOLL_WORD.source}|\\b(?:people|persons|were|was|have|has|had|been|being|got|get|did|do|does|are|is|in total|total|so far|altogether|reportedly)\\b`,
  'gi',
);

/** Words that end the noun phrase a how-many question counts: a verb, a preposition. */
const COUNTED_END = new RegExp(`^(?:${AUX.slice(3, -1)}|got|get|in|on|at|of|from|during|after|by|when|since|so|and|or)$`);
/** Counted nouns that are the whole toll, not a group of it. */
const WHOLE_TOLL = /^(?:people|persons|person|others|lives|casualties|victims|deaths|dead|injuries|wounded|injured|total|more|times)$/;

/**
 * Whom a how-many question counts, when it is a group of the toll ("how many guerrillas were
 * killed", "how many copper miners died"): the last word of the words after "how many", up to a
 * verb or preposition. None for "people", "casualties" and the like: the whole toll.
 */
export function countedOf(rest: string): string | undefined {
  let last: string | undefined;
  for (const w of rest.toLowerCase().split(/\s+/)) {
    // "how many Iraqi casualties": the words name the toll itself.
    if (WHOLE_TOLL.test(w)) return undefined;
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(w) || COUNTED_END.test(w) || TOLL_WORD.test(w)) break;
    last = w;
  }
  return last && !WHOLE_TOLL.test(last) ? last : undefined;
}

/** A capitalised name word, perhaps after a particle and a hyphen ("al-Assad"). */
const CAPITALISED_NAME_WORD = /^(?:(?:al|el|bin|ibn|abu)-)?\p{Lu}[\p{L}\p{M}'’.-]*$/u;
/**
 * Name words: capitalised, or a particle inside a name — the people extractor's own list ("Bashar al
 * Assad", "Ursula von der Leyen", "Fernando dos Santos"), and the Spanish "y" ("Ortega y Gasset").
 */
const isNameWord = (w: string) => CAPITALISED_NAME_WORD.test(w) || PARTICLES.has(w) || w === 'y';
const looksLikeName = (s: string) => {
  const words = s.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && words.every(isNameWord) && /^\p{Lu}/u.test(words[0]!);
};

/** Reads the form of a plain question. Exported for tests: the route is what the question asks for. */
export function routeQuestion(question: string): Route {
  const q = question
    .trim()
    .replace(/[?!.\s]+$/, '')
    .replace(OPENING, '')
    .trim();
  const said = saidIn(q);
  if (said) return { kind: 'said', ...said };
  let m = HOW_MANY.exec(q);
  if (m && TOLL_WORD.test(m[1]!)) {
    const counted = countedOf(m[1]!);
    return { kind: 'tolls', filter: tidyWords(m[1]!.replace(TOLL_FILTER_NOISE, ' ')), ...(counted ? { counted } : {}) };
  }
  m = TOLL_NAMED.exec(q);
  if (m) return { kind: 'tolls', filter: tidyWords(m[1]!.replace(TOLL_FILTER_NOISE, ' ')) };
  m = TOLL_YES_NO.exec(q);
  if (m && TOLL_WORD.test(m[1]!)) return { kind: 'tolls', filter: tidyWords(m[1]!.replace(TOLL_FILTER_NOISE, ' ')) };
  m = CAUSED_TOLL.exec(q);
  if (m) return { kind: 'tolls', filter: tidyWords(`${m[1]} ${m[2]!.replace(TOLL_FILTER_NOISE, ' ')}`) };
  m = WHEN.exec(q);
  if (m) return { kind: 'when', words: m[1]!.trim() };
  m = WHO.exec(q);
  if (m) {
    const rest = m[1]!.replace(/^(?:the person called|someone called|a man called|a woman called)\s+/i, '').trim();
    return looksLikeName(rest) ? { kind: 'who', name: rest } : { kind: 'search', words: rest };
  }
  m = WHO_VERB.exec(q);
  if (m) return { kind: 'search', words: m[1]!.trim() };
  return { kind: 'search', words: q.replace(FRAME, '').trim() || q };
}

const tidyWords = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Content terms of question words: normalised as sentences are, filler dropped. */
export const contentTerms = (words: string) => queryTerms(words.replace(FILLER, ' '));

/** What kind of thing answers the question: the ranker prefers sentences that hold one. */
export type AnswerKind = 'person' | 'date' | 'number' | 'place' | 'reason' | 'manner' | 'name' | 'quote' | 'any';

/** Nouns of measure: "what was the X" asks for a figure. */
const MEASURE = 'number|toll|age|cost|price|amount|percentage|rate|total|score|population|salary|value|size|budget|fine|bail|reward|figure|count|magnitude|height|weight|distance|temperature|speed';

const KINDS: [RegExp, AnswerKind][] = [
  [/^(?:who|whom|whose)\b|^(?:which|what)\s+(?:\w+\s+)?(?:person|man|woman|people|player|official|leader|president|actor|actress|singer|star|suspect|victim|boy|girl|son|daughter|wife|husband|politician|minister|candidate|celebrity|group|team|company|organi[sz]ation|band)\b/i, 'person'],
  [/^when\b|^(?:what|which)\s+(?:year|day|date|month|time|decade|century|season)\b|^(?:in|on)\s+what\s+(?:year|day|date|month)\b|^how\s+long\s+ago\b/i, 'date'],
  [/^how\s+(?:many|much|old|long|far|big|large|tall|high|often|fast|strong|powerful|deep|wide|heavy|hot|cold|severe)\b|^(?:what|which)\s+(?:number|percentage|percent|amount|age|price|cost|share|proportion|sum|figure|score)\b/i, 'number'],
  // "What was the death toll?", "What is the age of the suspect?", "what was the quake's magnitude?"
  [new RegExp(String.raw`^(?:what|which)\s+(?:${AUX}\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:${MEASURE})\b`, 'i'), 'number'],
  [/^where\b|^(?:(?:in|around|near|at|from|to|into)\s+)?(?:what|which)\s+(?:[\p{L}-]+\s+){0,2}?(?:country|countries|city|cities|town|state|province|region|place|area|village|nation|island|continent|capital|county|neighbo(?:u)?rhood|location|district)\b/iu, 'place'],
  // A named building or feature of the map: "what hospital was she taken to?", "which ocean did the plane fall in?"
  [/^(?:what|which)\s+(?:\w+\s+)?(?:hospital|airport|prison|jail|stadium|street|river|sea|ocean|lake|mountain|port|border|venue|hotel|base|camp)\b/i, 'place'],
  // "What is the name of …", "what is the think tank called?": a name, whatever it names.
  [/^(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?names?\b|^what\s+(?:is|was|are|were)\s+.+\s+(?:called|named)$/i, 'name'],
  // "Which airport is on high alert?", "what company dropped …", "which boxer …": a thing of that kind, by its name.
  [new RegExp(String.raw`^(?:what|which)\s+(?:other\s+)?(?!(?:${AUX}|kind|sort|type|happen\w*|make|makes|made|led|leads|caused?|causes|started?|starts|went|goes|came|comes|took|takes|got|gets|become|becomes|became|remains?|will|would|can|could|should|must)\b)[a-z][\w-]*(?<!ed)\s+(?!of\b)`, 'i'), 'name'],
  [/^why\b|^what\s+(?:caused|causes|led\s+to|prompted|sparked|triggered)\b|^for\s+what\s+reason\b/i, 'reason'],
  // "How did Senator Zorinsky die?", "how were the miners killed?": how a death came.
  [/^how\s+(?:did|was|were|had|has|have)\s+.+?\b(?:die|died|killed|murdered|drown|drowned|perish|perished)\b/i, 'manner'],
];

/** "Which crewman …", "what pilots …": a person, named by a noun of role or relation (`isRoleNoun`). */
function asksForRole(q: string): boolean {
  const written = /^(?:which|what)\s+([a-z]+)\b/i.exec(q)?.[1];
  if (!written) return false;
  const noun = written.toLowerCase();
  // By its ending ("-ian", "-ist") only when written in lower case: "Which Iranian tanker" asks for a tanker.
  const bySuffix = written === noun;
  const one = noun.endsWith('men') ? `${noun.slice(0, -3)}man` : noun.endsWith('s') ? noun.slice(0, -1) : noun;
  return isRoleNoun(noun, bySuffix) || isRoleNoun(one, bySuffix);
}

const SOURCE_SAYS = /\b(?:did|does|do|has|have|had)\s+((?:the\s+)?\p{Lu}[^?,]*?)\s+(?:say|says|report|claim|estimate|announce|count)\b/u;
const ACCORDING_TO = /\b[Aa]ccording to\s+((?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}?\p{Lu}[^?,]*?)\s*(?=,|\?|$)/u;

/**
 * The source a question names for its answer: "How many Iranians did NBC News say were pulled from
 * the sea?", "According to the Center for Auto Safety, how many children …". Only a named one
 * (capitalised): "how many did they say" names none.
 */
export function reportedSource(question: string): string | undefined {
  const source = (SOURCE_SAYS.exec(question) ?? ACCORDING_TO.exec(question))?.[1]?.trim();
  // The name that ends it, without the words that describe it: "the state-run SATS" is SATS.
  return source?.match(/(?:^|\s)(\p{Lu}[\p{L}\p{N}'’.&-]*(?:\s+(?:(?:of|for|and|de|the)\s+)*\p{Lu}[\p{L}\p{N}'’.&-]*)*)$/u)?.[1] ?? source;
}

const WHICH_ONE = /^(?:[Ww]ho\s+(?:is|was|were|are)\s+the\b|(?:[Ww]hich|[Ww]hat)\s+(?:\p{Lu}[\p{L}-]*\s+)?(?!(?:is|was|were|are|did|does|do|has|have|had|will|would|can|could)\b)[a-z]+\s+(?:is|was|were|are|did|does|do|has|had|[a-z]{3,}ed)\b)/u;

/** "Who was the Saudi diplomat …", "Which tanker was hit …", "Which Iraqi unit repelled …": the question asks which one a described person or thing is. */
export const asksWhichOne = (question: string) => WHICH_ONE.test(question.trim());

/** The kind of answer a question asks for, read from its opening words ("who" → a person, "when" → a date, …). */
export function answerKind(question: string): AnswerKind {
  const q = question
    .trim()
    .replace(OPENING, '')
    .replace(/[?!.\s]+$/, '')
    .trim();
  if (saidIn(q)) return 'quote';
  if (asksForRole(q)) return 'person';
  for (const [re, kind] of KINDS) if (re.test(q)) return kind;
  // The wh-word inside the question ("Israeli troops fired on who?", "It dates back to what empire?"): its phrase says.
  const inner = INNER_WH.exec(q)?.[1];
  if (inner) {
    for (const [re, kind] of KINDS) if (re.test(inner)) return kind;
    if (/^(?:what|which)\s+(?!happen)[\p{L}-]+(?<!ed)$/iu.test(inner)) return 'name';
  }
  return 'any';
}

/** A question asked in place, its wh-phrase last: "X fired on who", "they met in what city", "he was born when". */
const INNER_WH = /^(?!(?:who|whom|whose|what|which|when|where|why|how)\b)\S.*?\s((?:who|whom|whose|what|which|when|where|how\s+(?:many|much|long|old|far))\b[^,;]*)$/i;
