import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAsk, answerKind } from '../src/answers/ask/index.ts';
import { expandTerms, rankSentences } from '../src/answers/ask/rank.ts';
import { contentTerms } from '../src/answers/ask/route.ts';
import { questionWords } from '../src/answers/ask/signals.ts';
import type { QuoteRef, SearchItem } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { indexOf, tempCorpus } from './helpers/corpus.ts';

/**
 * Where- and when-questions on real Reuters stories (read from ../shared/corpora at test time, copied
 * to a temporary folder only): the place a sentence calls one ("the district of Chow Kit") holds the
 * answer, a place the question already names does not; the day a report was made ("the owners said
 * on Sunday") is not the day of the event asked about.
 */
const REUTERS = path.resolve(import.meta.dirname, '../../shared/corpora/reuters-21578');
const STORIES = ['21498.txt', '16984.txt', '21576.txt', '21492.txt', '17636.txt', '11389.txt', '19995.txt', '15650.txt', '19452.txt', '06391.txt', '00001.txt', '00002.txt', '00003.txt', '07196.txt', '03464.txt', '12857.txt', '13003.txt', '17509.txt', '16828.txt', '16634.txt', '08516.txt', '06652.txt', '13056.txt', '13074.txt', '00107.txt'];

const haveReuters = existsSync(REUTERS);
if (!haveReuters) console.warn(`test/ask-reuters.test.ts: Reuters question rules skipped (${REUTERS} not found)`);

describe.skipIf(!haveReuters)('places and days asked for, on Reuters stories', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let index: CorpusIndex;
  afterAll(() => corpus?.cleanup());
  beforeAll(async () => {
    corpus = await tempCorpus(false);
    for (const f of STORIES) await copyFile(path.join(REUTERS, f), path.join(corpus.dir, f));
    index = await indexOf(corpus.dir);
  }, 60_000);

  const fitsOf = (q: string, words: string, re: RegExp) => {
    const ranked = rankSentences(index, expandTerms(index, contentTerms(words)), { kind: answerKind(q), asked: questionWords(q), explain: true });
    const r = ranked.find((x) => re.test(index.sentences[x.id]!.text));
    if (!r) throw new Error(`no ranked sentence matches ${re}`);
    return r.fits;
  };

  it('"the district of Chow Kit" names a place; a sentence naming only the asked city does not answer', () => {
    const q = 'In which Kuala Lumpur district did a rifleman shoot people at petrol stations?';
    const words = 'Kuala Lumpur district rifleman shoot people petrol stations';
    expect(fitsOf(q, words, /cordoned off the district of Chow Kit/)).toBe(true);
    expect(fitsOf(q, words, /^Malaysian police denied rumours of race riots in Kuala Lumpur/)).toBe(false);
  });

  it('a city that names an outlet ("Tehran Radio") is no place of the event; "Salvadoran" gives El Salvador', () => {
    const q = 'Around which city in southeastern Iran did the floods cause heavy damage?';
    const words = 'city southeastern Iran floods cause heavy damage';
    expect(fitsOf(q, words, /^Fifty people were killed or injured in flooding in southeastern Iran .* Tehran Radio reported today/)).toBe(false);
    expect(fitsOf(q, words, /said flooding around Zahedan/)).toBe(true);
    const q2 = 'In which Salvadoran province is the army base where a U.S. adviser died in a guerrilla attack?';
    const words2 = 'Salvadoran province army base U.S. adviser died guerrilla attack';
    expect(fitsOf(q2, words2, /died today in a major battle in northern El Salvador/)).toBe(false);
    expect(fitsOf(q2, words2, /attacked the El Paraiso base/)).toBe(true);
  });

  it('once the question names a country, another country is no answer: the town near which Iran attacked is not "Iraq"', () => {
    const q = 'Near which border town did Iran start its April offensive north of Baghdad?';
    const words = 'border town Iran start April offensive north Baghdad';
    expect(fitsOf(q, words, /^Iran said it launched a fresh offensive today north of Baghdad, .* against Iraq/)).toBe(false);
    expect(fitsOf(q, words, /northeast of Qasr-e-Shirin/)).toBe(true);
  });

  it('a place whose name begins like a month ("the Mayfair district") is a place, not a date', () => {
    const q = 'In which Johannesburg neighbourhood did a bomb planted under a car go off?';
    const words = 'Johannesburg neighbourhood bomb planted under car go off';
    expect(fitsOf(q, words, /placed under a car in the Mayfair district/)).toBe(true);
    expect(fitsOf(q, words, /^A bomb rocked a white area of Johannesburg/)).toBe(false);
  });

  it('the day of a report ("the owners said on Sunday") does not date the event; "the accident occurred on Saturday" does', () => {
    const q = 'When did the rock fall that killed six miners at the Boksburg gold mine happen?';
    const words = 'rock fall killed six miners Boksburg gold mine happen';
    expect(fitsOf(q, words, /^Six black miners have been killed .* the owners said on Sunday/)).toBe(false);
    expect(fitsOf(q, words, /the accident occurred on Saturday morning/)).toBe(true);
    // Asked when it was said, the day of the report is the answer.
    expect(fitsOf('When did the owners announce the deaths of the six miners?', 'owners announce deaths six miners', /the owners said on Sunday/)).toBe(true);
    const items = answerAsk(index, q).items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/the accident occurred on Saturday morning/);
  });

  it('a source the question names ("did NBC News say") prefers the sentence where that source speaks', () => {
    const items = answerAsk(index, 'How many Iranians did NBC News say were pulled out of the sea after the U.S. strike on Iranian oil platforms?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/^NBC News said it understood six Iranians had been pulled from the sea/);
  });

  it('"what time" is answered by a time of day ("at about 0825 local time"), not by the day of the lead', () => {
    const items = answerAsk(index, 'What time did the bomb or firecracker blow up in the Philippine Congress building?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/at about 0825 local time \(0025 GMT\)/);
    // Asked when, the lead's day answers.
    const when = answerAsk(index, 'When did the explosive device blow up in the Philippine Congress building?').items as QuoteRef[];
    expect(when[0]!.quote).toMatch(/^An explosive device blew up in the Philippine Congress building early on Tuesday/);
  });

  it('a number word with a capital inside a sentence names a place, not a figure ("the plant at Two Creeks")', () => {
    const q = 'How much radioactive cooling water leaked into Lake Michigan from the Point Beach nuclear plant?';
    const words = 'radioactive cooling water leaked Lake Michigan Point Beach nuclear plant';
    expect(fitsOf(q, words, /released from its Point Beach Nuclear Plant at Two Creeks/)).toBe(false);
    expect((answerAsk(index, q).items as QuoteRef[])[0]!.quote).toMatch(/235 gallons of cooling water were released into Lake Michigan/);
  });

  it('money as Reuters writes it ("about 15 mln dlrs") answers "how much did it cost"', () => {
    const items = answerAsk(index, 'How much did the landslide into the Panama Canal cost the canal?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/^This year's deficit resulted from the landslide which cost the canal about 15 mln dlrs/);
  });

  it('"which Iraqi unit repelled …" asks which one: the sentence naming the unit comes before the lead', () => {
    const items = answerAsk(index, 'Which Iraqi unit repelled the Iranian attack on the snow-clad Kurdistan peak?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/repelled yesterday by the Fifth Army Corps' 96th Brigade/);
  });

  it("a dateline's day is the report's: \"Murdochville, Quebec, April 3 - \" does not say when the fire started", () => {
    const q = "On what day did the fire at Noranda's Murdochville copper mine start?";
    expect((answerAsk(index, q).items as QuoteRef[])[0]!.quote).toMatch(/^The fire, which started Wednesday and burned for more than 24 hours/);
  });

  it('a long question names its detail, so the sentence that tells it beats the lead', () => {
    const items = answerAsk(index, 'What had the Zambian government tried to do that set off the deadly Copperbelt food riots?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/^Fifteen people were killed in the Copperbelt during food riots last December after the government tried to lift maize subsidies/);
  });

  it('a toll is followed by the sentences that tell of the same dead in the question\'s words', () => {
    const items = answerAsk(index, "How many astronauts died in the Challenger disaster that engineer Boisjoly's lawsuit blames on Thiokol?").items as QuoteRef[];
    expect(items[0]!.quote).toBe('The rings failed and all seven shuttle astronauts died in the explosion.');
    expect(items[1]!.quote).toMatch(/^The lawsuit filed by the former employee, engineer Roger Boisjoly, alleged criminal responsibility by Thiokol in the deaths of the seven Challenger astronauts/);
  });

  it('"which Iranian tanker" is answered by the report that names the tanker ("the Iranian tanker Khark-5")', () => {
    const items = answerAsk(index, 'Which Iranian tanker was hit south of Kharg on March 8 in the last confirmed Iraqi attack before the late-March raids?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/when the Iranian tanker Khark-5 was hit south of Kharg/);
  });

  it('two wire versions of one report are one item: the second quoted under the first, not taking a place of its own', () => {
    const items = answerAsk(index, 'How many Iranian boats did Iraq say its forces sank near its oil terminal in the northern Gulf?').items as SearchItem[];
    const first = items.findIndex((it) => /sank three Iranian boats (?:which|that) tried to approach/.test(it.quote));
    expect(first).toBe(0);
    const copies = (items[0]!.alsoIn ?? []).filter((x) => typeof x !== 'string');
    expect(copies.map((x) => x.source)).toEqual([items[0]!.source === '13056.txt' ? '13074.txt' : '13056.txt']);
    expect(items.slice(1).some((it) => /sank three Iranian boats (?:which|that) tried/.test(it.quote))).toBe(false);
  });

  it('the day of a month is no figure: "launched into Iraq on January 9" does not answer "how many"', () => {
    const q = 'How many Iraqi brigades and battalions did Iran say it wiped out in the Karbala-5 offensive toward Basra?';
    const words = 'Iraqi brigades battalions Iran say wiped out Karbala-5 offensive toward Basra';
    expect(fitsOf(q, words, /the operation code-named Karbala-5 launched into Iraq on January 9 was now over/)).toBe(false);
    expect(fitsOf(q, words, /^It said 81 Iraqi brigades and battalions were totally destroyed/)).toBe(true);
  });

  it('"who was the X" gets the sentence that names X before the lead that only describes X', () => {
    const items = answerAsk(index, 'Who was the Saudi diplomat released in Beirut after his kidnapping?').items as QuoteRef[];
    expect(items[0]!.quote).toMatch(/^They identified him as Bakr Damanhuri/);
    expect(items.slice(1, 3).some((it) => /^A kidnapped Saudi Arabian diplomat has been freed in Beirut/.test(it.quote))).toBe(true);
  });
});
