import { queryTerms } from '../../nlp/terms.ts';
import { MONTH, WEEKDAY } from './signals.ts';
import { synonymsOf } from './synonyms.ts';

/**
 * What a figure asked for measures: "how far" a distance, "how long" a time, "how old" an age, "how
 * much did it cost" money, "how many homes" homes. A sentence whose figure is of that measure answers
 * better than one with any figure ("The storm left 10,638 homes without power" for "how many homes",
 * not "Inspectors found 15 aircraft"). Read from the question's words; general English, no article's.
 */

/** A figure as news writes it: digits (a currency sign before), or a number word. */
const NUM = String.raw`(?:[$€£¥]\s?)?\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|a few|half a|a half`;

/** A figure followed, within a word or two, by one of the units. */
const figureOf = (units: string) => new RegExp(String.raw`\b(?:${NUM})(?:[\s-]+[\w.'’-]+){0,2}?[\s-]*(?:${units})\b`, 'i');

const DISTANCE = figureOf('miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot|ft|yards?|inches?|blocks?');
const DURATION = figureOf('years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|nights?|terms?|seasons?');
const HEIGHT = figureOf('feet|foot|ft|meters?|metres?|inches?|cm|stories|storeys|floors');
const SPEED = figureOf('mph|miles per hour|miles an hour|km/h|kph|kilometers per hour|knots');
const TEMPERATURE = figureOf('degrees?|°');
/** An age: "45-year-old", "aged 45", "45 years old", or the ", 45," that follows a name. */
const AGE = /\b\d{1,3}-year-old\b|\baged? \d{1,3}\b|\b\d{1,3} years? old\b|\p{Lu}[\p{L}'’-]+,\s\d{1,3},/u;
/** Money: a currency sign or word beside a figure, as news writes it ("$390 billion", Reuters' "15 mln dlrs"). */
const MONEY =
  /[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|mln|bln|bn|m)?\s*(?:dollars?|dlrs?|euros?|pounds?|stg|sterling|yen|yuan|francs?|marks|rupees?|pesos?|CHF|USD)\b|\b(?:US|CHF|NZ|A|C)\$?\s?\d/i;
/** Questions about money among "how much …" ones. */
const MONEY_WORDS = /\b(?:cost|costs|pay|paid|pays|worth|spend|spent|price|prices|money|fund|funds|funding|raise|raised|budget|fine|fined|salary|earn|earned|earns|charge|sell|sold|buy|bought|assets|bail|ransom|reward|debt|loan|donate|donated|owe|owed|compensation|damages|bonus|deal|contract|revenue|profit|loss|tax)\b/i;

/** Words after "how many" that are not the thing counted. */
const NOT_COUNTED = /^(?:of|were|was|are|is|have|has|had|did|do|does|will|would|can|could|more|other|people|persons|times|said|say|says|think|thinks|believe|believes|want|wants|\w+ed)$/i;

/** What the figure a question asks for measures, as a pattern its sentence matches; undefined when any figure will do. */
export function measureOf(question: string): RegExp | undefined {
  const q = question.trim().replace(/[?!.\s]+$/, '');
  if (/\bhow\s+far\b|\bwhat\s+(?:is|was)\s+the\s+distance\b/i.test(q)) return DISTANCE;
  if (/\bhow\s+long\b(?!\s+(?:is|was|are|were)\s+(?:the|a|an|it)\b\s*\w*\s*(?:bridge|road|river|wall|tunnel|line|runway|track|course))/i.test(q)) return DURATION;
  if (/\bhow\s+old\b|\bwhat\s+(?:is|was|are|were)\s+(?:the\s+|his\s+|her\s+|their\s+)?ages?\b/i.test(q)) return AGE;
  if (/\bhow\s+(?:tall|high|deep)\b|\bwhat\s+(?:is|was)\s+the\s+height\b/i.test(q)) return HEIGHT;
  if (/\bhow\s+fast\b|\bwhat\s+(?:is|was)\s+the\s+speed\b/i.test(q)) return SPEED;
  if (/\bhow\s+(?:cold|hot|warm)\b|\btemperatures?\b/i.test(q)) return TEMPERATURE;
  if ((/\bhow\s+much\b/i.test(q) && MONEY_WORDS.test(q)) || /\bwhat\s+(?:is|was|are|were)\s+the\s+(?:[\w'’-]+\s+)?(?:cost|price|salary|budget|fine|bail|reward|ransom|value)\b/i.test(q)) return MONEY;
  // "How many homes …": a figure of homes (the stem: "countries" finds "country").
  // The first or second word after "how many" ("how many safe passengers"): either may be the noun.
  const words = (/\bhow\s+many\s+([a-z]+)(?:[\s-]+([a-z]+))?/i.exec(q) ?? []).slice(1, 3).filter((w): w is string => !!w && w.length >= 3);
  const counted = words.filter((w, i) => i === 0 || !NOT_COUNTED.test(w)).slice(0, NOT_COUNTED.test(words[0] ?? '') ? 0 : 2);
  if (!counted.length) return undefined;
  // The counted noun or a word news uses for it ("how many homes": "50 houses were burned"), as stems.
  const stems = counted.flatMap((w) => [w.toLowerCase().slice(0, Math.max(4, w.length - 3)), ...queryTerms(w).flatMap(synonymsOf).filter((t) => t.length >= 4 && /^[a-z]+$/.test(t))]);
  // A share counts too: "how many said …" → "51 percent".
  return figureOf(`(?:${stems.join('|')})\\w*|percent|per cent|%`);
}

/** A time of day: "9:40 A.M.", "0825 local time", "2200 hrs", "0336 GMT", "at noon". */
const CLOCK = /\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\b[012]\d[0-5]\d\s*(?:GMT|UTC|hrs|hours|local|EDT|EST|CET|BST|IST|JST)\b|\b(?:noon|midnight)\b/i;

/** A year: "in 1994", "since 2005", "last year", "a year earlier". */
const YEAR = /\b(?:1[6-9]|20)\d\d\b|\b(?:last|this|next|previous|that)\s+year\b|\ba\s+year\s+(?:ago|earlier|before|later)\b/i;
/** A day of a month spelled out, as wires sometimes write it: "the March five quake", "March fifth". */
const DAY_WORD = String.raw`(?:(?:twenty|thirty)[- ]?)?(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)(?:th)?\b|(?:tenth|twentieth|thirtieth)\b`;
/**
 * A day: a weekday, a day of a month ("March 8", "8 March", "Feb. 1", "March five"), "today",
 * "yesterday", "last night". Case kept: "May 5" is a day, "may 5" is not.
 */
const DAY = new RegExp(
  String.raw`\b${WEEKDAY}\b|\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b|\b(?:[Ll]ast|[Tt]his)\s+(?:night|morning|evening|afternoon)\b|\b${MONTH}\s+(?:\d{1,2}\b|${DAY_WORD})|\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}(?![A-Za-z])`,
);
/** A month: its name ("in March", "last September"). */
const MONTH_NAMED = new RegExp(String.raw`\b${MONTH}(?![A-Za-z])`);

/**
 * "What time did …", "in what year …", "on what date …": the date asked for is of that kind (a time
 * of day, a year, a day, a month), as a pattern its sentence matches. Undefined for "when …", which
 * any date answers.
 */
export function datePatternOf(question: string): RegExp | undefined {
  if (/\b(?:what|which)\s+time\b|\bwhat\s+hour\b/i.test(question)) return CLOCK;
  if (/\b(?:what|which)\s+year\b/i.test(question)) return YEAR;
  if (/\b(?:what|which)\s+(?:date|day)\b/i.test(question)) return DAY;
  if (/\b(?:what|which)\s+month\b/i.test(question)) return MONTH_NAMED;
  return undefined;
}
