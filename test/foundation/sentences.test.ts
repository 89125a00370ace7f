
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle, isBoilerplate } from '../../src/corpus/clean.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { splitParagraph } from '../../src/nlp/sentences.ts';
import { seedIndex, seedTexts } from '../helpers/corpus.ts';

let index: CorpusIndex;
let texts: Map<string, string>;

beforeAll(async () => {
  index = await seedIndex();
  texts = await seedTexts();
});

const sentencesOf = (file: string) => index.articles.get(file)!.sentences;
const NDTV = '002_6c61f80302cb1f60.txt';
const RAQQA = '000_6dab9517ce660b1d.txt';

describe('sentences of the seed articles', () => {
  it('every sentence is an exact substring of its file, at its recorded offsets', () => {
    expect(index.sentences.length).toBeGreaterThan(40);
    for (const s of index.sentences) {
      const text = texts.get(s.file)!;
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).not.toMatch(/[\r\n]/);
      expect(s.text).toBe(s.text.trim());
    }
  });

  it('sentences keep their article and their position, in reading order', () => {
    for (const a of index.articles.values()) {
      a.sentences.forEach((s, i) => {
        expect(s.file).toBe(a.meta.file);
        expect(s.index).toBe(i);
        if (i > 0) expect(s.start).toBeGreaterThan(a.sentences[i - 1]!.start);
      });
    }
  });

  it('a body repeated within an article yields each sentence once', () => {
    const text = texts.get(NDTV)!;
    const keys = sentencesOf(NDTV).map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    // The file really does carry its paragraphs twice: the repeat was dropped, not missed.
    const raids = sentencesOf(NDTV).find((s) => s.text.includes('128 raids'))!;
    expect(text.indexOf(raids.text)).not.toBe(text.lastIndexOf(raids.text));
    expect(index.articles.get(NDTV)!.dropped.repeated).toBeGreaterThan(0);
  });

  it('outlet boilerplate and a dateline line are not sentences', () => {
    const all = sentencesOf(NDTV).map((s) => s.text);
    expect(all.some((t) => /Track Latest News/.test(t))).toBe(false);
    expect(all.some((t) => /NDTV\.com/.test(t))).toBe(false);
    expect(all.some((t) => /^Paris:?$/.test(t) || t.startsWith('Paris:'))).toBe(false);
    expect(index.articles.get(NDTV)!.meta.dateline).toBe('Paris');
    expect(index.articles.get(NDTV)!.dropped.boilerplate).toHaveLength(1);
  });

  it('repairs the boundary wink misses after a sentence-final "U.S."', () => {
    const all = sentencesOf(NDTV).map((s) => s.text);
    const end = all.find((t) => t.endsWith('a position similar to that of the U.S.'));
    const next = all.find((t) => t.startsWith('Russia, by contrast,'));
    expect(end).toBeDefined();
    expect(next).toBeDefined();
    // …and does not split where "U.S." is inside a noun phrase.
    expect(all.some((t) => t.includes('citing a U.S. official, said'))).toBe(true);
  });

  it('takes the headline as the title, not as a sentence', () => {
    const raqqa = index.articles.get(RAQQA)!;
    expect(raqqa.meta.title).toBe(texts.get(RAQQA)!.split('\n')[0]);
    expect(raqqa.sentences.some((s) => s.text === raqqa.meta.title)).toBe(false);
  });
});

describe('cleaning rules, on text written for the test', () => {
  it('a domain name is not split into two sentences', () => {
    const text = 'Readers can visit Example.com for more. Then they leave.';
    const out = splitParagraph('x.txt', text, { start: 0, end: text.length }, 0).map((s) => s.sentence.text);
    expect(out).toEqual(['Readers can visit Example.com for more.', 'Then they leave.']);
  });

  it('a wire dateline before the first sentence is metadata', () => {
    const text = 'DOLLAR FALLS IN WELLINGTON\n\nWELLINGTON, March 2 - The dollar fell sharply today. Dealers were surprised.\n';
    const clean = cleanArticle(text);
    expect(clean.headline).toBe('DOLLAR FALLS IN WELLINGTON');
    expect(clean.dateline).toBe('WELLINGTON');
    expect(text.slice(clean.paragraphs[0]!.start, clean.paragraphs[0]!.end)).toBe('The dollar fell sharply today. Dealers were surprised.');
  });

  it('splits after a company suffix that ends a sentence', () => {
    const text = 'The shares went to Acme Corp. The deal closes in May.';
    const out = splitParagraph('x.txt', text, { start: 0, end: text.length }, 0).map((s) => s.sentence.text);
    expect(out).toEqual(['The shares went to Acme Corp.', 'The deal closes in May.']);
  });

  it('knows calls to action and copyright lines from story text', () => {
    expect(isBoilerplate('Follow us on Example.org for the latest updates')).toBe(true);
    expect(isBoilerplate('© 2015 Example Media. All rights reserved.')).toBe(true);
    expect(isBoilerplate('Track record of the company was strong, analysts said.')).toBe(false);
  });
});
