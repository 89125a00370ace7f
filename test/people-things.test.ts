import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPeople } from '../src/facts/people.ts';
import { analyzeArticle } from '../src/nlp/analyze.ts';
import { nameTokens } from '../src/nlp/names.ts';

/**
 * Names of companies, brands and works are not people, and people who share a surname stay apart:
 * on real articles read where they are in ../shared (never copied into the repository), skipped
 * visibly when absent.
 */
const SHARED = path.resolve(import.meta.dirname, '../../shared');
const DEV = path.join(SHARED, 'benchmarks/people-conll2003/dev');
const REUTERS = path.join(SHARED, 'corpora/reuters-21578');
const BBC = path.join(SHARED, 'corpora/bbc-news-2004-2005');
const have = (dir: string) => {
  const ok = existsSync(dir);
  if (!ok) console.warn(`test/people-things.test.ts: ${dir} is absent; its articles are skipped`);
  return ok;
};
const haveDev = have(DEV);
const haveReuters = have(REUTERS);
const haveBbc = have(BBC);

const analyse = (dir: string, file: string) => analyzeArticle({ file, text: readFileSync(path.join(dir, file), 'utf8'), hash: file, meta: { file } });
/** How an article's mentions of a name read: 'person', 'weak' or 'org' for each. */
const readings = (dir: string, file: string, name: string) =>
  analyse(dir, file)
    .facts.people.filter((m) => m.name === name)
    .map((m) => (m.org ? 'org' : m.weak ? 'weak' : 'person'));
const listed = (dir: string, ...files: string[]) => buildPeople(files.map((f) => analyse(dir, f))).map((p) => p.name);

describe.skipIf(!haveDev)('companies and their people on dev-split articles (../shared)', () => {
  it('a name after a company noun or in "shares of" is a company', () => {
    // "mineral water firm Multico", "2,960,000 shares of Jones common stock"
    expect(readings(DEV, 'conll-testa-183.txt', 'Multico')).toContain('org');
    expect(readings(DEV, 'conll-testa-033.txt', 'Jones')).toContain('org');
  });

  it('a person stays one after "peacemaker" or "playmaker", and beside the firm he works for', () => {
    expect(readings(DEV, 'conll-testa-046.txt', 'Alexander Lebed')).not.toContain('org');
    expect(readings(DEV, 'conll-testa-101.txt', 'Corentine Martins')).not.toContain('org');
    // "said David Shulman, Salomon Bros."
    expect(listed(DEV, 'conll-testa-085.txt')).toContain('David Shulman');
  });

  it('a given name that is also a particle opens the name ("Al Unser Jr")', () => {
    expect(nameTokens('Al Unser Jr')).toEqual(['al', 'unser']);
    expect(nameTokens('Zine al-Abidine Ben Ali')).toEqual(['zine', 'abidine', 'ali']);
    expect(listed(DEV, 'conll-testa-125.txt')).toContain('Al Unser Jr');
  });
});

describe.skipIf(!haveReuters)('on Reuters articles (../shared)', () => {
  it('"Ben Love" and "Andrew Love" are two people', () => {
    // 07366: "Texas Commerce chairman Ben Love"; 10890: "Named to the board were Andrew Love, …"
    const names = listed(REUTERS, '07366.txt', '10890.txt');
    expect(names).toContain('Ben Love');
    expect(names).toContain('Andrew Love');
  });

  it('a firm named as a list of names with "and Co" is a firm', () => {
    // "said lead manager Stifel, Nicolaus and Co Inc"; "H.P. Smith, analyst at Smith Barney, Harris Upham and Co"
    expect(listed(REUTERS, '15100.txt')).not.toContain('Stifel');
    expect(listed(REUTERS, '01252.txt')).not.toContain('Smith Barney');
  });

  it('the person after a title is not the organisation before it ("Bank of Japan Governor Satoshi Sumita")', () => {
    expect(readings(REUTERS, '08607.txt', 'Satoshi Sumita')).toContain('person');
    expect(listed(REUTERS, '08607.txt', '07401.txt')).toEqual(expect.arrayContaining(['Satoshi Sumita', 'Beryl Sprinkel']));
  });

  it('a sentence capitalised only in its first word still names the person it opens with ("Schlang said the company\'s …")', () => {
    // The people step reads such sentences for their lower-case words first, and for names only when the first word may open one.
    const a = analyse(REUTERS, '00045.txt');
    const at = a.sentences.findIndex((s) => s.text.startsWith('Schlang said the company'));
    expect(at).toBeGreaterThan(0);
    expect(a.facts.people.filter((m) => m.sentence === at && !m.weak && !m.org).map((m) => m.name)).toEqual(['Elliott Schlang']);
    // …and one opening with a common word names no one.
    const plain = a.sentences.findIndex((s) => s.text.startsWith('She said a statement was expected'));
    expect(plain).toBeGreaterThan(0);
    expect(a.facts.people.filter((m) => m.sentence === plain)).toEqual([]);
  });
});

describe.skipIf(!haveBbc)('on BBC articles (../shared)', () => {
  it('a work after "show", "book" or "novel" is not a person', () => {
    // "the controversial hit show Jerry Springer"; "with his book Cloud Atlas"
    expect(readings(BBC, 'entertainment-003.txt', 'Jerry Springer')).toContain('org');
    expect(readings(BBC, 'entertainment-215.txt', 'Cloud Atlas')).toContain('org');
    expect(listed(BBC, 'entertainment-215.txt')).not.toContain('Cloud Atlas');
    // …but "Ms Atlas" of another article is still a person.
    expect(listed(BBC, 'entertainment-215.txt', 'entertainment-080.txt')).toContain('Atlas');
  });

  it('a lone word written once as a company\'s ("Fiat shares", "Fiat\'s shares") is not listed', () => {
    // business-078: "Reports of deadlocked talks sent Fiat shares down 1.2% on Tuesday"
    expect(readings(BBC, 'business-078.txt', 'Fiat')).toContain('org');
    expect(readings(BBC, 'business-160.txt', 'Fiat')).toContain('org');
    expect(listed(BBC, 'business-078.txt', 'business-160.txt')).not.toContain('Fiat');
  });

  it('people listed before "and group G4" are people', () => {
    // "Rowetta Satchell, Steve Brookstein, Tabby Callaghan and group G4 are the remaining finalists."
    expect(listed(BBC, 'entertainment-174.txt')).toEqual(expect.arrayContaining(['Rowetta Satchell', 'Steve Brookstein']));
  });
});
