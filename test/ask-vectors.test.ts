import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTerms, FORM_WEIGHTS, VECTOR } from '../src/answers/ask/expand.ts';
import { answerAsk } from '../src/answers/ask/index.ts';
import { MAX_NEIGHBOURS, nearestTerms, stemVectors, VECTOR_FILE } from '../src/answers/ask/neighbours.ts';
import type { QuoteRef } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { queryTerms } from '../src/nlp/terms.ts';
import { writtenCorpus } from './helpers/corpus.ts';

const README = path.join(path.dirname(VECTOR_FILE.pathname), 'README.md');

describe('the shipped stem vectors', () => {
  it('load from the file beside the module, with the size and dimensions the README gives', () => {
    const v = stemVectors();
    expect(v.dims).toBe(100);
    expect(v.terms.length).toBe(33_563);
    expect(v.unit.length).toBe(v.terms.length * v.dims);
    const bytes = statSync(VECTOR_FILE).size;
    expect(bytes).toBeLessThanOrEqual(5_000_000);
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(`${v.terms.length.toLocaleString('en')} terms × ${v.dims} dimensions, ${bytes} bytes`);
    expect(readme).toMatch(/MIT License/);
    // Sorted as the postings' terms are, and unit length.
    for (let i = 1; i < v.terms.length; i++) expect(v.terms[i - 1]! < v.terms[i]!).toBe(true);
    for (const i of [0, 1000, v.terms.length - 1]) {
      let n = 0;
      for (let d = 0; d < v.dims; d++) n += v.unit[i * v.dims + d]! ** 2;
      expect(n).toBeCloseTo(1, 4);
    }
    // Keyed by the index's own terms: stems, as sentences are normalised.
    expect(v.terms).toContain(queryTerms('earthquakes')[0]);
    expect(v.terms).toContain(queryTerms('killed')[0]);
    expect(v.terms).not.toContain('killed');
  });
});

describe('word-vector neighbours in the answer ranker', () => {
  let corpus: Awaited<ReturnType<typeof writtenCorpus>>;
  let index: CorpusIndex;
  afterAll(() => corpus?.cleanup());
  beforeAll(async () => {
    const files: Record<string, string> = {
      'teacher.txt': [
        'Village mourns teacher',
        '',
        'A teacher was murdered in Orsk on Friday night.',
        'Anna Berg had taught at the school for twenty years.',
        'Neighbours laid flowers outside the gates on Saturday.',
      ].join('\n'),
      'festival.txt': [
        'Harvest festival',
        '',
        'Orsk held its harvest festival on Friday, and thousands came to Orsk from the valley.',
        'Farmer Piet Maas sold apples and bread in Orsk.',
        'The mayor opened the festival with a speech.',
      ].join('\n'),
      'quake.txt': [
        'Strong tremor shakes the coast',
        '',
        'An earthquake of magnitude 6.1 struck the coast near Valdo early on Tuesday.',
        'Buildings swayed in the capital, and residents ran into the streets.',
      ].join('\n'),
    };
    corpus = await writtenCorpus(files);
    index = corpus.index;
  });

  const first = (q: string) => answerAsk(index, q).items[0] as QuoteRef;
  const term = (id: number) => index.postings.terms[id]!;

  it('finds the index terms closest to a word, among the index vocabulary only, closest first', () => {
    const slay = queryTerms('slain')[0]!;
    const nb = nearestTerms(index, slay, 5, 0.6);
    expect(nb.map((n) => term(n.id))).toContain(queryTerms('murdered')[0]);
    for (const n of nb) expect(n.id).toBeLessThan(index.postings.terms.length);
    for (let i = 1; i < nb.length; i++) expect(nb[i - 1]!.sim).toBeGreaterThanOrEqual(nb[i]!.sim);
    // "quake" is in no article: its neighbour "earthquake" is.
    const quake = nearestTerms(index, queryTerms('quake')[0]!, 1, 0.6);
    expect(quake.map((n) => term(n.id))).toEqual([queryTerms('earthquake')[0]]);
    expect(quake[0]!.sim).toBeGreaterThan(0.9);
    // Bounded: never more than asked, nor more than MAX_NEIGHBOURS, nor below the cosine asked.
    expect(nearestTerms(index, slay, 1, 0)).toHaveLength(1);
    expect(nearestTerms(index, queryTerms('news')[0]!, 1000, -1).length).toBeLessThanOrEqual(MAX_NEIGHBOURS);
    for (const n of nearestTerms(index, slay, 1000, 0.5)) expect(n.sim).toBeGreaterThanOrEqual(0.5);
    // A word without a vector (a number, a name the vectors never saw) has none.
    expect(nearestTerms(index, 'zzqxv', 5, 0)).toEqual([]);
  });

  it('adds at most VECTOR.k neighbours a question term, each at FORM_WEIGHTS.vector times its cosine', () => {
    for (const q of expandTerms(index, queryTerms('Who was slain at the harvest festival in Orsk on Friday?'))) {
      const byVector = q.forms.filter((f) => f.vector);
      expect(byVector.length).toBeLessThanOrEqual(VECTOR.k);
      for (const f of byVector) expect(f.weight).toBeLessThanOrEqual(FORM_WEIGHTS.vector);
    }
  });

  it('"Who was slain in Orsk?" finds the story of the murder, not the one naming Orsk more', () => {
    const got = first('Who was slain in Orsk?');
    expect(path.basename(got.source)).toBe('teacher.txt');
    // Verbatim, and without the vectors the other story would come first: it is the vectors that find it.
    expect(readFileSync(path.join(corpus.dir, got.source), 'utf8')).toContain(got.quote);
    const saved = FORM_WEIGHTS.vector;
    FORM_WEIGHTS.vector = 0;
    try {
      expect(path.basename(first('Who was slain in Orsk?').source)).toBe('festival.txt');
    } finally {
      FORM_WEIGHTS.vector = saved;
    }
  });

  it('a neighbour finds the story, not the sentence: the quote still says what was asked', () => {
    const got = first('When did the quake strike Valdo?');
    expect(got.quote).toMatch(/^An earthquake of magnitude 6\.1 struck the coast near Valdo/);
  });
});
