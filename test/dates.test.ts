
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusIndex } from '../src/index/types.ts';
import { type DateMention, extractDates } from '../src/nlp/dates.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';
import { seedIndex, seedTexts } from './helpers/corpus.ts';

const F000 = '000_6dab9517ce660b1d.txt';
const F002 = '002_6c61f80302cb1f60.txt';

let index: CorpusIndex;
beforeAll(async () => {
  index = await seedIndex();
});

/** The dates found at indexing in one seed article, with their sentence text. */
function datesOf(file: string): (DateMention & { text: string })[] {
  const a = index.articles.get(file)!;
  return a.facts.dates.map((d) => ({ ...d, text: a.sentences[d.sentence]!.text }));
}

/** The one mention whose words are `dateText` in the sentence holding `context`. */
function mention(file: string, dateText: string, context: string): DateMention {
  const found = datesOf(file).filter((d) => d.dateText === dateText && d.text.includes(context));
  expect(found, `${dateText} in “${context}…”`).toHaveLength(1);
  return found[0]!;
}

/** Dates of free text, as an article published on `published` (or with no date) would give them. */
function datesIn(text: string, published?: string): { date: string; dateText: string; future?: boolean; precision: string }[] {
  const sentences = splitParagraph('t.txt', text, { start: 0, end: text.length }, 0);
  return extractDates({ meta: { file: 't.txt', ...(published ? { published } : {}) }, sentences }).map(({ date, dateText, future, precision }) => ({
    date,
    dateText,
    precision,
    ...(future ? { future } : {}),
  }));
}

describe('dates read from the seed articles at indexing', () => {
  it('places month-days without a year in the past of publication', () => {
    expect(mention(F002, 'Oct. 31', 'killing 224 people').date).toBe('2015-10-31');
    expect(mention(F002, 'Nov. 12', 'suicide bombing in a Beirut suburb').date).toBe('2015-11-12');
  });

  it('places a bare weekday on or before publication', () => {
    // 002 was published on Tuesday 2015-11-17, 000 on Wednesday 2015-11-18.
    expect(mention(F002, 'on Monday', 'In a rare speech to both houses of parliament').date).toBe('2015-11-16');
    expect(mention(F002, 'Friday night', 'shootings and suicide bombings').date).toBe('2015-11-13');
    expect(mention(F002, 'on Sunday', 'global summit').date).toBe('2015-11-15');
    expect(mention(F000, 'on Wednesday', 'activists reported').date).toBe('2015-11-18');
    const tuesdays = datesOf(F000).filter((d) => /Tuesday/.test(d.dateText));
    expect(tuesdays.length).toBeGreaterThanOrEqual(4);
    for (const d of tuesdays) expect(d.date).toBe('2015-11-17');
  });

  it('keeps a clock time with its day, and dates it by the day', () => {
    const m = mention(F002, '9:30 a.m. on Tuesday', 'apprehended the trio');
    expect(m.date).toBe('2015-11-17');
    expect(m.precision).toBe('day');
  });

  it('keeps the precision the text gives: "last month" is a month', () => {
    const m = mention(F000, 'last month', 'the Kremlin acknowledged');
    expect(m).toMatchObject({ date: '2015-10', precision: 'month' });
  });

  it('reads "next week" as the future, never as a day in the past', () => {
    const m = mention(F002, 'next week', 'Hollande will meet');
    expect(m.future).toBe(true);
    expect(m.precision).toBe('week');
    expect(m.date).toBe('2015-11'); // the week of Nov 22–28, reported as its month
    expect(m.from > '2015-11-17').toBe(true);
    const past = mention(F002, 'last week', 'killed 129 in Paris');
    expect(past.future).toBeUndefined();
    expect(past.from < '2015-11-17').toBe(true);
  });

  it('does not take durations for dates', () => {
    const all = [...datesOf(F000), ...datesOf(F002)];
    for (const words of ['four-year', '90-minute', 'one-year', 'two hours', 'recent hours', 'second day', 'within weeks', 'recent weeks']) {
      expect(all.filter((d) => d.dateText.includes(words))).toEqual([]);
    }
    expect(datesOf(F002).filter((d) => d.text.includes('the four-year Syrian conflict') && !/Sunday/.test(d.dateText))).toEqual([]);
    expect(datesOf(F000).filter((d) => d.text.includes('one-year siege'))).toEqual([]);
    expect(datesOf(F000).filter((d) => d.text.includes('two hours after the attacks'))).toEqual([]);
  });

  it('gives every date in one of three forms, its words exactly as written in the sentence', async () => {
    for (const file of [F000, F002]) {
      const raw = (await seedTexts()).get(file)!;
      const a = index.articles.get(file)!;
      for (const d of a.facts.dates) {
        expect(d.date).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
        const s = a.sentences[d.sentence]!;
        expect(s.text.slice(d.at, d.at + d.dateText.length)).toBe(d.dateText);
        expect(raw.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });
});

describe('the rules on other text', () => {
  it('places explicit dates but no relative ones in an article without a publication date', () => {
    const text = 'Talks were held on Oct. 31, 2015 and again on Monday, and the deal was signed in 1986.';
    expect(datesIn(text).map((d) => [d.date, d.dateText])).toEqual([
      ['2015-10-31', 'Oct. 31, 2015'],
      ['1986', 'in 1986'],
    ]);
    expect(datesIn(text, '2015-11-17').map((d) => d.date)).toEqual(['2015-10-31', '2015-11-16', '1986']);
  });

  it('reads a weekday in a clause about the future forward, and a speech date backward', () => {
    // 1987-03-04 was a Wednesday.
    expect(datesIn('The board will meet on Monday to decide.', '1987-03-04')).toEqual([{ date: '1987-03-09', dateText: 'on Monday', precision: 'day', future: true }]);
    expect(datesIn('The meeting on Monday will decide.', '1987-03-04')[0]!.date).toBe('1987-03-09');
    expect(datesIn('The company said Monday it will pay a dividend.', '1987-03-04')[0]!.date).toBe('1987-03-02');
    expect(datesIn('Its shares fell last Friday and rose this Friday.', '1987-03-04').map((d) => d.date)).toEqual(['1987-02-27', '1987-03-06']);
    // A deadline lies ahead, unless told in the past perfect.
    expect(datesIn('Government offices were ordered closed until Wednesday.', '1987-03-09')[0]!.date).toBe('1987-03-11');
    expect(datesIn('He had asked for the data by Monday, but it never came.', '1987-03-11')[0]!.date).toBe('1987-03-09');
  });

  it('takes a year-less date more than six months back as the coming one', () => {
    expect(datesIn('The dividend is payable March 15 to holders of record.', '1987-02-26')[0]).toMatchObject({ date: '1987-03-15', future: true });
    expect(datesIn('Exports fell in December.', '1987-02-26')[0]!.date).toBe('1986-12');
    expect(datesIn('Exports fell in March.', '1987-02-26')[0]!.date).toBe('1987-03');
    expect(datesIn('Prices have doubled since last June.', '1987-03-18')[0]!.date).toBe('1986-06');
  });

  it('reports a week as its month, or its year when it straddles two months', () => {
    expect(datesIn('Prices fell last week.', '2015-12-02')[0]).toMatchObject({ date: '2015-11', precision: 'week' });
    expect(datesIn('Prices fell this week.', '2015-12-01')[0]).toMatchObject({ date: '2015', precision: 'week' });
    expect(datesIn('Prices fell this week.', '2015-12-31')).toEqual([]);
  });

  it('reads today, yesterday and periods ago against publication', () => {
    expect(datesIn('The bank said today it cut rates after a fall yesterday.', '1987-03-04').map((d) => d.date)).toEqual(['1987-03-04', '1987-03-03']);
    expect(datesIn('The plant opened two years ago and expanded last year.', '1987-03-04').map((d) => d.date)).toEqual(['1985', '1986']);
  });

  it('does not take figures, fractions, names or spans for dates', () => {
    const published = '1987-03-17';
    for (const text of [
      'The stock rose 1/4 to 38-3/4.',
      'Federal funds opened at 5-15/16 pct.',
      'Slaughter was 300,000 head versus 292,000 week ago.',
      'According to estimates for February, 25.7 mln people were in work.',
      'The deficit widened in the October-December fourth quarter.',
      'The Sunday Times reported the bid.',
      'Prices rose on Good Friday.',
      'The offer expires within 30 days.',
      'Profit rose from a year earlier.',
      'Output has doubled over the past two years.',
      'Output would fall in the last week of the month.',
      'Prices may march higher.',
    ]) {
      expect(datesIn(text, published), text).toEqual([]);
    }
  });

  it('does not depend on the time zone the code runs in', () => {
    const text = 'The attack on Friday night followed a raid on Oct. 31 and talks last week.';
    const saved = process.env.TZ;
    const results = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'].map((tz) => {
      process.env.TZ = tz;
      return datesIn(text, '2015-11-17');
    });
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    expect(results[0]!.map((d) => d.date)).toEqual(['2015-11-13', '2015-10-31', '2015-11']);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
