/**
 * Snapshot faults at start (`IndexStore.open`): a truncated, corrupt, older, stale or unwritable
 * snapshot never stops a good corpus from being served. The store rebuilds (or serves from memory)
 * and says why in one warning line; the answers are the same as from a clean build.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/engine.ts';
import type { SearchItem } from '../../src/answers/types.ts';
import { INDEX_VERSION } from '../../src/index/build.ts';
import { SNAPSHOT_FILE, saveSnapshot } from '../../src/index/snapshot.ts';
import type { IndexStore, StoreIO } from '../../src/index/store.ts';
import { tempStore } from '../helpers/corpus.ts';
import { fileTexts, sampleAnswers } from './check.ts';

/** A seed corpus in a temp folder, opened once so a good snapshot exists; returns a fresh-store opener. */
async function setup() {
  const { corpus, snapshotDir, open: openStore } = await tempStore();
  const file = path.join(snapshotDir, SNAPSHOT_FILE);
  const open = async (io: Partial<StoreIO> = {}, dir = snapshotDir) => {
    const opened = await openStore(io, dir);
    return { ...opened, snapshotLines: () => opened.logs.lines().filter((l) => /snapshot/i.test(String(l.msg))) };
  };
  const first = await open();
  expect(first.report.from).toBe('build');
  const good = await readFile(file);
  const baseline = sampleAnswers(first.store.index);
  const texts = await fileTexts(corpus.dir, first.store.index.articles.keys());
  return { corpus, snapshotDir, file, open, good, baseline, texts, first };
}

/** The store serves the same answers as a clean build, and every sentence is verbatim from its file. */
function expectServing(store: IndexStore, t: Awaited<ReturnType<typeof setup>>) {
  expect(sampleAnswers(store.index)).toEqual(t.baseline);
  expect(store.index.sentences.length).toBe(t.first.store.index.sentences.length);
  for (const s of store.index.sentences) expect(t.texts.get(s.file)!.slice(s.start, s.end)).toBe(s.text);
}

/** Exactly one warning line about the snapshot, saying `why`. */
function expectOneWarning(lines: Record<string, unknown>[], why: RegExp) {
  expect(lines, JSON.stringify(lines)).toHaveLength(1);
  expect(lines[0]!.level).toBe(40);
  expect(String(lines[0]!.msg)).toMatch(why);
}

/** The snapshot parsed, changed by `f` (which may return a replacement), written back as JSON. */
const mutate = (good: Buffer, f: (s: Record<string, unknown>) => unknown): string => {
  const s = JSON.parse(good.toString('utf8')) as Record<string, unknown>;
  const out = f(s);
  return JSON.stringify(out === undefined ? s : out);
};

describe('a damaged snapshot at start', () => {
  it('truncated anywhere: rebuilt, one warning, same answers', async () => {
    const t = await setup();
    for (const cut of [0, 1, 100, Math.floor(t.good.length / 2), t.good.length - 1]) {
      await writeFile(t.file, t.good.subarray(0, cut));
      const r = await t.open();
      expect(r.report.from, `cut at ${cut}`).toBe('build');
      expectOneWarning(r.snapshotLines(), /truncated|corrupt/);
      expectServing(r.store, t);
    }
    // The rebuild wrote a good snapshot again.
    expect((await t.open()).report.from).toBe('snapshot');
  });

  it('random bytes: rebuilt, one warning', async () => {
    const t = await setup();
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (const size of [1, 16, 4096, t.good.length]) {
      await writeFile(t.file, Buffer.from(Array.from({ length: size }, () => rand() % 256)));
      const r = await t.open();
      expect(r.report.from).toBe('build');
      expectOneWarning(r.snapshotLines(), /corrupt|truncated|not a quotebot/);
      expectServing(r.store, t);
    }
  });

  it.each([
    ['null', () => null],
    ['an array', () => []],
    ['an empty object', () => ({})],
    ['a number', () => 42],
  ])('valid JSON that is not a snapshot (%s): rebuilt, one warning, same answers', async (_, f) => {
    const t = await setup();
    await writeFile(t.file, mutate(t.good, f));
    const r = await t.open();
    expect(r.report.from).toBe('build');
    expectOneWarning(r.snapshotLines(), /snapshot/);
    expectServing(r.store, t);
  });

  // Whatever the snapshot's layout: each of its parts removed, emptied or of the wrong type.
  const PART_DAMAGE: [string, (v: unknown) => unknown][] = [
    ['removed', () => undefined],
    ['null', () => null],
    ['a string', () => 'nope'],
    ['a number', () => 42],
    ['an empty object', () => ({})],
    ['its first element broken', (v) => (Array.isArray(v) && v.length ? [{}, ...v.slice(1)] : Array.isArray(v) ? [{}] : { ...(v as object), x: 1 })],
  ];
  it.each(PART_DAMAGE)('valid JSON with every part in turn %s: rebuilt each time, one warning, same answers', async (_, damage) => {
    const t = await setup();
    const parts = Object.keys(JSON.parse(t.good.toString('utf8')) as object);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      await writeFile(t.file, mutate(t.good, (s) => Object.assign(s, { [part]: damage(s[part]) })));
      const r = await t.open();
      expect(r.report.from, `part ${part}`).toBe('build');
      expectOneWarning(r.snapshotLines(), /snapshot/);
      expectServing(r.store, t);
    }
  });

  it('a sentence altered inside an otherwise valid snapshot is never served as a quote', async () => {
    const t = await setup();
    const sentence = t.first.store.index.sentences.find((x) => x.text.length > 40)!.text;
    const raw = t.good.toString('utf8');
    const escaped = JSON.stringify(sentence).slice(1, -1);
    expect(raw.includes(escaped)).toBe(true);
    // One character flipped, in place: the rest of the file byte for byte as written.
    await writeFile(t.file, raw.replace(escaped, `${escaped.slice(0, 10)}${escaped[10] === 'x' ? 'y' : 'x'}${escaped.slice(11)}`));
    const r = await t.open();
    expect(r.report.from).toBe('build');
    expectOneWarning(r.snapshotLines(), /corrupt/);
    expectServing(r.store, t);
  });

  it('from an older index version: rebuilt, one line naming the versions', async () => {
    const t = await setup();
    const raw = t.good.toString('utf8');
    const version = `"version":${INDEX_VERSION},`;
    expect(raw.slice(0, 200)).toContain(version);
    await writeFile(t.file, raw.replace(version, `"version":${INDEX_VERSION - 1},`));
    const r = await t.open();
    expect(r.report.from).toBe('build');
    expect(r.report.reason).toMatch(new RegExp(`version ${INDEX_VERSION - 1}`));
    expectOneWarning(r.snapshotLines(), /version/);
    expectServing(r.store, t);
    expect((await t.open()).report.from).toBe('snapshot');
  });

  it('stale (the corpus changed): rebuilt with the change, one line', async () => {
    const t = await setup();
    const seed = path.join(t.corpus.dir, '000_6dab9517ce660b1d.txt');
    await writeFile(seed, `${await readFile(seed, 'utf8')}\n\nThe Quokka Institute published a report on Thursday.\n`);
    const r = await t.open();
    expect(r.report.from).toBe('build');
    expectOneWarning(r.snapshotLines(), /stale/);
    expect((answer(r.store.index, 'search', 'Quokka').items as SearchItem[])[0]?.quote).toBe('The Quokka Institute published a report on Thursday.');
  });

  it('a loader that throws anything (not only "unusable") still ends in a rebuild', async () => {
    const t = await setup();
    const r = await t.open({
      loadSnapshot: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'file')");
      },
    });
    expect(r.report.from).toBe('build');
    expectOneWarning(r.snapshotLines(), /snapshot/);
    expectServing(r.store, t);
  });
});

describe('a snapshot folder that cannot be written', () => {
  it.each([
    ['ENOSPC', 'no space left on device'],
    ['EROFS', 'read-only file system'],
    ['EACCES', 'permission denied'],
  ])('save fails with %s: serves from memory, one warning with the reason', async (code, text) => {
    const t = await setup();
    await writeFile(t.file, 'corrupt');
    const r = await t.open({
      saveSnapshot: async (dir) => {
        throw Object.assign(new Error(`${code}: ${text}, open '${path.join(dir, SNAPSHOT_FILE)}'`), { code });
      },
    });
    expect(r.report.from).toBe('build');
    const notSaved = r.snapshotLines().filter((l) => /not saved/.test(String(l.msg)));
    expectOneWarning(notSaved, new RegExp(`${code}.*serving from memory`));
    expect(String(notSaved[0]!.msg)).not.toContain(t.snapshotDir);
    expectServing(r.store, t);
  });

  it('its parent is a regular file: serves from memory with a warning', async () => {
    const t = await setup();
    const blocker = path.join(t.corpus.root, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    const r = await t.open({}, path.join(blocker, 'snap'));
    expect(r.report.from).toBe('build');
    expectOneWarning(
      r.snapshotLines().filter((l) => /not saved/.test(String(l.msg))),
      /ENOTDIR|EEXIST/,
    );
    expect(r.snapshotLines().length).toBeLessThanOrEqual(2); // at most "not used" + "not saved"
    expectServing(r.store, t);
  });

  it('the snapshot file is a folder: rebuilt, served, nothing left behind', async () => {
    const t = await setup();
    await rm(t.file);
    await mkdir(path.join(t.file, 'inside'), { recursive: true });
    const r = await t.open();
    expect(r.report.from).toBe('build');
    expectServing(r.store, t);
    expect((await readdir(t.snapshotDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that fails midway leaves the old snapshot whole and no temporary file', async () => {
    const t = await setup();
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await expect(
      saveSnapshot(t.snapshotDir, {
        ...t.first.store.index,
        derived: {
          toJSON: () => {
            throw enospc();
          },
        } as never,
      }),
    ).rejects.toThrow(/ENOSPC/);
    expect(await readFile(t.file)).toEqual(t.good);
    expect(await readdir(t.snapshotDir)).toEqual([SNAPSHOT_FILE]);
    expect((await t.open()).report.from).toBe('snapshot');
  });
});
