
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCasualties } from '../src/answers/casualties.ts';
import { reply } from '../src/answers/engine.ts';
import type { CasualtyItem } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';
import { extractTolls, type TollMention } from '../src/nlp/tolls.ts';
import { indexOf, seedIndex, seedTexts, tempCorpus } from './helpers/corpus.ts';

let seeds: CorpusIndex;
beforeAll(async () => {
  seeds = await seedIndex();
});

const items = (index: CorpusIndex, query = '') => answerCasualties(index, query).items as CasualtyItem[];

/** The tolls wink and the rules find in a text, read as one article. */
function tollsOf(text: string): (TollMention & { quote: string })[] {
  const sentences = splitParagraph('t.txt', text, { start: 0, end: text.length }, 0);
  return extractTolls({ meta: { file: 't.txt' }, sentences }).map((m) => ({ ...m, quote: sentences[m.sentence]!.sentence.text }));
}
const figures = (text: string) => tollsOf(text).map((m) => [m.killed?.text ?? null, m.wounded?.text ?? null]);

describe('/casualties on the seed articles', () => {
  it('finds the three tolls, each once', () => {
    const found = items(seeds);
    expect(found.map((i) => i.killed).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([44, 129, 224]);
  });

  it('gives the Metrojet toll once, corroborated by both articles, with the date of the crash', () => {
    const jet = items(seeds).find((i) => i.killed === 224)!;
    expect(jet.event).toMatch(/Metrojet flight/);
    expect(jet.atLeast).toBe(false);
    expect(jet.date).toBe('2015-10-31');
    expect(new Set(jet.sources.map((s) => s.source))).toEqual(new Set(['000_6dab9517ce660b1d.txt', '002_6c61f80302cb1f60.txt']));
    expect(jet.sources.map((s) => s.quote)).toContain('In Moscow, the Kremlin acknowledged that a bomb had destroyed the jet last month, killing 224 people.');
    expect(jet.sources.some((s) => s.quote.includes('bringing down a Metrojet flight') && s.quote.includes('killing 224 people'))).toBe(true);
    expect(jet.sources[0]).toMatchObject({ quote: jet.quote, source: jet.source });
  });

  it('gives the Paris toll once, 129 dead and "hundreds" wounded (no number invented)', () => {
    const paris = items(seeds).find((i) => i.killed === 129)!;
    expect(paris.wounded).toBeNull();
    expect(paris.woundedText).toBe('hundreds');
    expect(paris.event).toMatch(/Paris|attacks/);
    expect(paris.date).toBe('2015-11-13');
    // First reported by the earlier article.
    expect(paris.published).toBe('2015-11-17');
    expect(paris.sources.map((s) => s.quote)).toEqual(
      expect.arrayContaining([
        'Its deployment was already planned before the attacks Friday that left 129 dead and hundreds wounded.',
        expect.stringContaining('assaults that killed 129 in Paris last week'),
      ]),
    );
    // The first source states both figures the item gives.
    expect(paris.quote).toMatch(/129 dead and hundreds wounded/);
  });

  it('keeps "at least 44" as a lower bound, with the bombing and its date', () => {
    const beirut = items(seeds).find((i) => i.killed === 44)!;
    expect(beirut).toMatchObject({ atLeast: true, killedText: 'At least 44', date: '2015-11-12', noCasualties: false });
    expect(beirut.event).toMatch(/suicide bombing in a Beirut suburb/);
    expect(beirut.sources).toHaveLength(1);
  });

  it('states no false toll: raids, governors, strikes, ages, durations, places, arrests, vague boasts', () => {
    const quotes = items(seeds).flatMap((i) => i.sources.map((s) => s.quote));
    for (const trap of [
      /128 raids/,
      /34 governors/,
      /seven French airstrikes/,
      /Abdeslam, 26/,
      /Abdeslam Salah, 26/,
      /90-minute/,
      /seven locations/,
      /two women and a man/,
      /We killed a lot of them/,
      /one-year siege/,
      /four-year Syrian conflict/,
    ]) {
      expect(quotes.some((q) => trap.test(q))).toBe(false);
    }
    for (const i of items(seeds)) expect([i.killed, i.wounded]).not.toContain(26);
  });

  it('quotes every sentence verbatim from its article, each article with its publication date', async () => {
    const texts = await seedTexts();
    for (const i of items(seeds)) {
      for (const s of i.sources) {
        expect(texts.get(s.source)).toContain(s.quote);
        expect(s.published).toBe(seeds.articles.get(s.source)!.meta.published);
      }
    }
  });

  it('narrows by event or place, on the event, the sentences and the titles', () => {
    expect(items(seeds, 'Beirut').map((i) => i.killed)).toEqual([44]);
    expect(items(seeds, 'Russian jet').map((i) => i.killed)).toEqual([224]);
    expect(items(seeds, 'Paris').map((i) => i.killed)).toEqual([129]);
    expect(items(seeds, 'suicide bombing').map((i) => i.killed)).toEqual([44]);
    const none = answerCasualties(seeds, 'Tokyo');
    expect(none.items).toEqual([]);
    expect(none.message).toMatch(/No toll/);
  });

  it('answers from the tolls computed at indexing, and through the command line parser', () => {
    expect(seeds.derived.tolls).toHaveLength(3);
    const emptied: CorpusIndex = { ...seeds, derived: { ...seeds.derived, tolls: [] } };
    expect(answerCasualties(emptied, '').items).toEqual([]);
    const r = reply(seeds, '/casualties Beirut');
    expect('items' in r && r.items.length).toBe(1);
  });
});

describe('reading tolls in a sentence', () => {
  it('reads figures in digits and words, with their qualifiers', () => {
    expect(figures('Thirty four workers died in a methane gas explosion at a coal mine last Thursday.')).toEqual([['Thirty four', null]]);
    expect(figures('Twenty-seven people were killed and 18 injured when an airliner hit power lines.')).toEqual([['Twenty-seven', '18']]);
    expect(figures('The quake killed at least 300 people and injured dozens.')).toEqual([['at least 300', 'dozens']]);
    expect(figures('The death toll from the floods rose to 134 on Sunday.')).toEqual([['134', null]]);
    expect(figures('The storm claimed 20 lives in the north.')).toEqual([['20', null]]);
    expect(figures('Seven black youths were knifed and shot to death in a mass killing.')).toEqual([['Seven', null]]);
  });

  it('does not take a total, a part, an age or a mixed count for a toll', () => {
    // The crew is eight; one was killed.
    expect(figures('The vessel sank and one of its eight crew members was killed.')).toEqual([['one', null]]);
    // Four policemen are among the six wounded.
    expect(figures('Six people including four policemen were wounded in a shooting.')).toEqual([[null, 'Six']]);
    // Killed and wounded cannot be told apart: one combined figure, neither dead nor wounded.
    expect(figures('Iraq said its forces killed or wounded 1,500 soldiers.')).toEqual([[null, null]]);
    expect(tollsOf('Iraq said its forces killed or wounded 1,500 soldiers.')[0]?.combined).toMatchObject({ value: 1500, of: ['killed', 'wounded'] });
    expect(figures('It said at least 2,000 troops had been killed, wounded or captured.')).toEqual([[null, null]]);
    expect(tollsOf('It said at least 2,000 troops had been killed, wounded or captured.')[0]?.combined).toMatchObject({ text: 'at least 2,000', of: ['killed', 'wounded', 'captured'] });
    expect(figures('The rules allow 10 live or dead insects per sample.')).toEqual([]);
    expect(figures('A 26-year-old man was killed.')).toEqual([]);
    expect(figures('The attack could kill 1,000 people.')).toEqual([]);
    expect(figures('Three gunmen killed 12 people in the attack.')).toEqual([['12', null]]);
    // Two counts of people, each a toll.
    expect(figures('The sources said 30 guerrillas and 12 government soldiers were killed.')).toEqual([['30', null], ['12', null]]);
  });

  it('names the event from the text, with its place', () => {
    const [m] = tollsOf('Seventeen people were killed after a dam burst following heavy rains in Soviet Tadzhikistan.');
    expect(m?.event).toBe('heavy rains in Soviet Tadzhikistan');
    const [n] = tollsOf('Avalanches and landslides killed 110 people in Georgia this year.');
    expect(n?.event).toMatch(/landslides/);
  });

  it('keeps "No deaths were reported" as a statement, not a toll of zero', () => {
    const [m] = tollsOf('A bomb exploded outside a bank in central Lima, but no one was injured.');
    expect(m).toMatchObject({ none: true, killed: null, wounded: null });
    expect(m?.event).toMatch(/bomb/);
    expect(tollsOf('A fire swept through a warehouse in the port. No deaths were reported.')[0]?.none).toBe(true);
    // With no event at all, an anecdote, not a report.
    expect(tollsOf('No deaths were reported.')).toEqual([]);
    expect(tollsOf('The company said the new tax will hurt no one.')).toEqual([]);
  });
});

describe('/casualties across articles', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let index: CorpusIndex;
  beforeAll(async () => {
    corpus = await tempCorpus(false);
    const files: Record<string, [string, string]> = {
      'a-ferry.txt': ['2024-03-07', 'A crowded ferry capsized on the Meghna river near Chandpur on Thursday, leaving at least 20 dead, police said.'],
      'b-ferry.txt': ['2024-03-08', 'About 150 people were feared dead after the ferry capsized on the Meghna river near Chandpur, officials said on Friday.'],
      'c-ferry.txt': ['2024-03-09', 'Officials said 31 people were confirmed dead and 120 were missing after the ferry capsized on the Meghna river.'],
      'd-bus.txt': ['2024-03-08', 'Twelve people were killed when a bus plunged into a ravine in southern Peru, police said.'],
      'e-bus.txt': ['2024-03-09', 'A bus crash in Peru killed 12 people on Thursday, the transport ministry said.'],
      'f-bus.txt': ['2024-03-09', 'A bus crash near Nairobi killed 12 people, Kenyan police said.'],
      'g-blast.txt': ['2024-03-10', 'A gas explosion damaged a block of flats in Lyon. No one was hurt.'],
    };
    const sources: Record<string, { published: string }> = {};
    for (const [file, [published, text]] of Object.entries(files)) {
      await writeFile(path.join(corpus.dir, file), `${text}\n`);
      sources[file] = { published };
    }
    await writeFile(path.join(corpus.dir, 'sources.json'), JSON.stringify(sources));
    index = await indexOf(corpus.dir);
  });
  afterAll(() => corpus.cleanup());

  it('tells an evolving toll as one event: its reports oldest first, the latest and highest figure, the change', () => {
    const ferry = items(index, 'ferry');
    expect(ferry).toHaveLength(1);
    const story = ferry[0]!;
    expect(story.reports!.map((r) => r.figure?.text)).toEqual(['at least 20', 'About 150', '31']);
    expect(story.reports!.map((r) => r.published)).toEqual(['2024-03-07', '2024-03-08', '2024-03-09']);
    expect(story.order).toBe('published');
    expect(story.change).toBe('at least 20 → About 150 → 31');
    expect(story.latest).toMatchObject({ text: '31', source: 'c-ferry.txt' });
    expect(story.highest).toMatchObject({ text: 'About 150', source: 'b-ferry.txt' });
    expect(story.range).toMatchObject({ low: { value: 20 }, high: { value: 150 } });
    // The item's own figures are the latest report's: 31 dead and 120 missing.
    expect(story).toMatchObject({ killed: 31, killedText: '31', missing: 120, quote: expect.stringContaining('31 people were confirmed dead'), source: 'c-ferry.txt' });
    expect(story.sources.map((s) => s.source).sort()).toEqual(['a-ferry.txt', 'b-ferry.txt', 'c-ferry.txt']);
  });

  it('merges the same toll of the same event, keeps the same figure of another event apart', () => {
    const twelve = items(index).filter((i) => i.killed === 12);
    expect(twelve).toHaveLength(2);
    const peru = twelve.find((i) => i.sources.length === 2)!;
    expect(peru.sources.map((s) => s.source).sort()).toEqual(['d-bus.txt', 'e-bus.txt']);
    expect(peru.event).toMatch(/Peru/);
    expect(twelve.find((i) => i.sources.length === 1)!.source).toBe('f-bus.txt');
  });

  it('shows a no-casualty statement without inventing a zero', () => {
    const none = items(index, 'Lyon');
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ noCasualties: true, killed: null, wounded: null, quote: 'No one was hurt.', source: 'g-blast.txt' });
    expect(none[0]!.event).toMatch(/explosion/);
  });
});
