import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { refreshFailure, refreshRefusal, refreshSummary, throttledProgress } from '../../src/discord/refresh.ts';
import { IndexStore, RefreshError, type RefreshReport } from '../../src/index/store.ts';
import { DISCORD_LIMITS } from '../../src/limits.ts';
import { memoryLogger, tempCorpus } from '../helpers/corpus.ts';

describe('who may refresh', () => {
  it('a member with Manage Server or Administrator, in a server; nobody in a DM', () => {
    expect(refreshRefusal(true, new PermissionsBitField(PermissionFlagsBits.ManageGuild))).toBeNull();
    expect(refreshRefusal(true, new PermissionsBitField(PermissionFlagsBits.Administrator))).toBeNull();
    expect(refreshRefusal(true, new PermissionsBitField(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages))).toBe('permission');
    expect(refreshRefusal(true, null)).toBe('permission');
    expect(refreshRefusal(false, new PermissionsBitField(PermissionFlagsBits.Administrator))).toBe('dm');
  });
});

describe('progress edits', () => {
  it('at most one per interval, in order, none after flush', async () => {
    let t = 0;
    const edits: string[] = [];
    const p = throttledProgress(async (text) => void edits.push(text), 1500, () => t);
    for (const [time, done] of [
      [0, 0],
      [500, 10],
      [1600, 20],
      [1700, 30],
      [3200, 40],
    ] as const) {
      t = time;
      p.update({ phase: 'analyse', done, total: 100 });
    }
    await p.flush();
    t = 10_000;
    p.update({ phase: 'index', done: 0, total: 5 });
    await p.flush();
    expect(edits).toEqual(['Refreshing… reading articles 0% (0/100)', 'Refreshing… reading articles 20% (20/100)', 'Refreshing… reading articles 40% (40/100)']);
  });

  it('a failed edit does not stop the next ones', async () => {
    let t = 0;
    let calls = 0;
    const p = throttledProgress(
      async () => {
        calls++;
        throw new Error('10062 Unknown interaction');
      },
      10,
      () => t,
    );
    p.update({ phase: 'analyse', done: 0, total: 1 });
    t = 20;
    p.update({ phase: 'derive', done: 0, total: 1 });
    await expect(p.flush()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe('what a refresh reports', () => {
  it('a real refresh of a temp corpus: the added file named, counts, within 2000 characters', async () => {
    const corpus = await tempCorpus();
    try {
      const { log } = memoryLogger();
      const store = new IndexStore({ corpusDir: corpus.dir, snapshotDir: path.join(corpus.root, 'snap'), log });
      await store.open();
      await writeFile(path.join(corpus.dir, 'zz_new_story.txt'), 'Forty people were killed in a flood in Testville on Monday, officials said.\n');
      const report = await store.refresh();
      const text = refreshSummary(report);
      expect(text).toMatch(/^Index refreshed in \d+\.\d s\./);
      expect(text).toContain('1 added (zz\\_new\\_story.txt), 0 removed, 0 changed');
      expect(text).toContain(`${report.sentences} sentences`);
      expect(text).toContain(`Now serving ${report.articles} articles`);
    } finally {
      await corpus.cleanup();
    }
  });

  it('long lists are cut, warnings shown without paths; never over the content limit', () => {
    const files = Array.from({ length: 5000 }, (_, i) => `article-${i}.txt`);
    const report: RefreshReport = {
      added: files,
      removed: files,
      changed: files,
      articles: 1,
      sentences: 1,
      people: 1,
      tolls: 0,
      warnings: Array.from({ length: 50 }, (_, i) => ({ file: `bad${i}.txt`, problem: `unreadable (EACCES) at /srv/secret/corpus/bad${i}.txt`, kind: 'unreadable' as const })),
      servingMs: 1000,
      ms: 1234,
      notSaved: 'ENOSPC',
    };
    const text = refreshSummary(report);
    expect(text).toContain('Not saved to disk (ENOSPC): the new index serves from memory');
    expect(text.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(text).toContain('and 4995 more');
    expect(text).toContain('1 person,');
    expect(text).not.toContain('/srv/secret');
  });

  it('a failure says what failed and that the old index keeps serving', () => {
    const text = refreshFailure(new RefreshError('cannot read the corpus folder (ENOENT)'));
    expect(text).toBe('Refresh failed: cannot read the corpus folder (ENOENT). The previous index keeps serving, unchanged.');
  });
});
