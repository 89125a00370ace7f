import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { answer } from '../src/answers/engine.ts';
import { answerTimeline } from '../src/answers/timeline.ts';
import type { TimelineItem } from '../src/answers/types.ts';
import { cleanArticle } from '../src/corpus/clean.ts';
import { fileNameDay, findAnchor } from '../src/nlp/dates/anchor.ts';
import { toIso } from '../src/nlp/dates/calendar.ts';
import { indexOf, tempCorpus, writtenCorpus } from './helpers/corpus.ts';

/** A corpus the test writes (removed when the test finishes), and its index. */
async function corpusOf(files: Record<string, string>, sources?: Record<string, unknown>) {
  const c = await writtenCorpus(files, sources);
  onTestFinished(c.cleanup);
  return c.index;
}

const itemsOf = (r: { items: unknown[] }) => r.items as TimelineItem[];
/** A timeline's dates without a year, kept apart from its dated items. */
const yearlessOf = (r: object) => ('yearless' in r ? r.yearless : []) as TimelineItem[];

describe('the anchor of an article without a publication date', () => {
  it('keeps the date of a wire dateline as metadata', () => {
    const text = 'JOHANNESBURG, August 7 (Xinhua) -- South Africa said on Friday it would send aid.\n';
    expect(cleanArticle(text)).toMatchObject({ dateline: 'JOHANNESBURG', datelineDate: 'August 7' });
    expect(cleanArticle('WELLINGTON, March 2 - New Zealand cut rates.\n')).toMatchObject({ dateline: 'WELLINGTON', datelineDate: 'March 2' });
    expect(cleanArticle('LONDON (Reuters) - Shares fell.\n').datelineDate).toBeUndefined();
  });

  it('reads a date from a wire file name, never from other digits', () => {
    const day = (f: string) => {
      const d = fileNameDay(f);
      return d === undefined ? undefined : toIso(d);
    };
    expect(day('APW19980213.1310.txt')).toBe('1998-02-13');
    expect(day('AP900815-0044.txt')).toBe('1990-08-15');
    expect(day('NYT19980206.0460.txt')).toBe('1998-02-06');
    expect(day('wsj_0124.txt')).toBeUndefined();
    expect(day('business-398.txt')).toBeUndefined();
    expect(day('000_6dab9517ce660b1d.txt')).toBeUndefined();
    expect(day('report-19981345.txt')).toBeUndefined();
    // A dateline's day is the one nearest the file name's date, across a new year too.
    const anchor = (file: string, datelineDate: string) => {
      const a = findAnchor({ file, datelineDate });
      return a && [toIso(a.day), a.by];
    };
    expect(anchor('APW19990101.0001.txt', 'Dec 31')).toEqual(['1998-12-31', 'dateline']);
    expect(anchor('APW19980213.1310.txt', 'Feb. 12')).toEqual(['1998-02-12', 'dateline']);
    expect(anchor('business-398.txt', 'March 3')).toBeUndefined();
  });

  it('dates relative words from the dateline (its year from the file name) or the file name, and says so', async () => {
    const index = await corpusOf({
      'WLG19870303.0101.txt': 'WELLINGTON, March 2 - The central bank cut its rate on Monday.\n\nThe last cut was announced on Jan. 5, 1987.\n',
      'APW19980213.1310.txt': 'Officials said on Friday that the vote would go ahead.\n',
      // A dateline and a full date, no file name's date: the full date gives the dateline no year
      // (a story of March 1987 tells "the year ended January 31, 1986").
      'protocom.txt': 'NEW YORK, March 12 - The company said it cut staff on Monday.\n\nFor the year ended January 31, 1986, it had a net loss.\n',
    });
    const items = itemsOf(answerTimeline(index, ''));
    // 1987-03-02 was a Monday: the day of the dateline itself.
    expect(items.find((i) => i.quote.includes('cut its rate'))).toMatchObject({ date: '1987-03-02', dateText: 'on Monday', note: 'dated from the dateline' });
    expect(items.find((i) => i.quote.includes('last cut'))).toMatchObject({ date: '1987-01-05' });
    expect(items.find((i) => i.quote.includes('Officials said'))).toMatchObject({ date: '1998-02-13', note: "dated from the file name's date" });
    expect(index.articles.get('WLG19870303.0101.txt')!.facts.dateAnchor).toEqual({ date: '1987-03-02', by: 'dateline' });
    expect(index.articles.get('protocom.txt')!.facts.dateAnchor).toBeUndefined();
    expect(items.some((i) => i.quote.includes('cut staff'))).toBe(false);
    expect(items.find((i) => i.quote.includes('net loss'))).toMatchObject({ date: '1986-01-31' });
  });

  it('with no anchor, keeps explicit dates, leaves weekdays undated and says so plainly', async () => {
    const index = await corpusOf({
      'millbrook.txt': 'MILLBROOK, March 3 - Fire crews were called to the old mill on Monday night.\n\nThe mill was built in 1898 and closed on 4 June.\n',
    });
    const r = answerTimeline(index, '');
    const items = itemsOf(r);
    expect(items.map((i) => [i.date, i.dateText, i.note])).toEqual([['1898', 'in 1898', undefined]]);
    expect(r.message).toMatch(/1 date is only relative \("on Monday", "last week"\) to a publication date/);
    expect(index.articles.get('millbrook.txt')!.meta.datelineDate).toBe('March 3');
    expect(index.articles.get('millbrook.txt')!.facts.dateAnchor).toBeUndefined();
    // A sentence with only a weekday is not dated at all.
    expect(items.some((i) => i.quote.includes('Monday night'))).toBe(false);
  });

  it('shows a date without a year as written, apart from the dated ones, with "year not given"', async () => {
    const index = await corpusOf({
      'quake.txt': 'The tsunami ravaged south and east Asia on 26 December.\n\nGrowth will slow to 5% in 2005, the bank said.\n',
    });
    const r = answerTimeline(index, 'tsunami');
    expect(itemsOf(r)).toEqual([]);
    expect(yearlessOf(r)).toEqual([expect.objectContaining({ date: 'XXXX-12-26', dateText: 'on 26 December', note: 'year not given' })]);
    const all = answerTimeline(index, '');
    // Only the forecast is a dated item, and it is marked as ahead: not when the tsunami happened.
    expect(itemsOf(all).map((i) => [i.date, i.future ?? false])).toEqual([['2005', true]]);
    expect(yearlessOf(all).map((i) => i.date)).toEqual(['XXXX-12-26']);
    expect(all.message).toMatch(/1 date gives no year/);
  });

  it('a "when" question shows the date beside the quote, with "year not given" when it has none', async () => {
    const index = await corpusOf({
      'quake.txt': 'The tsunami ravaged south and east Asia on 26 December.\n\nGrowth will slow to 5% in 2005, the bank said.\n',
    });
    const r = answer(index, 'ask', 'When did the tsunami happen?');
    expect(r.items[0]).toMatchObject({ date: 'XXXX-12-26', dateText: 'on 26 December', note: 'year not given' });
  });
});

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const TIMEBANK = path.join(SHARED, 'benchmarks/dates-timebank/dev');
const BBC = path.join(SHARED, 'corpora/bbc-news-2004-2005');
const haveShared = existsSync(TIMEBANK) && existsSync(BBC);
if (!haveShared) console.warn(`dates-anchor.test.ts: ${SHARED} is absent; the TimeBank and BBC checks are skipped.`);

/** An index of some TimeBank dev documents, each with its sources.json entry, read where they are. */
async function timebank(files: string[], keepPublished = true) {
  const c = await tempCorpus(false);
  onTestFinished(c.cleanup);
  const all = JSON.parse(await readFile(path.join(TIMEBANK, 'sources.json'), 'utf8')) as Record<string, { published?: string }>;
  const sources: Record<string, unknown> = {};
  for (const f of files) {
    await copyFile(path.join(TIMEBANK, f), path.join(c.dir, f));
    const { published, ...rest } = all[f] ?? {};
    sources[f] = keepPublished ? { ...rest, published } : rest;
  }
  await writeFile(path.join(c.dir, 'sources.json'), JSON.stringify(sources));
  return indexOf(c.dir);
}

describe.skipIf(!haveShared)('dates on real news (TimeBank dev documents, BBC)', () => {
  it('reads bare years, "June last year", and a present-tense weekday ahead', async () => {
    const index = await timebank(['APW19980213.1310.txt', 'APW19980219.0476.txt', 'VOA19980501.1800.0355.txt']);
    const items = itemsOf(answerTimeline(index, '', { limit: 1000 }));
    const at = (words: string) => items.find((i) => i.quote.includes(words));
    expect(at('independent since 1901')).toMatchObject({ date: '1901' });
    expect(at('unsuccessful 1996 campaign')).toMatchObject({ date: '1996' });
    expect(at('But in June last year')).toMatchObject({ date: '1997-06', dateText: 'June last year' });
    expect(at('meet separately Monday')).toMatchObject({ date: '1998-05-04' });
  });

  it('without the publication date, dates a wire story from its file name and keeps every quote verbatim', async () => {
    const index = await timebank(['APW19980213.1310.txt', 'wsj_0124.txt'], false);
    const r = answerTimeline(index, '', { limit: 1000 });
    const items = [...itemsOf(r), ...yearlessOf(r)];
    const fromName = items.filter((i) => i.source === 'APW19980213.1310.txt' && i.note);
    expect(fromName.length).toBeGreaterThan(0);
    for (const i of fromName) expect(i.note).toBe("dated from the file name's date");
    // wsj_0124 has no date of its own: nothing in it is dated from a guessed year.
    for (const i of items.filter((x) => x.source === 'wsj_0124.txt')) expect(i.note === 'year not given' || /\d{4}/.test(i.dateText)).toBe(true);
    for (const i of items) expect(await readFile(path.join(TIMEBANK, i.source), 'utf8')).toContain(i.quote);
  });

  it('on BBC news (no publication date), keeps "26 December" as written and gives it no year', async () => {
    const c = await tempCorpus(false);
    onTestFinished(c.cleanup);
    await copyFile(path.join(BBC, 'business-398.txt'), path.join(c.dir, 'business-398.txt'));
    const index = await indexOf(c.dir);
    const r = answerTimeline(index, 'tsunami');
    const hit = yearlessOf(r).find((i) => i.quote.includes('ravaged south and east Asia on 26 December'));
    expect(hit).toMatchObject({ date: 'XXXX-12-26', dateText: 'on 26 December', note: 'year not given' });
    // Every dated item has a year the text or the article gives.
    for (const i of itemsOf(r)) expect(i.date).toMatch(/^\d{4}/);
  });
});
