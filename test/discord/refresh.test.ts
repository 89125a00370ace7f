import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from './double/index.ts';
import { type Harness, quotesOf, startHarness, textOf } from './harness.ts';

/**
 * /refresh end to end: a moderator's refresh swaps in an index that sees a new article; a member
 * (even after the server's command permissions were changed) and a DM are refused and nothing
 * changes; a second refresh while one runs is told to wait; a failed refresh says what failed and
 * leaves the serving index and the snapshot on disk exactly as they were.
 */

const NEW_FILE = 'zz_lighthouse.txt';
const NEW_TEXT = 'Lighthouse keepers return to Cape Wrath\n\nThe lighthouse at Cape Wrath was relit on Sunday after a storm knocked out its lamp for nine days.\n';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** The deferred reply's final text: waits until `done` matches it (progress edits come first). */
async function finalText(i: Interaction, done: RegExp): Promise<string> {
  return h.double.until(() => (i.original && !i.loading && done.test(i.original.content) ? i.original.content : undefined), `a reply matching ${done}`);
}

const searchLighthouse = async () => quotesOf(await h.double.answer(h.double.command('search', { query: 'lighthouse Cape Wrath' })));

/** Every file of the snapshot folder with its hash: the bytes on disk. */
async function snapshotOnDisk(): Promise<Record<string, string>> {
  const root = h.config.SNAPSHOT_DIR;
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out[path.relative(root, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
    }
  };
  await walk(root);
  return out;
}

describe('/refresh refused', () => {
  it('Discord offers /refresh neither to a member without Manage Server nor in a DM', () => {
    expect(() => h.double.command('refresh', {}, { person: h.double.world.member })).toThrow(/hides \/refresh/);
    expect(() => h.double.command('refresh', {}, { person: h.double.world.moderator, where: 'dm' })).toThrow(/does not offer \/refresh/);
  });

  it('a member who gets to run it anyway (server permissions changed) is refused, and the index stays as it was', async () => {
    await writeFile(path.join(h.corpusDir, NEW_FILE), NEW_TEXT);
    const before = h.store.index;
    const disk = await snapshotOnDisk();
    expect(Object.keys(disk).length).toBeGreaterThan(0);
    const i = h.double.command('refresh', {}, { person: h.double.world.member, unchecked: true });
    const text = await finalText(i, /moderator|Manage Server/i);
    expect(text).toMatch(/Manage Server/);
    expect(i.original!.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(h.store.index).toBe(before);
    expect(await snapshotOnDisk()).toEqual(disk);
    expect(await searchLighthouse()).toEqual([]);
  });

  it('in a DM it is refused', async () => {
    const before = h.store.index;
    const i = h.double.command('refresh', {}, { person: h.double.world.moderator, where: 'dm', unchecked: true });
    expect(await finalText(i, /server/i)).toMatch(/only in a server/i);
    expect(h.store.index).toBe(before);
  });
});

describe('/refresh by a moderator', () => {
  it('re-reads the folder, swaps the index in, and says what changed; answers now include the new article', async () => {
    const before = h.store.index;
    const i = h.double.command('refresh', {}, { person: h.double.world.moderator });
    const text = await finalText(i, /refreshed/i);
    expect(i.acks[0]?.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(text).toMatch(/1 added/);
    expect(text).toContain('zz\\_lighthouse.txt');
    expect(text).toMatch(/0 removed/);
    expect(h.store.index).not.toBe(before);
    expect(h.store.index.articles.has(NEW_FILE)).toBe(true);
    const quotes = await searchLighthouse();
    expect(quotes[0]).toBe('The lighthouse at Cape Wrath was relit on Sunday after a storm knocked out its lamp for nine days.');
  });

  it('a second refresh while one runs is told to wait; the first completes', async () => {
    let release!: () => void;
    h.store.readGate = new Promise((r) => {
      release = r;
    });
    const first = h.double.command('refresh', {}, { person: h.double.world.moderator });
    await h.double.until(() => h.store.refreshing, 'the first refresh to start');
    const second = h.double.command('refresh', {}, { person: h.double.world.moderator });
    expect(await finalText(second, /already running/i)).toMatch(/wait/i);
    release();
    h.store.readGate = undefined;
    expect(await finalText(first, /refreshed/i)).toMatch(/0 added/);
  });

  it('a malformed sources.json does not block the refresh: the articles keep their metadata, the reply says so', async () => {
    const sources = path.join(h.corpusDir, 'sources.json');
    const good = await readFile(sources, 'utf8');
    const metaBefore = new Map([...h.store.index.articles].map(([f, a]) => [f, a.meta]));
    await writeFile(sources, '{ "this is": not json');
    try {
      const text = await finalText(h.double.command('refresh', {}, { person: h.double.world.moderator }), /refreshed/i);
      expect(text).toMatch(/sources\.json: malformed JSON .*articles keep the metadata read before/);
      for (const [file, meta] of metaBefore) expect(h.store.index.articles.get(file)?.meta).toEqual(meta);
    } finally {
      await writeFile(sources, good);
    }
  });

  it('a refresh that fails says what failed; the serving index and the snapshot on disk stay exactly as they were', async () => {
    await rm(path.join(h.corpusDir, NEW_FILE), { force: true });
    await rename(h.corpusDir, `${h.corpusDir}-away`);
    const before = h.store.index;
    const disk = await snapshotOnDisk();
    expect(Object.keys(disk).length).toBeGreaterThan(0);
    try {
      const i = h.double.command('refresh', {}, { person: h.double.world.moderator });
      const text = await finalText(i, /failed/i);
      expect(text).toMatch(/corpus folder/);
      expect(text).toMatch(/previous index keeps serving/i);
      expect(h.store.index).toBe(before);
      expect(await snapshotOnDisk()).toEqual(disk);
      expect((await searchLighthouse()).length).toBeGreaterThan(0);
    } finally {
      await rename(`${h.corpusDir}-away`, h.corpusDir);
    }
  });

  it('progress and the result are edits of one deferred, ephemeral reply', () => {
    const refreshes = [...h.double.ledger.interactions.values()].filter((i) => i.name === 'refresh');
    for (const i of refreshes) {
      expect(i.acks.map((a) => a.type)).toEqual([5]);
      expect(i.followups).toEqual([]);
      expect(i.original!.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    }
    expect(textOf(refreshes.at(-1)!.original!)).toMatch(/failed/i);
  });
});

describe('the contract with Discord', () => {
  it('sent nothing Discord would reject and answered every interaction once', () => {
    expect(h.double.problems()).toEqual([]);
    for (const i of h.double.ledger.interactions.values()) expect([i.acks.length, i.refused]).toEqual([1, []]);
  });
});
