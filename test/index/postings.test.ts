/**
 * The flat postings and the MiniSearch that reads them: the same results and scores as MiniSearch's
 * own index of the same sentences, and an incremental update equal to a full build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactSearchWorks, searchOver } from '../../src/index/compact-search.ts';
import { buildSearch, fastBuildWorks, slowBuild } from '../../src/index/fast-search.ts';
import { buildPostings, samePostings, updatePostings } from '../../src/index/postings.ts';
import { searchTerms } from '../../src/index/search.ts';
import { queryTerms } from '../../src/nlp/terms.ts';
import { seedIndex } from '../helpers/corpus.ts';

/** Results as (id, score) sorted by id: the order of equal scores is not part of MiniSearch's contract. */
const scored = (rs: { id: unknown; score: number }[]) => rs.map((r) => [r.id as number, Number(r.score.toPrecision(12))]).sort((a, b) => a[0]! - b[0]!);

describe('the MiniSearch over flat postings', () => {
  it('finds exactly what MiniSearch finds in the seed sentences, with the same scores and ranking', async () => {
    const index = await seedIndex();
    const terms = index.sentences.map((s) => s.terms);
    expect(compactSearchWorks()).toBe(true);
    const compact = searchOver(buildPostings(terms));
    const real = slowBuild(terms);
    const queries = ['police raids', 'Raqqa strikes', 'killed', 'Islamic State fighters', 'Metrojet', 'Abdeslam', 'Paris attacks 129', 'Russia', 'Hollande said', 'Syri', 'bombin'];
    let found = 0;
    for (const q of queries) {
      const t = queryTerms(q);
      const a = searchTerms(compact, t);
      const b = searchTerms(real, t);
      expect(scored(a), q).toEqual(scored(b));
      expect(a.map((r) => r.score)).toEqual(b.map((r) => r.score)); // same ranking (scores in order)
      found += a.length;
    }
    expect(found).toBeGreaterThan(30);
    expect(compact.documentCount).toBe(real.documentCount);
    expect(compact.termCount).toBe(real.termCount);
  });

  it('is read-only: adding or removing a sentence throws instead of corrupting it', async () => {
    const index = await seedIndex();
    expect(() => index.search.add({ id: 999_999, terms: 'quokka' })).toThrow(/read-only/);
    expect(() => index.search.discard(0)).toThrow(/read-only/);
    expect(index.search.search('raqqa').length).toBeGreaterThan(0);
  });

  it('the real-maps fallback equals MiniSearch.addAll exactly', async () => {
    const terms = (await seedIndex()).sentences.map((s) => s.terms);
    expect(fastBuildWorks()).toBe(true);
    expect(buildSearch(terms).toJSON()).toEqual(slowBuild(terms).toJSON());
  });
});

describe('postings', () => {
  it('are canonical: sorted terms, ascending ids, a frequency per occurrence', () => {
    const p = buildPostings(['b a b', '', 'a c', 'c']);
    expect(p.terms).toEqual(['a', 'b', 'c']);
    expect([...p.offsets]).toEqual([0, 2, 3, 5]);
    expect([...p.docs]).toEqual([0, 2, 0, 2, 3]);
    expect([...p.freqs]).toEqual([1, 1, 2, 1, 1]);
    expect([...p.lengths]).toEqual([2, 0, 2, 1]);
  });

  it('after removing, keeping and adding sentences, equal a full build of the new table (real seed terms)', async () => {
    const pool = (await seedIndex()).sentences.map((s) => s.terms);
    const table = fc.array(fc.constantFrom(...pool, '', 'quokka quokka', 'zebra'), { maxLength: 30 });
    fc.assert(
      fc.property(table, fc.array(fc.boolean(), { maxLength: 30 }), table, fc.array(fc.nat({ max: 2 }), { maxLength: 30 }), (before, kept, extra, gaps) => {
        const old = buildPostings(before);
        // New table: the kept old sentences in order, with `gaps[i]` of the extra ones inserted before old sentence i, the rest at the end.
        const keep = new Int32Array(before.length).fill(-1);
        const after: string[] = [];
        const added: { id: number; terms: string }[] = [];
        let e = 0;
        const insert = (n: number) => {
          for (let k = 0; k < n && e < extra.length; k++, e++) {
            added.push({ id: after.length, terms: extra[e]! });
            after.push(extra[e]!);
          }
        };
        before.forEach((t, i) => {
          insert(gaps[i] ?? 0);
          if (kept[i] ?? true) {
            keep[i] = after.length;
            after.push(t);
          }
        });
        insert(extra.length);
        expect(samePostings(updatePostings(old, keep, added, after.length), buildPostings(after))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
