/**
 * Doing only what changed gives what doing everything gives: a snapshot round trip, a refresh after
 * adding, changing and removing articles, a start from a stale snapshot, a worker-pool analysis.
 */
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { answer, reply } from '../../src/answers/engine.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { analyzeAll } from '../../src/index/build.ts';
import { RACY_MS, readCorpusSince } from '../../src/index/corpus-files.ts';
import { analyzeParallel } from '../../src/index/pool.ts';
import { samePostings } from '../../src/index/postings.ts';
import { loadSnapshot, SNAPSHOT_FILE, saveSnapshot } from '../../src/index/snapshot.ts';
import { IndexStore } from '../../src/index/store.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { memoryLogger, SEEDS, seedIndex, tempStore } from '../helpers/corpus.ts';

const INPUTS = ['/search police raids', '/search Raqqa strikes', '/search Islamic State', '/search Quokka', '/search Wombat delegates', '/who', '/casualties', '/timeline', '/sources', 'How many people died?'];
const answers = (index: CorpusIndex) => INPUTS.map((q) => reply(index, q));

/** Two indexes serve the same: same sentences, same postings, same answers. */
function expectSame(a: CorpusIndex, b: CorpusIndex) {
  expect(a.key).toBe(b.key);
  expect(a.sentences).toEqual(b.sentences);
  expect([...a.byKey]).toEqual([...b.byKey]);
  expect(samePostings(a.postings, b.postings)).toBe(true);
  expect(a.derived).toEqual(b.derived);
  expect(answers(a)).toEqual(answers(b));
}

async function corpus() {
  const t = await tempStore();
  return { ...t.corpus, open: (snap = 'snap') => t.open({}, path.join(t.corpus.root, snap)) };
}

describe('a snapshot', () => {
  it('round-trips an index: the same sentences, postings and answers', async () => {
    const c = await corpus();
    const built = await c.open();
    const loaded = await loadSnapshot(path.join(c.root, 'snap'));
    expectSame(loaded, built.store.index);
    expect(answer(loaded, 'search', 'police raids').items.length).toBeGreaterThan(0);
  });

  it('saved again unchanged is the same bytes (articles are re-written from the text they were read from)', async () => {
    const c = await corpus();
    await c.open();
    const dir = path.join(c.root, 'snap');
    const first = await readFile(path.join(dir, SNAPSHOT_FILE));
    await saveSnapshot(dir, await loadSnapshot(dir));
    expect((await readFile(path.join(dir, SNAPSHOT_FILE))).equals(first)).toBe(true);
  });
});

describe('a refresh', () => {
  it('after adding, changing and removing articles serves what a full rebuild serves', async () => {
    const c = await corpus();
    const { store } = await c.open();
    const seed = (await readCorpus(SEEDS)).articles[0]!;
    await writeFile(path.join(c.dir, 'quokka.txt'), 'Quokka news\n\nThe Quokka Institute opened a reserve near Perth on Tuesday.\n');
    await appendFile(path.join(c.dir, seed.file), '\n\nThe Wombat delegates arrived in Raqqa on Friday.\n');
    let r = await store.refresh();
    expect(r.added).toEqual(['quokka.txt']);
    expect(r.changed).toEqual([seed.file]);
    expectSame(store.index, (await c.open('full-1')).store.index);

    await rm(path.join(c.dir, 'quokka.txt'));
    r = await store.refresh();
    expect(r.removed).toEqual(['quokka.txt']);
    expectSame(store.index, (await c.open('full-2')).store.index);
    expect(reply(store.index, '/search Quokka')).toMatchObject({ items: [] });
  });

  it('re-reads only the files that changed', async () => {
    const c = await corpus();
    const reads: string[] = [];
    const store = new IndexStore({
      corpusDir: c.dir,
      snapshotDir: path.join(c.root, 'snap'),
      log: memoryLogger().log,
      io: {
        readCorpusSince: async (dir, previous, full) => {
          const r = await readCorpusSince(dir, previous, full);
          reads.push(...r.articles.map((a) => a.file));
          return r;
        },
      },
    });
    // Files changed within RACY_MS of a scan are not trusted by their timestamps: let the fresh copy age first.
    await sleep(RACY_MS + 100);
    await store.open();
    reads.length = 0;
    await writeFile(path.join(c.dir, 'quokka.txt'), 'Quokka news\n\nThe Quokka Institute opened a reserve near Perth on Tuesday.\n');
    await store.refresh();
    expect(reads).toEqual(['quokka.txt']);
  });
});

describe('warming up after a start', () => {
  it('changes nothing: a refresh after it serves what a full rebuild serves', async () => {
    const c = await corpus();
    await c.open();
    const { store, report } = await c.open();
    expect(report.from).toBe('snapshot');
    const before = store.index;
    const derived = JSON.stringify(before.derived);
    await store.warmUp();
    expect(store.index).toBe(before);
    expect(JSON.stringify(before.derived)).toBe(derived);
    await writeFile(path.join(c.dir, 'quokka.txt'), 'Quokka news\n\nThe Quokka Institute opened a reserve near Perth on Tuesday.\n');
    expect((await store.refresh()).added).toEqual(['quokka.txt']);
    expectSame(store.index, (await c.open('full')).store.index);
  });

  it('stops when its front end closes, and never throws', async () => {
    const c = await corpus();
    const { store } = await c.open();
    const closed = new AbortController();
    closed.abort();
    await expect(store.warmUp(closed.signal)).resolves.toBeUndefined();
    // An index it cannot read (as a damaged one would be) ends the warm-up with one warning, nothing else.
    const logs = memoryLogger();
    const broken = new IndexStore({ corpusDir: c.dir, snapshotDir: path.join(c.root, 'snap'), log: logs.log });
    broken.use({ ...store.index, articles: new Map([['x.txt', { meta: { file: 'x.txt' }, sentences: [], facts: null } as never]]) });
    await expect(broken.warmUp()).resolves.toBeUndefined();
    expect(logs.text()).toMatch(/warm-up stopped/);
  });
});

describe('a start from a stale snapshot', () => {
  it('re-analyses only what changed and serves what a full build serves', async () => {
    const c = await corpus();
    await c.open();
    await writeFile(path.join(c.dir, 'quokka.txt'), 'Quokka news\n\nThe Quokka Institute opened a reserve near Perth on Tuesday.\n');
    const again = await c.open();
    expect(again.report.from).toBe('build');
    expect(again.report.reason).toMatch(/stale/);
    expectSame(again.store.index, (await c.open('fresh')).store.index);
  });
});

describe('the worker pool', () => {
  it('analyses exactly as the main thread does', async () => {
    const raws = (await readCorpus(SEEDS)).articles;
    const pooled = await analyzeParallel(raws, { workers: 2, minBytes: 0, batchBytes: 1 });
    expect(pooled).toEqual(analyzeAll(raws));
    expect(pooled.map((a) => a.meta.file)).toEqual(raws.map((r) => r.file));
    expect((await seedIndex()).sentences.length).toBe(pooled.reduce((n, a) => n + a.sentences.length, 0));
  });
});
