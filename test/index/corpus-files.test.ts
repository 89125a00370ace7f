/**
 * Reading only what changed gives what `readCorpus` gives: the same articles (by hash), the same
 * warnings in the same order, with only changed files actually read.
 */
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { type CorpusFiles, RACY_MS, readCorpusSince } from '../../src/index/corpus-files.ts';
import { tempCorpus } from '../helpers/corpus.ts';

const SEED_A = '000_6dab9517ce660b1d.txt';
const SEED_B = '002_6c61f80302cb1f60.txt';

let c: Awaited<ReturnType<typeof tempCorpus>>;
let before: CorpusFiles;

beforeAll(async () => {
  c = await tempCorpus();
  await writeFile(path.join(c.dir, 'empty.txt'), '');
  // Let the copy age past the racy window, then take the record every test compares against.
  await sleep(RACY_MS + 100);
  before = (await readCorpusSince(c.dir, undefined)).files;
});
afterAll(() => c.cleanup());

/** The incremental read agrees with a full read of the folder as it is now. */
async function expectAgrees(previous: CorpusFiles) {
  const since = await readCorpusSince(c.dir, previous);
  const full = await readCorpus(c.dir);
  expect(since.warnings).toEqual(full.warnings);
  const hashes = [...since.articles, ...since.reused].map((a) => [a.file, a.hash]).sort();
  expect(hashes).toEqual(full.articles.map((a) => [a.file, a.hash]));
  for (const a of since.articles) expect(a).toEqual(full.articles.find((f) => f.file === a.file));
  return since;
}

describe('reading a corpus again', () => {
  it('reads nothing when nothing changed', async () => {
    const since = await expectAgrees(before);
    expect(since.articles).toEqual([]);
    expect(since.reused.map((r) => r.file)).toEqual([SEED_A, SEED_B]);
    expect(since.warnings.map((w) => w.file)).toEqual(['empty.txt']);
  });

  it('reads only added and changed files, including bad ones, and forgets removed ones', async () => {
    await writeFile(path.join(c.dir, 'new.txt'), 'Quokka news\n\nThe Quokka Institute opened a reserve near Perth.\n');
    await writeFile(path.join(c.dir, 'binary.txt'), Buffer.from([0x41, 0, 0x42]));
    await mkdir(path.join(c.dir, 'folder.txt'));
    await appendFile(path.join(c.dir, SEED_A), '\n\nThe Wombat delegates arrived on Friday.\n');
    await rm(path.join(c.dir, 'empty.txt'));
    const since = await expectAgrees(before);
    expect(since.articles.map((a) => a.file)).toEqual([SEED_A, 'new.txt']);
    expect(since.reused.map((r) => r.file)).toEqual([SEED_B]);
    expect(since.warnings.map((w) => w.file)).toEqual(['binary.txt', 'folder.txt']);
    // And the record it leaves reads nothing the next time.
    await sleep(RACY_MS + 100);
    const settled = (await readCorpusSince(c.dir, since.files)).files;
    expect((await expectAgrees(settled)).articles).toEqual([]);
  });

  it('says a listed file is missing when it is removed, as a full read does', async () => {
    // The files changed last in the previous test, over RACY_MS ago: this record trusts them all.
    const record = (await readCorpusSince(c.dir, undefined)).files;
    const text = await readFile(path.join(c.dir, SEED_B));
    await rm(path.join(c.dir, SEED_B));
    try {
      const since = await expectAgrees(record);
      expect(since.articles).toEqual([]);
      expect(since.warnings.some((w) => w.file === 'sources.json' && w.problem.includes(SEED_B))).toBe(true);
    } finally {
      await writeFile(path.join(c.dir, SEED_B), text);
    }
  });

  it('reads everything when sources.json changed (it feeds every article) or the record is too recent to trust', async () => {
    const sources = path.join(c.dir, 'sources.json');
    const good = await readFile(sources, 'utf8');
    await writeFile(sources, good.replace('"NDTV"', '"NDTV News"'));
    try {
      const since = await expectAgrees(before);
      expect(since.reused).toEqual([]);
      expect(since.articles.find((a) => a.file === SEED_B)?.meta.outlet).toBe('NDTV News');
    } finally {
      await writeFile(sources, good);
    }
    const fresh = (await readCorpusSince(c.dir, undefined)).files;
    // Taken just now: the files' last changes are within RACY_MS of the scan, so nothing is trusted.
    expect((await expectAgrees(fresh)).reused).toEqual([]);
  });
});
