/**
 * Word lists for reading tolls: which nouns name deadly events (and what kind of event, so that two
 * reports of one event can be recognised), and which nouns name people (so that "44 people were
 * killed" is a toll and "128 raids" or "10 dead insects" are not). General English, no corpus names.
 */

/** Event head nouns (lemmas) → the kinds of event they can name. Two reports agree when kinds meet. */
export const EVENT_CLASSES: Record<string, string[]> = {};
const KINDS: Record<string, string[]> = {
  air: ['flight', 'jet', 'jetliner', 'plane', 'airliner', 'aircraft', 'airplane', 'helicopter', 'airship', 'crash', 'hijacking'],
  attack: [
    'attack', 'assault', 'bombing', 'bomb', 'blast', 'explosion', 'shooting', 'gunfire', 'raid', 'ambush', 'massacre',
    'killing', 'shelling', 'airstrike', 'strike', 'rocket', 'grenade', 'landmine', 'mortar', 'violence', 'clash', 'riot',
    'unrest', 'rampage', 'attacks', 'hijacking', 'siege', 'uprising', 'execution',
  ],
  war: ['war', 'offensive', 'battle', 'fighting', 'clash', 'shelling', 'raid', 'attack', 'assault', 'airstrike', 'strike', 'uprising'],
  quake: ['earthquake', 'quake', 'tremor', 'aftershock', 'tsunami', 'wave', 'waves'],
  water: ['ferry', 'boat', 'ship', 'vessel', 'tanker', 'sinking', 'capsizing', 'shipwreck', 'collision', 'trawler', 'freighter', 'barge', 'frigate'],
  weather: [
    'flood', 'flooding', 'floods', 'rain', 'rains', 'storm', 'hurricane', 'typhoon', 'cyclone', 'tornado', 'landslide',
    'mudslide', 'avalanche', 'blizzard', 'heatwave', 'drought', 'snowstorm', 'gale', 'downpour', 'monsoon', 'hailstorm',
    'windstorm', 'rainstorm',
  ],
  fire: ['fire', 'blaze', 'explosion', 'blast', 'inferno', 'eruption', 'leak'],
  rail: ['train', 'derailment', 'collision', 'crash'],
  road: ['bus', 'crash', 'collision', 'truck', 'pileup'],
  mine: ['mine', 'colliery', 'explosion', 'blast', 'cave-in', 'collapse', 'rockfall', 'fall', 'fire'],
  disease: ['epidemic', 'outbreak', 'famine', 'poisoning', 'cholera', 'disease', 'virus', 'flu'],
};
for (const [kind, words] of Object.entries(KINDS)) {
  for (const w of words) {
    const list = EVENT_CLASSES[w] ?? [];
    if (!list.includes(kind)) list.push(kind);
    EVENT_CLASSES[w] = list;
  }
}
/** The kind of words that may name any deadly event ("disaster", "accident"): never in conflict, never a sign of agreement. */
export const ANY_KIND = 'any';
for (const w of ['disaster', 'tragedy', 'accident', 'catastrophe', 'incident']) EVENT_CLASSES[w] = [ANY_KIND];

/** Words that start an event noun phrase's modifiers but are not part of its name. */
export const NOT_EVENT_MODIFIERS = new Set([
  'last', 'latest', 'recent', 'previous', 'same', 'such', 'other', 'further', 'first', 'second', 'third', 'new', 'next',
  'worst', 'deadliest', 'biggest', 'major', 'several', 'many', 'few', 'apparent', 'alleged', 'separate', 'similar',
  'another', 'week', 'weekend', 'day', 'night', 'morning', 'afternoon', 'evening', 'yesterday', 'today',
]);

/** Nouns (lemmas) that name people. */
const PEOPLE = new Set(
  `people person persons man men woman women child children kid boy girl baby infant youth teenager adult student pupil
civilian soldier troop trooper serviceman servicemen officer policeman policemen police guard guardsman marine sailor seaman
crewman crewmen crew crewmember pilot passenger traveller traveler tourist visitor worker miner employee staff personnel member
fighter militant guerrilla guerilla rebel insurgent gunman gunmen terrorist attacker hijacker commando demonstrator protester
protestor rioter striker resident villager inhabitant citizen national refugee pilgrim worshipper worshiper spectator fan
player athlete climber hiker fisherman fishermen farmer peasant prisoner inmate detainee hostage suspect victim patient
doctor nurse journalist reporter photographer diplomat official leader commander general priest monk nun family relative
bystander pedestrian motorist driver occupant firefighter fireman firemen rescuer volunteer laborer labourer settler
tribesman tribesmen muslim moslem christian sikh hindu jew arab kurd black white infantryman paratrooper airman policewoman
astronaut cosmonaut agent watchman shopper diner customer guest competitor runner cyclist swimmer camper skier boater survivor casualty
american briton iranian iraqi israeli palestinian lebanese syrian afghan indian pakistani chinese japanese filipino
african european asian russian soviet`.split(/\s+/),
);

/**
 * Whether a noun names people: a known people noun, a plural proper noun of nationality
 * ("Iranians", "Americans", "Israelis"), or a word made with -man/-men/-ist/-ian ("fishermen",
 * "activists", "civilians").
 */
export function isPersonNoun(lemma: string, value: string, pos: string): boolean {
  const l = lemma.toLowerCase();
  const v = value.toLowerCase();
  if (PEOPLE.has(l) || PEOPLE.has(v)) return true;
  if (pos === 'PROPN' && /^\p{Lu}\p{Ll}+(?:ans|ians|is|ese|ers|ites|s)$/u.test(value)) return true;
  // "activists", "civilians", "fishermen"; not "lists", "twists" (a lemma of six letters at least).
  return pos === 'NOUN' && /(?:men|man|women|ists|ians)$/.test(v) && !/(?:ment|human)$/.test(v) && l.length >= 6;
}

/** Words of a toll statement, shared by the rules in `../tolls.ts` and the token reader in `view.ts`. */
export const KILLED_PASSIVE = new Set(['killed', 'dead', 'died', 'drowned', 'perished', 'slain']);
export const WOUNDED_PASSIVE = new Set(['wounded', 'injured', 'hurt']);
/** Verbs that end "… to death" or "… dead": "shot dead", "stabbed to death". */
export const TO_DEATH = new Set([
  'shot', 'stabbed', 'burned', 'burnt', 'beaten', 'crushed', 'hacked', 'clubbed', 'knifed', 'trampled', 'electrocuted',
  'frozen', 'starved', 'stoned', 'gunned', 'bludgeoned', 'battered',
]);
export const KILL_ACTIVE = new Set(['killed', 'killing', 'kills', 'kill']);
export const WOUND_ACTIVE = new Set(['wounded', 'wounding', 'wounds', 'injured', 'injuring', 'injures']);
/** Words between a subject and its predicate: "were", "have been", "reportedly", "feared", "believed to have". */
export const CHAIN = new Set([
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'be', 'being', 'reportedly', 'also', 'later', 'all', 'both',
  'apparently', 'feared', 'believed', 'confirmed', 'presumed', 'reported', 'known', 'said', 'thought', 'listed', 'to',
  'seriously', 'badly', 'critically', 'slightly', 'severely', 'fatally', 'mortally', 'officially', 'now', 'already',
  'each', 'either', 'instantly', 'immediately', 'allegedly', 'probably', 'likely', 'left', 'lay', 'lying', 'found',
  'still', 'remain', 'remained', 'remains', 'made',
]);
export const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
export const MODALS = new Set(['could', 'would', 'might', 'may', 'will', 'should', 'can', 'shall', 'must', 'to', 'threatened', 'threatening']);
/** Words allowed inside the noun phrase between a figure and its predicate ("44 people", "200 of its personnel"). */
export const NP_GLUE = new Set(['of', 'them', 'whom', 'those', 'the', 'its', 'their', 'his', 'her', 'other', 'others', 'more', 'aboard', 'these']);
/** Words before a figure, and whether they make it a lower bound. */
export const QUALIFIERS: [string[], boolean][] = [
  [['at', 'least'], true], [['more', 'than'], true], [['upwards', 'of'], true], [['in', 'excess', 'of'], true],
  [['not', 'less', 'than'], true], [['no', 'fewer', 'than'], true], [['over'], true], [['least'], true],
  [['up', 'to'], false], [['as', 'many', 'as'], false], [['an', 'estimated'], false], [['estimated'], false],
  [['close', 'to'], false], [['as', 'high', 'as'], false], [['fewer', 'than'], false], [['less', 'than'], false],
  [['about'], false], [['around'], false], [['some'], false], [['nearly'], false], [['almost'], false],
  [['approximately'], false], [['roughly'], false], [['only'], false],
];
export const isQualifierWord = (w: string) => QUALIFIERS.some(([ws]) => ws.includes(w));
/** Words that open another clause: an event beyond them is not the toll's. */
export const CLAUSE_BREAKS = new Set(['as', 'while', 'because', 'but', 'although', 'though', 'whereas', ';', 'since', 'unless']);
