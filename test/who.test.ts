
import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoItem, WhoListItem } from '../src/answers/types.ts';
import { answerWho } from '../src/answers/who.ts';
import { buildPeople } from '../src/facts/people.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { analyzeArticle } from '../src/nlp/analyze.ts';
import { nameTokens } from '../src/nlp/names.ts';
import type { PersonMention } from '../src/nlp/people.ts';
import { seedIndex, seedTexts } from './helpers/corpus.ts';

let index: CorpusIndex;
let list: WhoListItem[];
let files: Map<string, string>;

beforeAll(async () => {
  index = await seedIndex();
  list = answerWho(index, '').items as WhoListItem[];
  files = await seedTexts();
});

const person = (name: string) => list.find((p) => p.name === name);
const who = (q: string) => answerWho(index, q).items as WhoItem[];

/** People found in one article's text (read as if it were a file of the corpus). */
function peopleIn(text: string): PersonMention[] {
  return analyzeArticle({ file: 't.txt', text, hash: 'h', meta: { file: 't.txt' } }).facts.people;
}
/** The people a corpus of these article texts lists, with their mentions. */
const corpusPeople = (...texts: string[]) =>
  buildPeople(texts.map((text, i) => analyzeArticle({ file: `${i}.txt`, text, hash: `${i}`, meta: { file: `${i}.txt` } }))).map((p) => [p.name, p.mentions]);
const named = (text: string) => [...new Set(peopleIn(text).filter((m) => !m.weak && !m.org).map((m) => m.name))];

describe('/who lists the people of the seed articles', () => {
  it('finds all 17 people, each once, under their full name, and nothing else', () => {
    const expected = [
      'Vladimir Putin',
      'Francois Hollande',
      'Manuel Valls',
      'Carsten Nickel',
      'John Kerry',
      'Barack Obama',
      'Bashar al-Assad',
      'Abdeslam Salah',
      'Steve Warren',
      'Werner Schneider',
      'David Cameron',
      'Abdelhamid Abaaoud',
      'Fabien Clain',
      'Mohammed Amri',
      'Abdullah',
      'Carette',
      'Shadi',
    ];
    for (const name of expected) expect(person(name), name).toBeDefined();
    const names = list.map((p) => p.name);
    // Every person the seeds name, and no one else (no place, organisation or fragment).
    expect([...names].sort()).toEqual([...expected].sort());
    expect(new Set(names).size).toBe(names.length);
    // A surname alone is never listed apart from its full name.
    for (const n of ['Putin', 'Assad', 'Obama', 'Abdeslam', 'Kerry', 'Nickel', 'Valls', 'Hollande']) expect(names).not.toContain(n);
  });

  it('lists no places, countries, organisations, outlets or buildings', () => {
    const notPeople = [
      'Islamic State',
      'Elysee Palace',
      'Teneo Intelligence',
      'Kremlin',
      'Raqqa',
      'Paris',
      'Metrojet',
      'Associated Press',
      'Agence France-Presse',
      'RTBF',
      'AFP',
      'White House',
      'St. Petersburg',
      'Russian Federation',
      'Moscow',
      'Syria',
      'United States',
    ];
    const words = new Set(list.flatMap((p) => nameTokens(p.name)));
    for (const bad of notPeople) {
      expect(list.map((p) => p.name)).not.toContain(bad);
      expect(nameTokens(bad).every((w) => words.has(w)), bad).toBe(false);
    }
  });

  it('reads each role from the text: a title before the name or an appositive after it', () => {
    expect(person('Manuel Valls')!.role).toBe('French Prime Minister');
    expect(['Army Col.', 'a military spokesman in Iraq']).toContain(person('Steve Warren')!.role);
    expect(person('Carsten Nickel')!.role).toBe('an analyst at political-risk consultancy Teneo Intelligence');
    expect(person('Werner Schneider')!.role).toBe('police spokesman');
    expect(person('John Kerry')!.role).toBe('Secretary of State');
    expect(person('Vladimir Putin')!.role).toBe('Russian president');
    for (const p of list) if (p.role) expect([...files.values()].some((t) => t.includes(p.role!)), p.role).toBe(true);
  });

  it('quotes the sentence that introduces each person, verbatim, most mentioned first', () => {
    expect(person('Manuel Valls')!.quote).toMatch(/^French Prime Minister Manuel Valls said/);
    expect(person('Carsten Nickel')!.quote).toContain('Carsten Nickel, an analyst');
    for (const p of list) {
      expect(files.get(p.source)).toContain(p.quote);
      expect(index.articles.get(p.source)!.sentences.some((s) => s.text === p.quote)).toBe(true);
    }
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.mentions).toBeGreaterThanOrEqual(list[i]!.mentions);
  });

  it('counts a lone surname toward the full name, across articles', () => {
    // 000 writes "Abdeslam, 26", 002 "Abdeslam Salah, 26": one person, two mentions.
    expect(person('Abdeslam Salah')!.mentions).toBe(2);
    // 000: "President Obama", "Obama administration"; 002: "President Barack Obama", "Obama" twice.
    expect(person('Barack Obama')!.mentions).toBe(5);
    expect(person('Bashar al-Assad')!.mentions).toBeGreaterThanOrEqual(6);
  });

  it('is stored in the snapshot as plain data, and answers without searching the sentences', () => {
    const people = index.derived.people;
    expect(JSON.parse(JSON.stringify(people))).toEqual(people);
    const fail = () => {
      throw new Error('/who must read precomputed people');
    };
    const bare = { ...index, sentences: [], byKey: new Map(), search: new Proxy({}, { get: fail }) } as unknown as CorpusIndex;
    expect(answerWho(bare, '').items).toEqual(list);
    expect(answerWho(bare, 'Putin').items.length).toBeGreaterThan(0);
  });
});

describe('/who <name> resolves every form of the name', () => {
  const sameAs = (a: string, b: string) => expect(who(a)).toEqual(who(b));

  it('surname alone, full name, reversed order, lower case', () => {
    sameAs('Putin', 'Vladimir Putin');
    sameAs('putin', 'Vladimir Putin');
    sameAs('Abdeslam', 'Abdeslam Salah');
    sameAs('Salah Abdeslam', 'Abdeslam Salah');
    sameAs('abdeslam', 'Abdeslam Salah');
    expect(who('Putin').every((i) => i.name === 'Vladimir Putin')).toBe(true);
  });

  it('particles and titles: Assad, Bashar Assad, Bashar al-Assad; Obama, President Obama, Barack Obama', () => {
    sameAs('Assad', 'Bashar al-Assad');
    sameAs('Bashar Assad', 'Bashar al-Assad');
    sameAs('al-Assad', 'Assad');
    sameAs('Obama', 'Barack Obama');
    sameAs('President Obama', 'Barack Obama');
    for (const q of ['Assad', 'Obama', 'Abdeslam']) expect(new Set(who(q).map((i) => i.source)).size, q).toBe(2);
  });

  it('returns the sentences about the person from every article, best first, each once, verbatim', () => {
    const items = who('Valls');
    expect(items[0]!.quote).toMatch(/^French Prime Minister Manuel Valls said/);
    expect(items.map((i) => i.quote)).toContain('While French officials have said they\'re certain Islamic State directed the Paris attacks, "we don\'t yet have the whole reality" of what occurred, Valls said, including the total number of individuals involved.');
    const abdeslam = who('Abdeslam').map((i) => i.quote);
    expect(abdeslam.some((q) => q.includes('Abdeslam Salah, 26'))).toBe(true);
    expect(abdeslam.some((q) => q.includes('his friend Abdeslam, 26'))).toBe(true);
    for (const q of ['Putin', 'Hollande', 'Kerry', 'Assad']) {
      const quotes = who(q).map((i) => i.quote);
      expect(new Set(quotes).size).toBe(quotes.length);
      for (const i of who(q)) expect(files.get(i.source)).toContain(i.quote);
    }
  });

  it('says plainly when no one has the name, and suggests the nearest names', () => {
    const a = answerWho(index, 'Napoleon');
    expect(a.items).toEqual([]);
    expect(a.message).toBe('No one called “Napoleon” appears in the articles.');
    expect(answerWho(index, 'Hollnde').suggestions).toContain('Francois Hollande');
    expect(answerWho(index, 'Nickle').suggestions).toContain('Carsten Nickel');
    // A place is not a person, even when asked for by name.
    expect(answerWho(index, 'Kremlin').items).toEqual([]);
    expect(answerWho(index, 'Raqqa').items).toEqual([]);
  });
});

describe('the extraction rules, on general news text', () => {
  it('takes the name after a title, and the title as role', () => {
    const m = peopleIn('Treasury Secretary James Baker said the dollar was stable. Baker spoke in Paris.');
    expect(m.filter((x) => !x.weak).map((x) => [x.name, x.role])).toEqual([
      ['James Baker', 'Treasury Secretary'],
      ['James Baker', undefined],
    ]);
    expect(named('Prime Minister John Major said he would stay.')).toEqual(['John Major']);
    expect(named('Secretary of State George Shultz met Foreign Minister of Trade and Industry Hajime Tamura.')).toEqual(['George Shultz', 'Hajime Tamura']);
  });

  it('does not take companies, places or plural nouns for people', () => {
    expect(named('Computer Terminal Systems Inc said it completed the sale. Computer Terminal said it was pleased.')).toEqual([]);
    expect(named('The offering is led by lead manager Morgan Stanley and Co Inc. Morgan Stanley said demand was strong.')).toEqual([]);
    expect(named('U.S. Officials said the talks would resume. Bankers, officials and academics at a conference agreed.')).toEqual([]);
    expect(named('The Bank of England said rates would hold, dealers said.')).toEqual([]);
  });

  it('reads appositives, ages and "who" after a name, and a role phrase before one', () => {
    expect(named('"We expect more," said Jeffrey Klein, an analyst with Kidder Peabody.')).toEqual(['Jeffrey Klein']);
    expect(named('Reuters, the company spokesman said, was told of the plan.')).toEqual([]);
    expect(peopleIn('The fund is run by its founder, Anna Lindqvist, who declined to comment.').find((x) => !x.weak)?.role).toBe('founder');
    expect(named('Police arrested Lukas Berger, 31, on Tuesday.')).toEqual(['Lukas Berger']);
    expect(named('The band, a quartet from Ohio, who performed a medley, won.')).toEqual([]);
    expect(named('Spanish junior finance minister Guillermo de la Dehesa said Spain was against the tax.')).toEqual(['Guillermo de la Dehesa']);
  });

  it('gives a lone surname to the namesake it fits, and keeps a prince apart from a singer', () => {
    const people = corpusPeople(
      'Treasury Secretary James Baker said the dollar was stable.',
      'Senator Howard Baker said the bill would pass.',
      'Treasury Secretary Baker said talks would go on.',
    );
    expect(people).toEqual([
      ['James Baker', 2],
      ['Howard Baker', 1],
    ]);
    expect(corpusPeople('Ray Charles, the singer, performed on Monday.', 'Prince Charles visited the school.')).toEqual([
      ['Charles', 1],
      ['Ray Charles', 1],
    ]);
  });
});
