
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

  it('places a year-less date in the past unless its clause points ahead; told neither way, the next when close', () => {
    expect(datesIn('The dividend is payable March 15 to holders of record.', '1987-02-26')[0]).toMatchObject({ date: '1987-03-15', future: true });
    expect(datesIn('Exports fell in December.', '1987-02-26')[0]!.date).toBe('1986-12');
    // Told in the past: the last March, however far back ("the year ended March 31" in November).
    expect(datesIn('Exports fell in March.', '1987-02-26')[0]!.date).toBe('1986-03');
    expect(datesIn('Cilcorp said the businesses had revenue of $76 million for the year ended March 31.', '1989-11-01')[0]!.date).toBe('1989-03-31');
    expect(datesIn('Prices have doubled since last June.', '1987-03-18')[0]!.date).toBe('1986-06');
    // Told neither way ("The record date is Nov. 9."): the next one, a week ahead, not last year's.
    expect(datesIn('The record date is Nov. 9.', '1989-11-01')[0]!.date).toBe('1989-11-09');
    // A deadline moved ahead, and a future after an initial ("Daniel P. Davison").
    expect(datesIn('The offer was extended to Nov. 20.', '1989-11-01')[0]!.date).toBe('1989-11-20');
    expect(datesIn('Mr. Schwarz will succeed Daniel P. Davison Feb. 1.', '1989-11-01')[0]!.date).toBe('1990-02-01');
    // The weekday told with the day says the year.
    expect(datesIn('The Times said in an editorial on Saturday, April 25, that the court erred.', '1998-04-24')[0]!.date).toBe('1998-04-25');
  });

  it('reads a year told after the month, and "last May"', () => {
    expect(datesIn('But in June last year, the remaining leadership had a falling out.', '1998-02-19')[0]).toMatchObject({ date: '1997-06', dateText: 'June last year' });
    expect(datesIn('Output rose in February this year.', '1998-03-19')[0]!.date).toBe('1998-02');
    expect(datesIn('The treaty the two presidents signed last May calls for demarcation.', '1998-02-27')[0]).toMatchObject({ date: '1997-05', dateText: 'last May' });
    expect(datesIn('Two helicopters crashed last February.', '1998-03-01')[0]!.date).toBe('1997-02');
    expect(datesIn('The committee was appointed last May.', '1989-11-01')[0]!.date).toBe('1989-05');
  });

  it('reads bare years in any position that reads as a date, not figures', () => {
    const years = (text: string) => datesIn(text, '1998-02-13').map((d) => d.date);
    expect(years('Australia has been independent since 1901.')).toEqual(['1901']);
    expect(years('Paul Keating put the issue in the spotlight in his unsuccessful 1996 campaign.')).toEqual(['1996']);
    expect(years('He made $60 million between 1985 and 1987.')).toEqual(['1985', '1987']);
    expect(years('The group began to fall apart in mid-1996.')).toEqual(['1996']);
    for (const text of ['About 1500 people marched.', 'The index rose 2.5% to 1995.5.', 'Shares fell $1998 in all.', 'Profit rose 1990%.', 'He lives at No. 1910 Main St.']) {
      expect(years(text), text).toEqual([]);
    }
  });

  it('reads a day spelled out after its month, as wire copy writes days below ten, with the words as written', () => {
    // Reuters, 1987: "a pipeline ruputured by a March five tremor", "effective April one".
    expect(datesIn('Ecuador has suspended crude exports until it repairs a pipeline ruputured by a March five tremor.', '1987-03-20')).toEqual([
      { date: '1987-03-05', dateText: 'March five', precision: 'day' },
    ]);
    expect(datesIn('The price cut is effective April one, the company said.', '1987-03-20')).toEqual([
      { date: '1987-04-01', dateText: 'April one', precision: 'day', future: true },
    ]);
    // A figure of something else, or "may" as a verb, is no day.
    expect(datesIn('Output fell in March five pct from February.', '1987-04-20').map((d) => d.dateText)).toEqual(['March', 'February']);
    expect(datesIn('May one ask why?', '1987-04-20')).toEqual([]);
  });

  it('reads spelled-out years and holidays', () => {
    expect(datesIn('Keating was convicted in nineteen ninety-one.').map((d) => d.date)).toEqual(['1991']);
    expect(datesIn('January nineteen ninety-seven.').map((d) => d.date)).toEqual(['1997-01']);
    expect(datesIn('His promise to halve unemployment by the year two thousand was dropped.').map((d) => d.date)).toEqual(['2000']);
    // 1997-11-27 was the fourth Thursday of November.
    expect(datesIn('Shoppers crowded the malls after Thanksgiving Day.', '1997-12-03')[0]!.date).toBe('1997-11-27');
    expect(datesIn('The strike began on Christmas Day.', '1998-01-10')[0]!.date).toBe('1997-12-25');
    expect(datesIn('Prices rose on Good Friday.', '1987-04-20')[0]!.date).toBe('1987-04-17');
  });

  it('reads periods told against the year, and anaphora against the last date given', () => {
    expect(datesIn('The gain left wages 3.8 percent higher than a year earlier.', '1998-02-06')[0]).toMatchObject({ date: '1997', precision: 'year' });
    expect(datesIn('The year-ago results included a charge.', '1989-11-01')[0]!.date).toBe('1988');
    expect(datesIn('The company expects a loss for the full year.', '1989-11-01')[0]!.date).toBe('1989');
    expect(datesIn('It expects to complete the transaction by year-end.', '1989-11-01')[0]!.date).toBe('1989-12-31');
    const told = datesIn('In March, the company received an offer. The following month, it put itself up for sale.', '1989-11-01');
    expect(told.map((d) => d.date)).toEqual(['1989-03', '1989-04']);
    const days = datesIn('The talks began on Oct. 3. The next morning, both sides walked out.', '1989-11-01');
    expect(days.map((d) => d.date)).toEqual(['1989-10-03', '1989-10-04']);
  });

  it('reads a weekday ahead after "as soon as" or a present-tense verb, and "the previous Friday" a week back', () => {
    // 1998-05-01 was a Friday.
    expect(datesIn('He and Yasser Arafat meet separately Monday with Madeleine Albright.', '1998-05-01')[0]!.date).toBe('1998-05-04');
    expect(datesIn('The chairman suggested institutions would buy its stock as soon as trading opened Monday.', '1989-11-03')[0]!.date).toBe('1989-11-06');
    expect(datesIn('The index closed down 4.5% from the previous Friday.', '1989-10-27')[0]!.date).toBe('1989-10-20');
    expect(datesIn('The king met Bush on Monday.', '1998-05-01')[0]!.date).toBe('1998-04-27');
    // A verb whose past is its base form ("hit") is not read as a present.
    expect(datesIn('Shares have risen by 4.7% since the storm hit on Monday.', '1998-05-01')[0]!.date).toBe('1998-04-27');
    // "5.7%" does not end the clause: the cue before it still counts.
    expect(datesIn('The economy is now expected to grow by 5.7% on Monday.', '1998-05-01')[0]!.date).toBe('1998-05-04');
    // A deadline told "until mid-November" in late October lies ahead, though the clause is in the past.
    expect(datesIn('The government gave the company until mid-November to submit more information.', '1989-10-30')[0]!.date).toBe('1989-11');
  });

  it('dates a year after a nation\'s or a party\'s adjective, and one after a preposition opening the sentence', () => {
    expect(datesIn('The department raised its estimate of the Soviet 1986 grain crop.', '1987-03-04').map((d) => d.date)).toEqual(['1986']);
    expect(datesIn('Delegates met at the Republican 1988 convention.', '1989-03-04').map((d) => d.date)).toEqual(['1988']);
    expect(datesIn('Between 1982 and 1992, output doubled.', '1998-03-04').map((d) => d.date)).toEqual(['1982', '1992']);
    expect(datesIn('Output has doubled since Christmas 1996.', '1998-03-04').map((d) => d.date)).not.toEqual([]);
    expect(datesIn('Sales rose between March and April.', '1998-06-04').map((d) => d.date)).toEqual(['1998-03', '1998-04']);
  });

  it('keeps a date without a year as written when the article gives none, and dates no weekday', () => {
    const text = 'The tsunami ravaged south and east Asia on 26 December, and aid arrived on Monday. Growth will slow in 2005.';
    const found = datesIn(text);
    expect(found.map((d) => [d.date, d.dateText])).toEqual([
      ['XXXX-12-26', 'on 26 December'],
      ['2005', 'in 2005'],
    ]);
    expect(datesIn('The quake struck on 26 December 2004.').map((d) => d.date)).toEqual(['2004-12-26']);
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
      'The offer expires within 30 days.',
      'Output has doubled over the past two years.',
      'Output would fall in the last week of the month.',
      'Prices may march higher.',
      // A year after a capitalised name word is part of the name.
      'He set up a joint venture called Orion 1980, making space equipment.',
      'Suspects were held under the Terrorism Act 2000 for questioning.',
      'Sales of replica kits were boosted by the Euro 2004 tournament.',
      // A recurring day is no date.
      'Two new flights would leave Bombay on Monday and Tuesday nights.',
      'The market is open every Friday.',
      // A 24-hour clock time is not a year.
      'The offer will expire at 1700 EST.',
      // A month's abbreviation after "and" with no date before it is a name.
      'She co-hosted the show alongside presenters Ant and Dec.',
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
