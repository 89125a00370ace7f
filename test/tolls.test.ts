import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { indexOf, tempCorpus } from './helpers/corpus.ts';
import { answerAsk } from '../src/answers/ask/index.ts';
import { answerCasualties } from '../src/answers/casualties.ts';
import { tollLabel } from '../src/answers/format.ts';
import type { CasualtyItem } from '../src/answers/types.ts';
import { buildIndex } from '../src/index/build.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { readCorpus } from '../src/corpus/read.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';
import { extractTolls } from '../src/nlp/tolls.ts';

/** The tolls read in a text taken as one article (sentences of Reuters and BBC stories). */
function tollsOf(text: string, title?: string) {
  const sentences = splitParagraph('t.txt', text, { start: 0, end: text.length }, 0);
  return extractTolls({ meta: { file: 't.txt', title }, sentences });
}

describe('every kind of toll a reader counts', () => {
  it('reads a toll that rose as an update of the dead', () => {
    const [m] = tollsOf('Officials said the death toll from Friday\'s earthquake had risen to at least 70 as more bodies were recovered.');
    expect(m).toMatchObject({ killed: { value: 70, text: 'at least 70', atLeast: true }, update: true });
    expect(m?.event).toMatch(/earthquake/);
  });

  it('reads dead, missing and the combined "dead or presumed dead" total of one statement, with its parts', () => {
    const [m] = tollsOf(
      'Officials said 32 of the 543 passengers and crew were confirmed dead and 160 were missing, bringing the total of dead or presumed dead to 192.',
    );
    expect(m?.killed?.value).toBe(32);
    expect(m?.missing?.value).toBe(160);
    expect(m?.combined).toMatchObject({ value: 192, of: ['dead', 'presumed dead'] });
    expect(m?.update).toBe(true);
    // 543 is the number aboard, not a toll.
    expect(JSON.stringify(m)).not.toContain('543');
  });

  it('reads "dead or missing" and "killed or wounded" as combined figures, never as dead', () => {
    const [q] = tollsOf('The earthquake left 1,000 people dead or missing.');
    expect(q).toMatchObject({ killed: null, combined: { value: 1000, of: ['dead', 'missing'] } });
    const [w] = tollsOf('Iraqi troops suffered 3,000 casualties in a week-old offensive by Iran\'s forces.');
    expect(w).toMatchObject({ killed: null, wounded: null, combined: { value: 3000, of: ['casualties'] } });
  });

  it('reads missing and unaccounted for', () => {
    expect(tollsOf('Police said 240 people were still unaccounted for after the fire.')[0]?.missing?.value).toBe(240);
  });

  it('reads "treated for" and "hospitalised" as wounded', () => {
    expect(tollsOf('A gas leak hit the plant. Twenty-five people were treated for bone fractures.')[0]?.wounded?.text).toBe('Twenty-five');
    expect(tollsOf('Ten people were hospitalised after the blast.')[0]?.wounded?.value).toBe(10);
    // A course of treatment is no injury.
    expect(tollsOf('The study showed that two children suffering from the disease were treated for 11 and seven months.')).toEqual([]);
  });

  it('keeps trapped, rescued, homeless and displaced apart from the dead', () => {
    const [t] = tollsOf('Rescuers said there was no hope of rescuing any of about 220 passengers trapped in the sunken ferry.');
    expect(t).toMatchObject({ killed: null, affected: [{ kind: 'trapped', figure: { value: 220, text: 'about 220' } }] });
    const [h] = tollsOf('The floods left 3,000 people homeless.');
    expect(h).toMatchObject({ killed: null, affected: [{ kind: 'homeless', figure: { value: 3000 } }] });
    // With no event at all, "rescued from a legal black hole" is no toll.
    expect(tollsOf('He said the four had been rescued from a legal black hole.')).toEqual([]);
  });

  it('lists people named as victims, with no figure invented', () => {
    const [m] = tollsOf('The explosion also injured Interior Minister Abdallah al-Rassi and the pilot.');
    expect(m).toMatchObject({ killed: null, wounded: null, victims: { kind: 'wounded', names: ['Interior Minister Abdallah al-Rassi', 'the pilot'] } });
    expect(m?.event).toMatch(/explosion/);
  });

  it('takes no toll from a crime told in court, an anecdote, or a list', () => {
    expect(tollsOf('The drama is about Angela Cannings, who was wrongly convicted of killing two of her babies.')).toEqual([]);
    expect(tollsOf('He was charged with murdering three people in the attack.')).toEqual([]);
    expect(tollsOf('"No one died, it\'s not a big story, but it was scary at the time," laughs Conti.')).toEqual([]);
    expect(tollsOf('The ICRC runs four daily broadcasts of their lists of the missing on the radio.')).toEqual([]);
  });

  it('marks a total over years, and takes the headline\'s event for a toll whose sentence names none', () => {
    expect(tollsOf('Forsyth says 3000 died over 30 years of terrorism.')[0]?.historical).toBe(true);
    const [m] = tollsOf('The worst-hit areas are Sri Lanka, India, Indonesia and Thailand, with at least 23,000 people killed.', 'Asian quake hits European shares');
    expect(m).toMatchObject({ killed: { value: 23000 }, event: 'quake', eventArticle: true });
  });
});

describe('the parts of a toll', () => {
  it('keeps the counts one sentence splits a toll into out of its change line', async () => {
    const corpus = await tempCorpus(false);
    onTestFinished(corpus.cleanup);
    await writeFile(
      path.join(corpus.dir, 'battle.txt'),
      'At least 40 soldiers and guerrillas died today in a major battle in northern El Salvador, military sources said.\n\nThe sources said 30 guerrillas and 12 government soldiers were killed in the battle in El Salvador.\n',
    );
    const [item] = answerCasualties(await indexOf(corpus.dir), 'battle').items as CasualtyItem[];
    // Undated: by figure, lowest first.
    expect(item!.order).toBe('figure');
    expect(item!.reports!.map((r) => [r.figure?.text, r.part])).toEqual([
      ['12', true],
      ['30', true],
      ['At least 40', false],
    ]);
    expect(item!.change).toBeNull();
    expect(item!.killedText).toBe('At least 40');
  });

  it('a report naming both countries of an event does not make the others parts of it', async () => {
    const corpus = await tempCorpus(false);
    onTestFinished(corpus.cleanup);
    const files: Record<string, [string, string]> = {
      'a.txt': ['1987-03-07', 'ZEEBRUGGE, Belgium, March 7 - At least 26 people were killed when the British ferry Herald of Free Enterprise capsized off the Belgian port of Zeebrugge, rescue officials said.\n'],
      'b.txt': ['1987-03-08', 'ZEEBRUGGE, Belgium, March 8 - About 200 people are feared dead after the ferry Herald of Free Enterprise capsized off Zeebrugge, officials said.\n'],
      'c.txt': ['1987-03-12', 'ZEEBRUGGE, Belgium, March 12 - The death toll in the Zeebrugge ferry disaster stands at 192, officials said.\n'],
    };
    for (const [f, [, text]] of Object.entries(files)) await writeFile(path.join(corpus.dir, f), text);
    await writeFile(path.join(corpus.dir, 'sources.json'), JSON.stringify(Object.fromEntries(Object.entries(files).map(([f, [published]]) => [f, { published }]))));
    const [item] = answerCasualties(await indexOf(corpus.dir), 'ferry').items as CasualtyItem[];
    expect(item!.reports!.map((r) => r.part)).toEqual([false, false, false]);
    expect(item!.change).toBe('At least 26 → About 200 → 192');
  });
});

const BBC = path.resolve(import.meta.dirname, '../../shared/corpora/bbc-news-2004-2005');
const haveBbc = existsSync(BBC);
if (!haveBbc) console.warn(`test/tolls.test.ts: BBC grouping tests skipped (${BBC} not found)`);

type QuoteRefLike = { quote: string; source: string };

describe.skipIf(!haveBbc)('events as stories on BBC news (undated articles)', () => {
  let index: CorpusIndex;
  let items: CasualtyItem[];
  beforeAll(async () => {
    // The BBC stories that speak of deaths or injuries at all, read in place.
    const read = await readCorpus(BBC);
    const files = new Set<string>();
    for (const f of await readdir(BBC)) {
      if (!f.endsWith('.txt')) continue;
      if (/tsunami|killed|died|dead\b|injured|convicted/i.test(await readFile(path.join(BBC, f), 'utf8'))) files.add(f);
    }
    index = buildIndex(read.articles.filter((a) => files.has(a.file)), []);
    items = answerCasualties(index, '', { limit: Number.POSITIVE_INFINITY }).items as CasualtyItem[];
  }, 120_000);

  const isWave = (i: CasualtyItem) => /tsunami|wave|quake/i.test(i.event ?? '') && (i.highest?.value ?? 0) >= 10_000;

  it('tells the tsunami as one event, its reports by figure (no dates) with its range and change', () => {
    const waves = items.filter(isWave);
    expect(waves).toHaveLength(1);
    const t = waves[0]!;
    expect(t.reports!.length).toBeGreaterThanOrEqual(8);
    expect(t.order).toBe('figure');
    expect(t.latest).toBeNull();
    const values = t.reports!.map((r) => r.figure?.value).filter((v): v is number => v != null);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(t.range!.high.value).toBeGreaterThanOrEqual(100_000);
    expect(t.change).toMatch(/ → .* → /);
    expect(tollLabel(t)).toContain(t.change!);
    // No other item with a vast toll of the waves.
    expect(items.filter((i) => i !== t && /tsunami|tidal wave/i.test(i.quote) && (i.killed ?? 0) >= 10_000)).toEqual([]);
    expect(answerCasualties(index, 'tsunami').message).toMatch(/by figure/);
  });

  it('a toll question about the dead takes no injury toll found only through its story\'s words', () => {
    // sport-245: "A car bomb exploded in a street outside the stadium and 17 people were slightly injured" (Real Madrid's);
    // business-311: "… 191 people were killed and more than 2,000 injured in March after the terrorist attack on train stations in Madrid."
    const all = answerAsk(index, 'How many people were killed in the Madrid bombings?').items as (QuoteRefLike & { killedText?: string | null })[];
    expect(all.some((x) => 'killedText' in x && x.killedText === null)).toBe(false);
    expect(all.slice(0, 3).map((x) => x.quote).some((q) => /191 people were killed/.test(q))).toBe(true);
  });

  it('keeps the Madrid bombs apart from the tsunami', () => {
    const madrid = items.find((i) => /Madrid/.test(i.event ?? ''));
    expect(madrid).toBeDefined();
    expect(isWave(madrid!)).toBe(false);
  });

  it('lists no court case and no anecdote with no event among the tolls', () => {
    for (const i of items) {
      // "convicted of making and planting the IRA bombs which killed seven" is the bombs' toll; a killing told in court is not.
      for (const s of i.sources) expect(s.quote).not.toMatch(/(?:convicted|charged|accused|guilty) (?:of|with) (?:killing|murder)/i);
      if (i.noCasualties) expect(i.event).not.toBeNull();
    }
  });

  it('quotes every report word for word from its article', async () => {
    for (const i of items.slice(0, 40)) {
      for (const r of i.reports!) {
        for (const s of r.sources) expect(await readFile(path.join(BBC, s.source), 'utf8')).toContain(s.quote);
      }
    }
  });
});

const REUTERS = path.resolve(import.meta.dirname, '../../shared/corpora/reuters-21578');
const haveReuters = existsSync(REUTERS);
if (!haveReuters) console.warn(`test/tolls.test.ts: Reuters grouping tests skipped (${REUTERS} not found)`);

describe.skipIf(!haveReuters)('events and the questions about them on Reuters (dated articles)', () => {
  let index: CorpusIndex;
  /** The files of the event that holds a toll stated in `file`. */
  const eventOf = (file: string) => [...new Set(index.derived.tolls.find((e) => e.refs.some((r) => r.file === file))?.refs.map((r) => r.file))].sort();
  beforeAll(async () => {
    const read = await readCorpus(REUTERS);
    // Floods in Oklahoma and Iran; a South African mine disaster, quakes in Ecuador and Japan; a Soviet dam, Georgian avalanches, Transcaucasian and Turkish floods.
    const files = new Set(['17521.txt', '17636.txt', '02073.txt', '03332.txt', '06343.txt', '06397.txt', '05289.txt', '09327.txt', '04110.txt', '03635.txt', '18228.txt', '03854.txt', '15230.txt', '04030.txt', '11389.txt', '02688.txt', '17879.txt', '01901.txt', '08197.txt', '06336.txt', '06390.txt', '08181.txt', '13527.txt', '08583.txt', '19995.txt', '20778.txt', '03289.txt']);
    // Among the first 2,000 articles, for words of death to be as rare as in news at large.
    index = buildIndex(read.articles.filter((a, k) => files.has(a.file) || k < 2000), []);
  }, 120_000);

  it('floods the same day in "central Oklahoma" and in "southeastern Iran" are two events (a US state counts as its country)', () => {
    expect(eventOf('17521.txt')).toEqual(['17521.txt']);
    expect(eventOf('17636.txt')).not.toContain('17521.txt');
  });

  it('a figure of the homeless is no vast toll: "the disaster" of 177 gold miners is neither quake', () => {
    // 03332: "at least 15,000 were left homeless" by the Ecuador quake; 02073: "last year's disaster when 177 gold miners died".
    expect(eventOf('02073.txt')).toEqual(['02073.txt']);
    expect(eventOf('06343.txt')).not.toContain('03332.txt');
  });

  it('a toll whose event names no place is kept apart by the countries its sentence names', () => {
    // 05289: a dam collapse "in Soviet Tadzhikistan"; 09327: "Floods and avalanches killed 110 people … in the southern Soviet republic of Georgia".
    expect(eventOf('05289.txt')).toEqual(['05289.txt']);
    expect(eventOf('09327.txt')).not.toContain('05289.txt');
  });

  it('the latest article stands for its story by the figure it leads with, not by an estimate it adds later', () => {
    // 03332 leads with "up to 300 people were feared dead", then adds "Other estimates ranged as high as 500 dead."
    const entry = index.derived.tolls.find((e) => e.refs.some((r) => r.file === '03332.txt'))!;
    const lead = entry.reports[entry.lead]!;
    expect(lead.killed?.text).toBe('up to 300');
    expect(entry.killed?.text).toBe('up to 300');
    expect(entry.reports.some((r) => r.killed?.text === 'as high as 500')).toBe(true);
  });

  it('a how-many question about one group of the dead is answered by the figure that counts that group', () => {
    // 11389: "At least 40 soldiers and guerrillas … died", then "The sources said 30 guerrillas and 12 government soldiers were killed".
    const first = (q: string) => answerAsk(index, q).items[0] as CasualtyItem;
    expect(first('How many guerrillas were killed in the raid in El Salvador?')).toMatchObject({ killedText: '30', source: '11389.txt', quote: expect.stringMatching(/^The sources said 30 guerrillas/) });
    expect(first('How many soldiers were killed in the raid in El Salvador?')).toMatchObject({ killedText: '12', quote: expect.stringMatching(/^The sources said 30 guerrillas/) });
    expect(first('How many people were killed in the raid in El Salvador?')).toMatchObject({ killedText: 'At least 40' });
    // 13527: "Iraq said today its troops had killed thousands of Iranians …", then "… Iranian forces had killed or wounded over 2,600 Iraqis".
    const iraqis = first('How many Iraqis did Iran say it killed or wounded in the Karbala-8 offensive?');
    expect(iraqis).toMatchObject({ source: '13527.txt', combined: { text: 'over 2,600' }, quote: expect.stringMatching(/^The Iranian news agency IRNA said Iranian forces had killed or wounded over 2,600 Iraqis/) });
  });

  it('a when-question is answered by the date its sentence gives the thing asked about, of the dates it gives', () => {
    // 02688: "Ecuador today suspended its crude oil exports indefinitely due to an earthquake last night …"
    const items = answerAsk(index, 'When did the Ecuador earthquake happen?').items as { source: string; date: string; dateText: string }[];
    expect(items.find((it) => it.source === '02688.txt')).toMatchObject({ date: '1987-03-05', dateText: 'last night' });
    const exports = answerAsk(index, 'When did Ecuador suspend its crude oil exports?').items as { source: string; date: string; dateText: string }[];
    expect(exports.find((it) => it.source === '02688.txt')).toMatchObject({ date: '1987-03-06', dateText: 'today' });
  });

  it('a when-question prefers the sentence that dates the very thing asked ("began on May 6") to one that dates the fires otherwise', () => {
    // 17879: "The fires which began on May 6 have killed 191 people."; 01901: "More than 1,000 fires in southern China had destroyed 13,340 hectares of forest by mid-February".
    const [first] = answerAsk(index, 'When did the China forest fires begin?').items as { quote: string; date: string }[];
    expect(first).toMatchObject({ quote: 'The fires which began on May 6 have killed 191 people.', date: '1987-05-06' });
  });

  it('a when-question whose words end on a place dates the word before it ("start" of "the forest fires start in China")', () => {
    // 01901: "More than 1,000 fires in southern China had destroyed 13,340 hectares of forest by mid-February"; 17879: "The fires which began on May 6 …".
    const [first] = answerAsk(index, 'When did the forest fires start in China?').items as { quote: string }[];
    expect(first?.quote).toBe('The fires which began on May 6 have killed 191 people.');
  });

  it('of two sentences that date the asked thing, the one that gives the day comes first ("crash on August 12, 1985", not "the 1985 crash")', async () => {
    // 16089: "… in the 1985 crash of a Japan Air Lines Boeing 747 …"; 15073 and 13249: "… crash on August 12, 1985".
    const read = await readCorpus(REUTERS);
    const jal = buildIndex(read.articles.filter((a) => ['16089.txt', '15073.txt', '13249.txt'].includes(a.file)), []);
    const [first] = answerAsk(jal, 'When did the Japan Air Lines crash happen?').items as { date: string; dateText: string }[];
    expect(first).toMatchObject({ date: '1985-08-12', dateText: 'August 12, 1985' });
  });

  it('a when-answer dated by the year alone gives way to the same article\'s month of that year', () => {
    // 02073: "… following last year's disaster when 177 gold miners died …", then "The mineworkers were killed last September at Kinross …".
    const [first] = answerAsk(index, 'When did the Kinross mine disaster happen?').items as { date: string; dateText: string; source: string }[];
    expect(first).toMatchObject({ source: '02073.txt', date: '1986-09', dateText: 'last September' });
  });

  it('a how-many question finds a toll whose story names what the toll sentence does not ("One person was killed" of the tanker Avaj)', () => {
    const [first] = answerAsk(index, 'How many people were killed when the Iranian tanker Avaj was attacked?').items as CasualtyItem[];
    expect(first).toMatchObject({ source: '08197.txt', quote: 'One person was killed.', killedText: 'One' });
  });

  it('a how-many question also finds the later toll of an article that names the event in another sentence', () => {
    // 06336: "A bomb blast at the Philippine Military Academy killed at least one person …"; 08181, a week
    // later: "last week's bombing of the Philippine Military Academy", then "Four people died and 40 were injured in the blast."
    const items = answerAsk(index, 'How many people died in the bombing of the Philippine Military Academy?').items as CasualtyItem[];
    expect(items.slice(0, 3).map((it) => it.quote)).toContain('Four people died and 40 were injured in the blast, which President Aquino said was designed as an attempt on her life.');
  });

  it('a how-many question its story answers without a figure is answered by the sentence that tells of the hurt', () => {
    // 08583: the lead names the car bomb; two sentences on, "He said some people had been injured", which names nothing of it.
    const a = answerAsk(index, 'How many people were hurt when the car bomb exploded at the British army headquarters?');
    expect((a.items[0] as { quote: string }).quote).toBe('He said some people had been injured but did not know how many.');
  });

  it('"how did X die" is answered by the sentence that tells how, not by the lead that names the death', () => {
    // 03289 leads "With the death of Sen. Edward Zorinsky (D-Neb.), …"; its third sentence: "who died of a heart attack last Friday".
    const a = answerAsk(index, 'How did Senator Zorinsky die?');
    expect((a.items[0] as { quote: string }).quote).toMatch(/^Zorinsky, who died of a heart attack last Friday/);
  });

  it('a who-question is answered by the group that did it when no person did ("Suspected communist rebels bombed …")', () => {
    // 06336 leads with the blast and names no one; 06390: "Suspected communist rebels bombed the Philippine Military Academy …".
    const a = answerAsk(index, 'Who bombed the Philippine Military Academy?');
    expect((a.items[0] as { quote: string }).quote).toMatch(/^Suspected communist rebels bombed the Philippine Military Academy/);
  });

  it('a yes-or-no question about a toll is answered by the report, "no one" included', () => {
    const first = (q: string) => (answerAsk(index, q).items[0] as { quote: string } | undefined)?.quote;
    expect(first('Was anyone injured by the explosion in the Philippine Congress?')).toMatch(/^He said no-one was injured in the blast/);
    expect(first("Did the shells that fell on Kuwait's border cause casualties?")).toMatch(/fell on Kuwait's northern border on Tuesday but caused no casualties/);
  });

  it('a how-many question the tolls do not hold answers from the words it asks, not from every word of death', () => {
    // No toll matches "fire" (18228 says the tanks "burst into flames"); the Iraqi war communiques (03854 "backed by tanks") speak more of death.
    const a = answerAsk(index, 'How many people were injured in the fire at the fuel tanks in France?');
    expect((a.items[0] as { quote: string }).quote).toMatch(/six injured after tanks containing thousands of cubic metres of fuel/);
  });
});
