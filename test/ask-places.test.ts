import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerKind } from '../src/answers/ask/index.ts';
import { expandTerms, rankSentences } from '../src/answers/ask/rank.ts';
import { contentTerms } from '../src/answers/ask/route.ts';
import { questionWords } from '../src/answers/ask/signals.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { indexOf, tempCorpus } from './helpers/corpus.ts';

/**
 * Where-questions on real Reuters stories (read from ../shared/corpora at test time, copied to a
 * temporary folder only): the place a sentence calls one ("the district of Chow Kit") holds the
 * answer; a place the question already names does not.
 */
const REUTERS = path.resolve(import.meta.dirname, '../../shared/corpora/reuters-21578');
const STORIES = ['21498.txt', '16984.txt', '00001.txt', '00002.txt', '00003.txt'];

describe.skipIf(!existsSync(REUTERS))('places asked for, on Reuters stories', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let index: CorpusIndex;
  afterAll(() => corpus?.cleanup());
  beforeAll(async () => {
    corpus = await tempCorpus(false);
    for (const f of STORIES) await copyFile(path.join(REUTERS, f), path.join(corpus.dir, f));
    index = await indexOf(corpus.dir);
  }, 60_000);

  const fitsOf = (q: string, words: string, re: RegExp) => {
    const ranked = rankSentences(index, expandTerms(index, contentTerms(words)), { kind: answerKind(q), asked: questionWords(q), explain: true });
    const r = ranked.find((x) => re.test(index.sentences[x.id]!.text));
    if (!r) throw new Error(`no ranked sentence matches ${re}`);
    return r.fits;
  };

  it('"the district of Chow Kit" names a place; a sentence naming only the asked city does not answer', () => {
    const q = 'In which Kuala Lumpur district did a rifleman shoot people at petrol stations?';
    const words = 'Kuala Lumpur district rifleman shoot people petrol stations';
    expect(fitsOf(q, words, /cordoned off the district of Chow Kit/)).toBe(true);
    expect(fitsOf(q, words, /^Malaysian police denied rumours of race riots in Kuala Lumpur/)).toBe(false);
  });

  it('a place whose name begins like a month ("the Mayfair district") is a place, not a date', () => {
    const q = 'In which Johannesburg neighbourhood did a bomb planted under a car go off?';
    const words = 'Johannesburg neighbourhood bomb planted under car go off';
    expect(fitsOf(q, words, /placed under a car in the Mayfair district/)).toBe(true);
    expect(fitsOf(q, words, /^A bomb rocked a white area of Johannesburg/)).toBe(false);
  });
});
