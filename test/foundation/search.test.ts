import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSearch } from '../../src/answers/search.ts';
import type { SearchItem } from '../../src/answers/types.ts';
import { searchText } from '../../src/index/search.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { queryTerms } from '../../src/nlp/terms.ts';
import { indexOf, seedIndex, tempCorpus } from '../helpers/corpus.ts';

let index: CorpusIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const quotes = (q: string) => (answerSearch(index, q).items as SearchItem[]).map((i) => i.quote);

describe('search over sentences', () => {
  it('finds the "128 raids overnight" sentence for "police raids"', () => {
    expect(quotes('police raids')[0]).toMatch(/128 raids overnight/);
  });

  it('normalises words the same way at index and query time', () => {
    expect(queryTerms('killed')).toEqual(queryTerms('killing'));
    expect(queryTerms('The Raids')).toEqual(queryTerms('raid'));
    expect(queryTerms('the of and')).toEqual([]);
    // The possessive is no term: "Putin's" is "Putin" alone, not "putin" and "s".
    expect(queryTerms("Putin's plane")).toEqual(queryTerms('Putin plane'));
    expect(queryTerms("the boss’s car")).toEqual(queryTerms('boss car'));
    // "killing" in a query finds sentences that say "killed" (and vice versa).
    expect(quotes('killing').some((q) => /\bkilled\b/.test(q))).toBe(true);
  });

  it('requires every word first, and falls back to any word when that finds nothing', () => {
    const both = quotes('Kerry Elysee');
    expect(both.length).toBeGreaterThan(0);
    for (const q of both) expect(q).toMatch(/Kerry/);
    expect(both.every((q) => /Elysee/.test(q))).toBe(true);
    const either = quotes('Alsdorf Metrojet');
    expect(either.some((q) => /Alsdorf/.test(q))).toBe(true);
    expect(either.some((q) => /Metrojet/.test(q))).toBe(true);
  });

  it('matches long words fuzzily and the last word as a prefix', () => {
    expect(quotes('Metrojett').some((q) => q.includes('Metrojet'))).toBe(true);
    expect(quotes('Alsd').some((q) => q.includes('Alsdorf'))).toBe(true);
    // A short word is not matched fuzzily: "raud" is not "raid".
    expect(searchText(index.search, 'raud zzz').length).toBe(0);
  });

  it('says so plainly when nothing matches', () => {
    const a = answerSearch(index, 'xylophone quartet');
    expect(a.items).toEqual([]);
    expect(a.message).toMatch(/No sentence/);
  });

  it('every quote is one of the indexed sentences, with its own article as source', () => {
    const items = answerSearch(index, 'Islamic State Raqqa').items as SearchItem[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const s = index.articles.get(item.source)!.sentences.find((x) => x.text === item.quote);
      expect(s).toBeDefined();
    }
  });
});

describe('the same sentence in two articles', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  afterAll(() => corpus?.cleanup());

  it('is kept in both, known to be the same, and answered once with both sources', async () => {
    corpus = await tempCorpus(false);
    const shared = 'At least 12 people were killed when the ferry capsized near the harbour.';
    await writeFile(path.join(corpus.dir, 'a.txt'), `Ferry disaster\n\n${shared} Rescuers searched all night.\n`);
    await writeFile(path.join(corpus.dir, 'b.txt'), `Harbour mourns\n\nDivers returned at dawn. ${shared}\n`);
    const idx = await indexOf(corpus.dir);
    const ids = [...idx.byKey.values()].find((v) => v.length > 1)!;
    expect(ids.map((i) => idx.sentences[i]!.file).sort()).toEqual(['a.txt', 'b.txt']);
    expect(ids.map((i) => idx.sentences[i]!.text)).toEqual([shared, shared]);
    const items = answerSearch(idx, 'ferry capsized').items as SearchItem[];
    expect(items).toHaveLength(1);
    expect([items[0]!.source, ...(items[0]!.alsoIn ?? [])].sort()).toEqual(['a.txt', 'b.txt']);
  });
});
