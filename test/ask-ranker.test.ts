import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAsk, answerKind } from '../src/answers/ask/index.ts';
import { synonymsOf } from '../src/answers/ask/synonyms.ts';
import { queryTerms } from '../src/nlp/terms.ts';
import type { QuoteRef } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { seedIndex, writtenCorpus } from './helpers/corpus.ts';

const quotes = (index: CorpusIndex, q: string) => (answerAsk(index, q).items as QuoteRef[]).map((i) => i.quote);

describe('the kind of answer a question asks for', () => {
  it('reads it from the opening words', () => {
    expect(answerKind('Who signed a five-year contract with Chelsea?')).toBe('person');
    expect(answerKind('which player scored the goal?')).toBe('person');
    expect(answerKind('When did the attack occur?')).toBe('date');
    expect(answerKind('In what year was he convicted?')).toBe('date');
    expect(answerKind('How many people were arrested?')).toBe('number');
    expect(answerKind('how much did the company pay')).toBe('number');
    expect(answerKind('Where was the plane last seen?')).toBe('place');
    expect(answerKind('In which country was the cleric working?')).toBe('place');
    expect(answerKind('Why did the minister resign?')).toBe('reason');
    expect(answerKind('What did Blair say about Iraq?')).toBe('quote');
    expect(answerKind('What is the film about?')).toBe('any');
  });
});

describe('the answer ranker on the seed articles', () => {
  let index: CorpusIndex;
  beforeAll(async () => {
    index = await seedIndex();
  });

  it('"What did Kerry say about a cease-fire?" finds his words though the sentence names him only as "He"', () => {
    const [first] = quotes(index, 'What did Kerry say about a cease-fire?');
    expect(first).toMatch(/^He later held out the prospect that a Syrian cease-fire could come within weeks/);
    // The speaker is shown beside the quote, by the article's fullest form of the name.
    const item = answerAsk(index, 'What did Kerry say about a cease-fire?').items[0] as QuoteRef & { speaker?: string };
    expect(item.speaker).toMatch(/Kerry$/);
    expect(item.speaker!.split(' ').length).toBeGreaterThan(1);
  });

  it('says so when nothing answers well, and offers the closest matches as such', () => {
    const weak = answerAsk(index, 'What is the capital of Narnia?');
    expect(weak.message).toMatch(/closest matches/);
    expect(weak.items.length).toBeGreaterThan(0);
    // A question the articles do answer carries no such message.
    expect(answerAsk(index, 'What did Kerry say about a cease-fire?').message).toBeUndefined();
  });
});

describe('the answer ranker on a small corpus written by the test', () => {
  let corpus: Awaited<ReturnType<typeof writtenCorpus>>;
  let index: CorpusIndex;
  afterAll(() => corpus?.cleanup());
  beforeAll(async () => {
    const files: Record<string, string> = {
      'football.txt': [
        'Chelsea transfer news',
        '',
        'Chelsea completed two signings on Tuesday as the club rebuilt its defence.',
        'Brazilian defender Marco Silva agreed a four-year contract with the London club after a medical.',
        'Midfielder Jonas Keller signed a five-year contract with Chelsea, the club said in a statement.',
        'The manager said both players would be available for the weekend.',
      ].join('\n'),
      'blair.txt': [
        'Blair visits troops',
        '',
        'Prime Minister Tony Blair arrived in Basra on Thursday to meet British troops.',
        'Mr Blair also made a surprise trip to Iraq this week, his fourth since the war.',
        '"The job in Iraq is not yet done, and we will stay until it is," Mr Blair told the soldiers.',
        'Critics in London said the visit was a distraction from the budget.',
        'Tony Blair must set out an exit strategy from Iraq, Liberal Democrat leader Charles Kennedy said.',
        "Former aide Lord Butler criticised the way Tony Blair's government handled Iraq.",
        'He also attacked the way the war in Iraq was "sold" to the public.',
      ].join('\n'),
      'museum.txt': [
        'Museum opening delayed',
        '',
        'Work on the city museum has been halted over a budget dispute.',
        'The museum was due to open on September 11, but officials now expect a delay of a year.',
        'Construction began in 2006 after years of planning.',
      ].join('\n'),
      'history.txt': [
        'A short history of bridges',
        '',
        'The first iron bridge was opened in 1781 in Shropshire.',
        'Engineers later opened steel bridges across wider rivers.',
      ].join('\n'),
      'election.txt': [
        'City election',
        '',
        'Mayor Sam Cole opened a new bridge for the city on Monday.',
        'The party named Ruth Adler as its nominee for mayor after a long contest.',
        'Turnout is expected to be low.',
      ].join('\n'),
      'flood.txt': [
        'Floods in the valley',
        '',
        'Heavy rain flooded the valley over the weekend.',
        'He said the river rose faster than at any time in living memory.',
        'Rescue teams evacuated 300 residents from the town of Mora, officials said.',
        'Engineer Jim Wood was watching when the old bridge collapsed.',
        'Engineer Tom Hart was killed when the old bridge collapsed.',
      ].join('\n'),
    };
    corpus = await writtenCorpus(files);
    index = corpus.index;
  });

  it('a who-question gets the sentence naming who did exactly what was asked, not a near miss', () => {
    const [first] = quotes(index, 'Who signed a five-year contract with Chelsea?');
    expect(first).toBe('Midfielder Jonas Keller signed a five-year contract with Chelsea, the club said in a statement.');
  });

  it('"What did Blair say about Iraq?" prefers his words to sentences about him', () => {
    const all = quotes(index, 'What did Blair say about Iraq?');
    expect(all[0]).toBe('"The job in Iraq is not yet done, and we will stay until it is," Mr Blair told the soldiers.');
    expect(all).toContain('Mr Blair also made a surprise trip to Iraq this week, his fourth since the war.');
    // Naming him is not speaking: Kennedy's words about Blair, and Butler's "He also attacked …", are not his.
    const items = answerAsk(index, 'What did Blair say about Iraq?').items as (QuoteRef & { speaker?: string })[];
    const his = items.filter((i) => i.speaker).map((i) => i.quote);
    expect(his[0]).toBe(all[0]);
    expect(his.some((q) => /Kennedy said|He also attacked/.test(q))).toBe(false);
  });

  it('a when-question gets a dated sentence of the story asked about, not a year from another story', () => {
    const all = quotes(index, 'When was the museum due to open?');
    expect(all[0]).toBe('The museum was due to open on September 11, but officials now expect a delay of a year.');
    for (const q of all) expect(q).not.toMatch(/1781/);
  });

  it('a how-many question gets the sentence with the figure', () => {
    const [first] = quotes(index, 'How many residents were evacuated?');
    expect(first).toMatch(/evacuated 300 residents/);
  });

  it('a where-question gets the sentence naming a place', () => {
    const [first] = quotes(index, 'Where did Tony Blair meet the troops?');
    expect(first).toMatch(/Basra/);
  });

  it('a related form of a word finds the sentence ("nominee" for "nomination")', () => {
    const [first] = quotes(index, 'Who got the nomination for mayor?');
    expect(first).toMatch(/as its nominee for mayor/);
  });

  it('a word of injury meets the others by their normalised terms, never the weather ("wound" alone is read as a form of "wind")', () => {
    expect(synonymsOf('injur')).toEqual(expect.arrayContaining(['wound', 'hurt', 'casualti']));
    expect(synonymsOf('injur')).not.toContain('wind');
    expect(synonymsOf('wind')).toEqual([]);
  });

  it('a blizzard or a snowstorm is a storm ("The storm started late Sunday night" answers when the blizzard began)', () => {
    const [blizzard, storm, snowstorm] = ['blizzard', 'storm', 'snowstorm'].map((w) => queryTerms(w)[0]!);
    expect(synonymsOf(blizzard!)).toEqual(expect.arrayContaining([storm, snowstorm]));
  });

  it('a synonym of news reporting meets the question ("died" finds "was killed")', () => {
    const [first] = quotes(index, 'Who died when the old bridge collapsed?');
    expect(first).toBe('Engineer Tom Hart was killed when the old bridge collapsed.');
  });

  it('every answer is quoted word for word from its file', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const q of ['Who signed a five-year contract with Chelsea?', 'What did Blair say about Iraq?', 'When was the museum due to open?']) {
      for (const item of answerAsk(index, q).items as QuoteRef[]) {
        expect(await readFile(path.join(corpus.dir, item.source), 'utf8')).toContain(item.quote);
      }
    }
  });
});
