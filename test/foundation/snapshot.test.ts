import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndexStore } from '../../src/index/store.ts';
import { tempStore } from '../helpers/corpus.ts';
import { sampleAnswers } from '../robust/check.ts';

async function setup() {
  const t = await tempStore();
  const snapshotFiles = async () => (await readdir(t.snapshotDir)).filter((f) => !f.endsWith('.tmp')).map((f) => path.join(t.snapshotDir, f));
  return { ...t, open: () => t.open(), snapshotFiles };
}

const sample = (store: IndexStore) => sampleAnswers(store.index);

describe('the index snapshot', () => {
  it('is written at the first start and loaded at the next, with the same answers', async () => {
    const t = await setup();
    const first = await t.open();
    expect(first.report.from).toBe('build');
    const files = await t.snapshotFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(await readdir(t.snapshotDir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    const second = await t.open();
    expect(second.report.from).toBe('snapshot');
    expect(sample(second.store)).toEqual(sample(first.store));
    expect(second.store.index.sentences).toEqual(first.store.index.sentences);
  });

  it('is rebuilt, with one log line saying why, when truncated', async () => {
    const t = await setup();
    await t.open();
    for (const f of await t.snapshotFiles()) {
      const size = (await stat(f)).size;
      await writeFile(f, (await readFile(f)).subarray(0, Math.floor(size / 2)));
    }
    const again = await t.open();
    expect(again.report.from).toBe('build');
    const why = again.logs.lines().filter((l) => /snapshot/i.test(String(l.msg)) && /rebuil/i.test(String(l.msg)));
    expect(why).toHaveLength(1);
    expect(String(why[0]!.msg)).toMatch(/truncated|corrupt/);
    expect(again.store.index.sentences.length).toBeGreaterThan(40);
  });

  it('is rebuilt when corrupt, and when the corpus changed (stale)', async () => {
    const t = await setup();
    await t.open();
    for (const f of await t.snapshotFiles()) await writeFile(f, Buffer.alloc(4096, 0x41));
    const corrupt = await t.open();
    expect(corrupt.report.from).toBe('build');
    expect(corrupt.report.reason).toMatch(/corrupt|truncated|not a/);

    await appendFile(path.join(t.corpus.dir, '000_6dab9517ce660b1d.txt'), '\n\nA new paragraph about Raqqa was added today.\n');
    const stale = await t.open();
    expect(stale.report.from).toBe('build');
    expect(stale.report.reason).toMatch(/stale/);
    expect(stale.store.index.sentences.some((s) => s.text === 'A new paragraph about Raqqa was added today.')).toBe(true);
    expect((await t.open()).report.from).toBe('snapshot');
  });
});
