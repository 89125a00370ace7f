/**
 * Refresh faults: a /refresh that fails at any step leaves the serving index (the same object, the
 * same answers) and the snapshot on disk (byte for byte) as they were. One whose snapshot cannot be
 * saved still serves the change, says so, and leaves the old snapshot whole. Two refreshes at once:
 * one runs, the other is refused with RefreshBusy.
 */
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/engine.ts';
import type { SearchItem } from '../../src/answers/types.ts';
import { forgetMetadata, readCorpus } from '../../src/corpus/read.ts';
import { loadSnapshot, SNAPSHOT_FILE, saveSnapshot } from '../../src/index/snapshot.ts';
import { IndexStore, RefreshBusy, RefreshError, type StoreIO } from '../../src/index/store.ts';
import { memoryLogger, tempCorpus } from '../helpers/corpus.ts';
import { sampleAnswers } from './check.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SEED = '000_6dab9517ce660b1d.txt';
const NEW_SENTENCE = 'The Okapi Trust opened a new reserve near Kisangani on Tuesday.';

/** A served seed corpus with a snapshot on disk; `io` faults apply to later refreshes only. */
async function served(io: Partial<StoreIO> = {}) {
  const corpus = await tempCorpus();
  cleanups.push(corpus.cleanup);
  const snapshotDir = path.join(corpus.root, 'snap');
  const logs = memoryLogger();
  let faulty = false;
  const wrapped: Partial<StoreIO> = {};
  for (const [k, fn] of Object.entries(io) as [keyof StoreIO, (...a: unknown[]) => unknown][]) {
    const real = { readCorpus, saveSnapshot }[k as 'readCorpus' | 'saveSnapshot'];
    (wrapped as Record<string, unknown>)[k] = (...a: unknown[]) => (faulty ? fn(...a) : (real as (...a: unknown[]) => unknown)(...a));
  }
  const store = new IndexStore({ corpusDir: corpus.dir, snapshotDir, log: logs.log, io: wrapped });
  await store.open();
  const file = path.join(snapshotDir, SNAPSHOT_FILE);
  const before = { index: store.index, answers: sampleAnswers(store.index), bytes: await readFile(file), listing: await readdir(snapshotDir) };
  // A change to pick up, so that a refresh that wrongly went through would show.
  await writeFile(path.join(corpus.dir, 'new.txt'), `Wildlife news\n\n${NEW_SENTENCE}\n`);
  return {
    corpus,
    store,
    logs,
    arm: () => {
      faulty = true;
    },
    /** Nothing changed: same index object, same answers, same snapshot bytes, no stray files. */
    async expectUntouched() {
      expect(store.index).toBe(before.index);
      expect(sampleAnswers(store.index)).toEqual(before.answers);
      expect((await readFile(file)).equals(before.bytes)).toBe(true);
      expect(await readdir(snapshotDir)).toEqual(before.listing);
      expect(store.refreshing).toBe(false);
    },
    /**
     * A refresh whose save fails: the change serves, the report and the log say it was not saved,
     * the snapshot on disk is the old one byte for byte (no stray file); once the disk is back, the
     * next refresh (nothing else changed) saves the serving index.
     */
    async expectServedNotSaved(code: string) {
      const r = await store.refresh();
      expect(r.added).toEqual(['new.txt']);
      expect(r.notSaved).toBe(code);
      expect(r.servingMs).toBeLessThanOrEqual(r.ms);
      expect((answer(store.index, 'search', 'Okapi Kisangani').items as SearchItem[])[0]?.quote).toBe(NEW_SENTENCE);
      expect(logs.text()).toContain(`snapshot not saved (${code})`);
      expect((await readFile(file)).equals(before.bytes)).toBe(true);
      expect(await readdir(snapshotDir)).toEqual(before.listing);
      expect(store.refreshing).toBe(false);
      faulty = false;
      const serving = store.index;
      const again = await store.refresh();
      expect([again.added, again.changed, again.removed, again.notSaved]).toEqual([[], [], [], undefined]);
      expect(store.index).toBe(serving);
      expect((await loadSnapshot(snapshotDir)).articles.has('new.txt')).toBe(true);
    },
    /** After the fault is gone, a refresh goes through and serves the change. */
    async expectRecovers() {
      faulty = false;
      const r = await store.refresh();
      expect(r.added).toContain('new.txt');
      expect((answer(store.index, 'search', 'Okapi Kisangani').items as SearchItem[])[0]?.quote).toBe(NEW_SENTENCE);
      expect((await readFile(file)).equals(before.bytes)).toBe(false);
    },
  };
}

/** The refusal a moderator sees: a RefreshError with a short message, no stack and no path. */
async function expectRefused(p: Promise<unknown>, root: string, why: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RefreshError);
  const message = (err as Error).message;
  expect(message).toMatch(why);
  expect(message).not.toContain(root);
  expect(message).not.toMatch(/\n\s*at /);
}

const ioError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('a refresh that fails', () => {
  it('when the corpus folder is gone: nothing changes', async () => {
    const t = await served();
    await rename(t.corpus.dir, `${t.corpus.dir}-moved`);
    await expectRefused(t.store.refresh(), t.corpus.root, /corpus folder.*ENOENT/);
    await t.expectUntouched();
    await rename(`${t.corpus.dir}-moved`, t.corpus.dir);
    await t.expectRecovers();
  });

  it('when the corpus folder cannot be listed (EACCES): nothing changes', async () => {
    const t = await served({
      readCorpus: async () => {
        throw ioError('EACCES');
      },
    });
    t.arm();
    await expectRefused(t.store.refresh(), t.corpus.root, /EACCES/);
    await t.expectUntouched();
    await t.expectRecovers();
  });

  it('when a previously indexed file became unreadable: nothing changes', async () => {
    const t = await served({
      readCorpus: (dir: string) =>
        readCorpus(dir, {
          open: async (file, flags) => {
            if (path.basename(file) === SEED) throw ioError('EIO');
            return open(file, flags);
          },
        }),
    });
    t.arm();
    await expectRefused(t.store.refresh(), t.corpus.root, new RegExp(`${SEED}.*unreadable \\(EIO\\)`));
    await t.expectUntouched();
    await t.expectRecovers();
  });

  it.each(['ENOSPC', 'EROFS'])('when the snapshot cannot be saved (%s): the new index serves, the old snapshot stays whole, the next refresh saves', async (code) => {
    const t = await served({
      saveSnapshot: async () => {
        throw ioError(code);
      },
    });
    t.arm();
    await t.expectServedNotSaved(code);
  });

  it('when the disk fills up halfway through writing the snapshot: the same, and no temporary file left', async () => {
    const t = await served({
      saveSnapshot: (dir: unknown, index: unknown) =>
        saveSnapshot(dir as string, {
          ...(index as Parameters<typeof saveSnapshot>[1]),
          // Serialised inside the write: the temporary file exists when this throws.
          derived: {
            toJSON: () => {
              throw ioError('ENOSPC');
            },
          } as never,
        }),
    });
    t.arm();
    await t.expectServedNotSaved('ENOSPC');
  });

  it('when building the new index throws: nothing changes, and the next refresh runs', async () => {
    const t = await served({
      readCorpus: async (dir: unknown) => {
        const read = await readCorpus(dir as string);
        const broken = { ...read.articles[0]! };
        Object.defineProperty(broken, 'hash', { value: 'never-seen' });
        Object.defineProperty(broken, 'text', {
          get() {
            throw new RangeError('simulated analysis failure');
          },
        });
        return { ...read, articles: [broken, ...read.articles.slice(1)] };
      },
    });
    t.arm();
    await expect(t.store.refresh()).rejects.toThrow();
    await t.expectUntouched();
    await t.expectRecovers();
  });
});

describe('a refresh during which a file vanishes', () => {
  it('goes through without it, with one warning naming it, and keeps serving the rest', async () => {
    const t = await served({
      readCorpus: (dir: string) =>
        readCorpus(dir, {
          open: async (file, flags) => {
            if (path.basename(file) === SEED) await rm(file, { force: true }); // deleted between listing and reading
            return open(file, flags);
          },
        }),
    });
    t.arm();
    const r = await t.store.refresh();
    expect(r.removed).toEqual([SEED]);
    expect(r.added).toEqual(['new.txt']);
    expect(r.warnings.filter((w) => w.file === SEED)).toEqual([{ file: SEED, problem: expect.stringMatching(/disappeared/), kind: 'skipped' }]);
    expect(t.logs.lines().filter((l) => l.file === SEED && l.level === 40)).toHaveLength(1);
    expect([...t.store.index.articles.keys()]).not.toContain(SEED);
    expect((answer(t.store.index, 'search', 'Okapi Kisangani').items as SearchItem[])[0]?.quote).toBe(NEW_SENTENCE);
  });
});

describe('refreshes at once', () => {
  it('two at once: one runs, the other is told a refresh is running', async () => {
    const t = await served();
    const before = t.store.index;
    const [a, b] = await Promise.allSettled([t.store.refresh(), t.store.refresh()]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const err = (b as PromiseRejectedResult).reason as Error;
    expect(err).toBeInstanceOf(RefreshBusy);
    expect(err.message).toMatch(/already running/);
    expect(t.store.index).not.toBe(before);
    expect(t.store.refreshing).toBe(false);
    // And the next one runs.
    await expect(t.store.refresh()).resolves.toMatchObject({ added: [] });
  });

  it('answers keep coming from the old index until the new one is swapped in whole', async () => {
    const t = await served();
    const before = t.store.index;
    const running = t.store.refresh();
    expect(t.store.refreshing).toBe(true);
    expect(t.store.index).toBe(before);
    expect(answer(t.store.index, 'search', 'Okapi Kisangani').items).toEqual([]);
    await running;
    expect((answer(t.store.index, 'search', 'Okapi Kisangani').items as SearchItem[])[0]?.quote).toBe(NEW_SENTENCE);
  });

  it('a busy refusal does not disturb the refresh that runs, even when that one fails', async () => {
    const t = await served({
      readCorpus: async () => {
        throw ioError('EIO');
      },
    });
    t.arm();
    const [a, b] = await Promise.allSettled([t.store.refresh(), t.store.refresh()]);
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(RefreshError);
    expect((a as PromiseRejectedResult).reason).not.toBeInstanceOf(RefreshBusy);
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(RefreshBusy);
    await t.expectUntouched();
    await t.expectRecovers();
  });

  it('many at once: exactly one runs', async () => {
    const t = await served();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => t.store.refresh()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RefreshBusy);
    await rm(path.join(t.corpus.dir, 'new.txt'));
    await expect(t.store.refresh()).resolves.toMatchObject({ removed: ['new.txt'] });
  });
});

/**
 * A sources.json that turns malformed or unreadable: one policy at start and on refresh, the one that
 * loses nothing — the articles are indexed (the new text serves) and keep the metadata read before,
 * with one warning that says so.
 */
describe('a sources.json that turned unusable', () => {
  const metaOf = (store: IndexStore) => new Map([...store.index.articles].map(([f, a]) => [f, a.meta]));

  for (const [what, breakIt] of [
    ['malformed', async (file: string, good: Buffer) => writeFile(file, good.subarray(0, good.length - 3))],
    [
      'a folder',
      async (file: string) => {
        await rm(file);
        await mkdir(file);
      },
    ],
  ] as const) {
    it(`(${what}) on refresh: the change serves, every article keeps its metadata, one warning says so`, async () => {
      const t = await served();
      const sources = path.join(t.corpus.dir, 'sources.json');
      const good = await readFile(sources);
      const before = metaOf(t.store);
      expect([...before.values()].some((m) => m.title || m.outlet)).toBe(true);
      await breakIt(sources, good);
      const r = await t.store.refresh();
      expect(r.added).toEqual(['new.txt']);
      expect((answer(t.store.index, 'search', 'Okapi Kisangani').items as SearchItem[])[0]?.quote).toBe(NEW_SENTENCE);
      for (const [file, meta] of before) expect(t.store.index.articles.get(file)?.meta).toEqual(meta);
      const about = r.warnings.filter((w) => w.file === 'sources.json');
      expect(about).toHaveLength(1);
      expect(about[0]!.problem).toMatch(/articles keep the metadata read before/);
      expect(r.warnings.filter((w) => w.problem.includes('not in the corpus folder'))).toEqual([]);
    });
  }

  it('at start, from the snapshot: the same policy — served with the metadata the snapshot held', async () => {
    const t = await served();
    const before = metaOf(t.store);
    await rm(path.join(t.corpus.dir, 'new.txt'));
    const sources = path.join(t.corpus.dir, 'sources.json');
    await writeFile(sources, '{ "not": json');
    // As in a new process: nothing remembered but what the snapshot holds.
    forgetMetadata(t.corpus.dir);
    const logs = memoryLogger();
    const again = new IndexStore({ ...t.store.options, log: logs.log });
    const report = await again.open();
    for (const [file, meta] of before) expect(again.index.articles.get(file)?.meta).toEqual(meta);
    expect(report.warnings.filter((w) => w.file === 'sources.json').map((w) => w.problem)).toEqual([expect.stringMatching(/malformed JSON.*keep the metadata read before/)]);
  });
});
