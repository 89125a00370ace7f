import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTimeline } from '../src/answers/timeline.ts';
import { buildTimeline } from '../src/facts/timeline.ts';
import type { TimelineItem } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { indexOf, seedIndex, seedTexts, tempCorpus } from './helpers/corpus.ts';

let index: CorpusIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const items = (topic = '') => answerTimeline(index, topic).items as TimelineItem[];

describe('/timeline on the seed articles', () => {
  it('lists dated sentences in chronological order, each with its date and the words that say it', async () => {
    const list = items();
    expect(list.length).toBeGreaterThanOrEqual(15);
    const texts = await seedTexts();
    for (const item of list) {
      expect(item.date).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
      expect(item.quote).toContain(item.dateText);
      expect(texts.get(item.source)).toContain(item.quote);
    }
    // Chronological: the precomputed entries are ordered by the first day of their period.
    const from = index.derived.timeline.map((e) => e.from);
    expect(from).toEqual([...from].sort());
    const days = list.filter((i) => i.date.length === 10).map((i) => i.date);
    expect(days).toEqual([...days].sort());
    expect(list[0]!.date.startsWith('2015-10')).toBe(true);
  });

  it('places the seed events at their dates', () => {
    const at = (words: string) => items().find((i) => i.quote.includes(words));
    expect(at('In a rare speech to both houses of parliament on Monday')).toMatchObject({ date: '2015-11-16', dateText: 'on Monday' });
    expect(at('on Oct. 31, killing 224 people')).toMatchObject({ date: '2015-10-31', dateText: 'Oct. 31' });
    expect(at('Nov. 12 suicide bombing')).toMatchObject({ date: '2015-11-12' });
    expect(at('Friday night shootings')).toMatchObject({ date: '2015-11-13', dateText: 'Friday night' });
    expect(at('apprehended the trio')).toMatchObject({ date: '2015-11-17', dateText: '9:30 a.m. on Tuesday' });
    expect(at('destroyed the jet last month')).toMatchObject({ date: '2015-10', dateText: 'last month' });
    // Not dated: a duration is not a date.
    expect(at('Both Russia and western countries')).toBeUndefined();
    expect(items().some((i) => i.dateText.includes('four-year'))).toBe(false);
  });

  it('puts what "will" happen "next week" after everything up to publication', () => {
    const list = items();
    const plan = list.findIndex((i) => i.quote.includes('Hollande will meet next week'));
    expect(plan).toBeGreaterThan(-1);
    expect(list[plan]!.date).toBe('2015-11');
    const lastPublished = list.findLastIndex((i) => i.date >= '2015-11-17' && i.date.length === 10);
    expect(plan).toBeGreaterThan(lastPublished);
  });

  it('has no duplicate items', () => {
    const keys = items().map((i) => `${i.source}\n${i.quote}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads the timeline computed at indexing when no topic is given', () => {
    expect(items().map((i) => [i.source, i.date])).toEqual(index.derived.timeline.map((e) => [e.file, e.date]));
  });

  it('narrows to a topic, matching words by their normal form', () => {
    const hollande = items('Hollande');
    expect(hollande.length).toBeGreaterThanOrEqual(3);
    for (const i of hollande) expect(i.quote).toMatch(/Hollande/);
    const days = hollande.map((i) => i.date);
    expect(days.indexOf('2015-11-16')).toBeGreaterThan(-1);
    // "strikes" and "strike" are the same word to the filter.
    expect(items('strike')).toEqual(items('strikes'));
    expect(items('strikes').length).toBeGreaterThan(0);
    for (const i of items('strikes')) expect(i.quote).toMatch(/\bstrikes?\b/i);
  });

  it('says so plainly when no dated sentence matches', () => {
    const a = answerTimeline(index, 'zebra crossing');
    expect(a.items).toEqual([]);
    expect(a.message).toMatch(/No dated sentence/);
  });
});

describe('the same event told by two articles', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let twin: CorpusIndex;
  beforeAll(async () => {
    corpus = await tempCorpus(false);
    const story = (extra: string) =>
      `Flood waters rise in the valley\n\nRescuers reached the flooded village of Oberdorf on Monday after the river burst its banks. ${extra}\n`;
    await writeFile(path.join(corpus.dir, 'a.txt'), story('The mayor said the clean-up would take weeks.'));
    await writeFile(path.join(corpus.dir, 'b.txt'), story('Schools stay closed.'));
    await writeFile(path.join(corpus.dir, 'd.txt'), 'Oberdorf reached\n\nOn Monday rescuers finally reached the flooded village of Oberdorf after the river burst its banks.\n');
    await writeFile(
      path.join(corpus.dir, 'c.txt'),
      'Oberdorf votes\n\nThe council of Oberdorf voted on Monday to rebuild the bridge.\n\nFinal terms will be fixed on April 15.\n',
    );
    await writeFile(path.join(corpus.dir, 'e.txt'), 'Bond issue\n\nA Swiss bank is issuing a bond for a German utility.\n\nFinal terms will be fixed on April 15.\n');
    await writeFile(
      path.join(corpus.dir, 'sources.json'),
      JSON.stringify({
        'a.txt': { published: '2016-03-02' },
        'b.txt': { published: '2016-03-03' },
        'c.txt': { published: '2016-03-10' },
        'd.txt': { published: '2016-03-01' },
        'e.txt': { published: '2016-03-10' },
      }),
    );
    twin = await indexOf(corpus.dir);
  });
  afterAll(() => corpus.cleanup());

  it('shows it once, with every source', () => {
    const list = answerTimeline(twin, '').items as TimelineItem[];
    const rescue = list.filter((i) => /reached the flooded village/.test(i.quote));
    // The same sentence in a.txt and b.txt, and d.txt's near-identical wording: one item.
    expect(rescue).toHaveLength(1);
    expect(rescue[0]).toMatchObject({ date: '2016-02-29', source: 'a.txt' });
    expect(rescue[0]!.alsoIn?.map((s) => s.source)).toEqual(['b.txt', 'd.txt']);
    expect(rescue[0]!.alsoIn?.[0]?.quote).toBe(rescue[0]!.quote);
    expect(rescue[0]!.alsoIn?.[1]?.quote).toMatch(/^On Monday rescuers finally reached/);
    expect(new Set(list.map((i) => `${i.source}\n${i.quote}`)).size).toBe(list.length);
    // A different event on another Monday stays apart.
    expect(list.find((i) => i.quote.includes('voted on Monday'))).toMatchObject({ date: '2016-03-07', source: 'c.txt' });
    expect(list.map((i) => i.date)).toEqual([...list.map((i) => i.date)].sort());
  });

  it('keeps apart a formula that many articles repeat about different things', () => {
    const list = answerTimeline(twin, '').items as TimelineItem[];
    const terms = list.filter((i) => i.quote === 'Final terms will be fixed on April 15.');
    expect(terms.map((i) => [i.source, i.date, i.alsoIn])).toEqual([
      ['c.txt', '2016-04-15', undefined],
      ['e.txt', '2016-04-15', undefined],
    ]);
  });

  it('keeps apart sentences of one article, and events at different dates', () => {
    const entries = buildTimeline([...twin.articles.values()]);
    expect(entries.filter((e) => e.alsoIn?.length)).toHaveLength(1);
    // Same words a week apart are two events.
    const moved = [...twin.articles.values()].map((a) =>
      a.meta.file === 'd.txt' ? { ...a, facts: { ...a.facts, dates: a.facts.dates.map((d) => ({ ...d, date: '2016-02-22', from: '2016-02-22' })) } } : a,
    );
    const apart = buildTimeline(moved);
    expect(apart.find((e) => e.file === 'a.txt')!.alsoIn?.map((s) => s.file)).toEqual(['b.txt']);
    expect(apart.find((e) => e.file === 'd.txt')?.date).toBe('2016-02-22');
  });
});
