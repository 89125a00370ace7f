import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/engine.ts';
import { lookupIn } from '../../src/answers/format.ts';
import type { CasualtyFigure, CasualtyItem, TimelineItem } from '../../src/answers/types.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { DISCORD_LIMITS } from '../../src/limits.ts';
import { pictureModel, pictureName, renderPicture } from '../../src/pictures/render.ts';
import { MAX_MARKS, timelineModel, timelineSvg } from '../../src/pictures/timeline.ts';
import { tollModel, tollSvg } from '../../src/pictures/tolls.ts';
import type { TimelineModel, TollModel } from '../../src/pictures/types.ts';
import { indexOf, seedIndex } from '../helpers/corpus.ts';
import { zeebruggeCorpus } from './zeebrugge.ts';

/**
 * The pictures: the PNG decodes, has the size it says and fits a Discord attachment, and what it
 * plots (the model returned beside it) is exactly the answer's items — dates, dates as written,
 * quotes, sources; figures as written, in report order. Rendering is checked on the seeds' timeline
 * and on a ferry disaster whose toll changed (26 → about 200 → 192); the rest is checked on the SVG.
 */

let seeds: CorpusIndex;
let zee: CorpusIndex;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  seeds = await seedIndex();
  const corpus = await zeebruggeCorpus();
  cleanups.push(corpus.cleanup);
  zee = await indexOf(corpus.dir);
});

afterAll(async () => {
  for (const c of cleanups) await c();
});

function expectPng(png: Buffer, width: number, height: number): void {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const decoded = PNG.sync.read(png);
  expect([decoded.width, decoded.height]).toEqual([width, height]);
  expect(png.length).toBeLessThanOrEqual(DISCORD_LIMITS.attachmentBytes);
}

describe('the timeline picture', () => {
  it('plots every event of the seeds timeline, as the answer gives it', async () => {
    const a = answer(seeds, 'timeline', '', { limit: Number.POSITIVE_INFINITY });
    expect(pictureName(a)).toBe('timeline.png');
    const p = (await renderPicture(a, lookupIn(seeds)))!;
    expect(p.name).toBe('timeline.png');
    expectPng(p.png, p.width, p.height);
    expect(p.width).toBe(960);
    const model = p.model as TimelineModel;
    const items = a.items as TimelineItem[];
    expect(model.marks.map((m) => [m.date, m.dateText, m.quote, m.source, m.future])).toEqual(items.map((i) => [i.date, i.dateText, i.quote, i.source, Boolean(i.future)]));
    for (const m of model.marks) {
      // The words shown are the quote's own, cut with "…" at most.
      expect(m.quote.startsWith(m.words.replace(/…$/, ''))).toBe(true);
      expect(m.precision).toBe(m.date.length === 10 ? 'day' : m.date.length === 7 ? 'month' : 'year');
    }
    expect(model.groups.reduce((n, g) => n + g.count, 0)).toBe(items.length);
    expect(p.note).toBeUndefined();
  });

  const fake = (n: number): TimelineItem[] =>
    Array.from({ length: n }, (_, k) => ({
      date: `19${String(50 + (k % 50)).padStart(2, '0')}-${String((k % 12) + 1).padStart(2, '0')}${k % 3 ? '' : '-15'}`,
      dateText: `word ${k}`,
      quote: `Event number ${k} happened with many words after it to be cut.`,
      source: `f${k % 11}.txt`,
      ...(k % 7 === 0 ? { alsoIn: [{ quote: 'x', source: 'y.txt' }] } : {}),
    }));
  const noMeta = () => undefined;

  it('keeps at most MAX_MARKS events, the most told first, and says so', () => {
    // One event long before the others, told twice: kept, beyond an axis break.
    const items = [{ date: '1801', dateText: 'in 1801', quote: 'The old port opened in 1801.', source: 'f0.txt', alsoIn: [{ quote: 'x', source: 'y.txt' }] }, ...fake(129)];
    const { model, note } = timelineModel(items, '', noMeta);
    expect(model.shown).toBe(MAX_MARKS);
    expect(model.total).toBe(130);
    expect(note).toMatch(/60 of 130/);
    // Every event told by another article is kept; the order stays the answer's.
    const told = items.filter((i) => i.alsoIn).length;
    expect(model.marks.filter((m) => m.alsoIn > 0)).toHaveLength(told);
    const at = model.marks.map((m) => items.findIndex((i) => i.quote === m.quote));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    // 11 articles: 7 colours and "4 other articles".
    expect(model.groups.map((g) => g.label).at(-1)).toBe('4 other articles');
    const svg = timelineSvg(model);
    expect(svg).toContain('Showing 60 of 130');
    expect(svg).toContain('axis break');
  });

  it('draws 3 events, and an event without a year apart', () => {
    const items: TimelineItem[] = [
      { date: '2004', dateText: 'in 2004', quote: 'Growth was slow in 2004.', source: 'a.txt' },
      { date: '2005-03-01', dateText: 'March 1', quote: 'Talks began on March 1.', source: 'b.txt', future: true },
      { date: 'XXXX-12-26', dateText: '26 December', quote: 'The waves struck on 26 December.', source: 'c.txt', note: 'year not given' },
    ];
    const { model } = timelineModel(items, 'growth', noMeta);
    expect(model.marks.map((m) => [m.precision, m.noYear, m.future])).toEqual([
      ['year', false, false],
      ['day', false, true],
      ['day', true, false],
    ]);
    const svg = timelineSvg(model);
    expect(svg).toContain('Year not given');
    // Shown as the text writes it, as in the text answer: never as XXXX-12-26.
    expect(svg).toContain('26 December');
    expect(svg).not.toContain('XXXX');
    // From an answer, the dates without a year come from its `yearless` list.
    const fromAnswer = pictureModel({ command: 'timeline', query: 'growth', items: items.slice(0, 2), yearless: items.slice(2) }, noMeta)!.model as TimelineModel;
    expect(fromAnswer.marks.map((m) => m.date)).toEqual(['2004', '2005-03-01', 'XXXX-12-26']);
  });
});

describe('the toll picture', () => {
  it('charts the ferry disaster: 26, about 200, 192 dead, each as written with its outlet', async () => {
    const a = answer(zee, 'casualties', '', { limit: Number.POSITIVE_INFINITY });
    expect(pictureName(a)).toBe('casualties.png');
    const p = (await renderPicture(a, lookupIn(zee)))!;
    expectPng(p.png, p.width, p.height);
    const model = p.model as TollModel;
    expect(model.panels).toHaveLength(1);
    const [panel] = model.panels;
    expect(panel!.axis).toBe('published');
    const killed = panel!.points.filter((pt) => pt.kind === 'killed');
    expect(killed.map((pt) => [pt.value, pt.text, pt.published, pt.sourceLabel])).toEqual([
      [26, 'At least 26', '1987-03-07', 'Reuters'],
      [200, 'About 200', '1987-03-08', 'AP'],
      [192, '192', '1987-03-12', 'BBC'],
    ]);
    // Exactly the answer's reports, figure by figure ("Hundreds" rescued: listed, not plotted).
    const item = (a.items as CasualtyItem[]).find((i) => (i.reports?.length ?? 0) >= 2)!;
    const expected = item.reports!.flatMap((rep, k) => {
      const figures: [string, CasualtyFigure | null][] = [['killed', rep.killed], ['wounded', rep.wounded], ['missing', rep.missing], ...rep.affected.map((f): [string, CasualtyFigure] => [f.kind, f])];
      return figures.flatMap(([kind, f]) => (f ? [[kind, f.value, f.text, k + 1, rep.quote, rep.source]] : []));
    });
    expect(panel!.points.map((pt) => [pt.kind, pt.value, pt.text, pt.order, pt.quote, pt.source])).toEqual(expected);
    expect(panel!.points.find((pt) => pt.value === null)?.text).toBe('Hundreds');
    const svg = tollSvg(model);
    for (const t of ['At least 26', 'About 200', '192', 'Reuters', 'AP', 'BBC', 'No exact figure']) expect(svg).toContain(t);
  });

  it('charts undated reports by report order, and says so', async () => {
    const corpus = await zeebruggeCorpus(false);
    cleanups.push(corpus.cleanup);
    const index = await indexOf(corpus.dir);
    const a = answer(index, 'casualties', '', { limit: Number.POSITIVE_INFINITY });
    const drawn = tollModel(a.items as CasualtyItem[], '', lookupIn(index));
    expect(drawn).not.toBeNull();
    expect(drawn!.model.panels[0]!.axis).toBe('order');
    expect(drawn!.model.panels[0]!.byFigure).toBe(true);
    expect(tollSvg(drawn!.model)).toContain('by figure, lowest first, not by time');
  });

  it('has no picture when no toll was reported twice', () => {
    const a = answer(seeds, 'casualties', '');
    expect(pictureName(a)).toBeNull();
    expect(tollModel(a.items as CasualtyItem[], '', lookupIn(seeds))).toBeNull();
  });
});

describe('any text', () => {
  it('draws quotes, sources and queries of any characters into a valid picture', async () => {
    const { NASTY } = await import('../robust/check.ts');
    const items: TimelineItem[] = NASTY.map((s, k) => ({ date: `2015-11-${String((k % 28) + 1).padStart(2, '0')}`, dateText: s, quote: `${s} ${'x'.repeat(k * 50)}`, source: `${s}.txt` }));
    const meta = (file: string) => ({ file, title: file.repeat(3), outlet: file.slice(0, 40) });
    const { model } = timelineModel(items.slice(0, 60), NASTY.join(' '), meta as never);
    const svg = timelineSvg(model);
    // Nothing from the text is markup: no element but the picture's own, no control character.
    expect(svg).not.toMatch(/<(?!\/?(?:svg|rect|defs|path|use|g|line|circle)\b)/);
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const { svgToPng } = await import('../../src/pictures/render.ts');
    const png = await svgToPng(svg, 1);
    expectPng(png.png, png.width, png.height);
  });
});
