import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runConsole } from '../../src/console/repl.ts';
import { IndexStore } from '../../src/index/store.ts';
import { memoryLogger, tempCorpus } from '../helpers/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let snapshots: string;
beforeAll(async () => {
  snapshots = await mkdtemp(path.join(tmpdir(), 'quotebot-console-'));
});
afterAll(() => rm(snapshots, { recursive: true, force: true }));

/** Starts `npm start` without a token, types `lines`, optionally closes stdin (Ctrl-D), returns what it printed. */
function session(lines: string[], close: boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', SNAPSHOT_DIR: snapshots } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
    for (const l of lines) child.stdin.write(`${l}\n`);
    if (close) child.stdin.end();
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

describe('the interactive console (npm start without DISCORD_TOKEN)', () => {
  it('answers commands and plain questions with quotes and sources, and leaves on /quit', async () => {
    const r = await session(['/search police raids', 'When did Hollande address parliament?', '/quit'], false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/articles, \d+ sentences/);
    expect(r.out).toMatch(/“Police in France conducted 128 raids overnight/);
    expect(r.out).toMatch(/— 002_6c61f80302cb1f60\.txt — NDTV, 2015-11-17/);
    expect(r.out).toMatch(/Bye/);
  });

  it('leaves on Ctrl-D (end of input)', async () => {
    const r = await session(['/help'], true);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\/search <query>/);
  });
});

/**
 * The console on a terminal, driven in-process: a fake terminal of 80 × 14 (output.isTTY), a copy of
 * the seeds plus small articles of its own, one with a URL and a long first sentence.
 */
describe('the console on a terminal', () => {
  const LONG =
    'Representatives of the regional water authority, the national meteorological office and several neighbouring municipalities met on Thursday to discuss emergency measures after the river rose above its historical maximum near the old stone bridge.';

  async function terminalSession(lines: string[], afterOpen?: (dir: string) => Promise<void>) {
    const corpus = await tempCorpus();
    onTestFinished(corpus.cleanup);
    const sources = JSON.parse(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8'));
    for (let i = 1; i <= 9; i++) {
      await writeFile(path.join(corpus.dir, `extra-${i}.txt`), `Flood report ${i}\n\n${i === 1 ? LONG : `The river rose again on day ${i}, officials said.`}\n`);
      sources[`extra-${i}.txt`] = { title: `Flood report number ${i}`, outlet: 'Valley Times', url: `https://news.example/flood/${i}` };
    }
    await writeFile(path.join(corpus.dir, 'sources.json'), JSON.stringify(sources));
    const logs = memoryLogger();
    const store = new IndexStore({ corpusDir: corpus.dir, snapshotDir: path.join(corpus.root, 'snap'), log: logs.log });
    await store.open();
    await afterOpen?.(corpus.dir);
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 14 });
    let out = '';
    output.on('data', (d) => {
      out += String(d);
    });
    const done = runConsole(store, input, output, {});
    // One line at a time, as typed: each after the answer to the one before.
    for (const l of lines) {
      input.write(`${l}\n`);
      await new Promise((r) => setTimeout(r, 20));
    }
    input.end();
    await done;
    return { out, dir: corpus.dir };
  }

  it('wraps at the width on word boundaries, never cutting a word, and shows URLs', async () => {
    const { out } = await terminalSession(['/search regional water authority']);
    const lines = out.split('\n');
    for (const l of lines) if (l.length > 80) expect(l.trim()).not.toMatch(/\s/); // only a single unbreakable word (a URL) may be longer
    // Every word of the long sentence is whole on some line.
    const words = new Set(lines.flatMap((l) => l.split(/\s+/)));
    for (const w of LONG.split(' ').slice(1, -1)) expect(words).toContain(w);
    expect(out).toContain('https://news.example/flood/1');
    // No echo of the command: the answer starts with its first item.
    expect(out).not.toMatch(/^\/search regional/m);
  });

  it('pages a long answer: a "more" line, Enter shows the next screenful, every item is reached', async () => {
    const { out } = await terminalSession(['/sources', '', '', '', '']);
    const more = [...out.matchAll(/-- more \(items (\d+)-(\d+) of (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);
    expect(more.length).toBeGreaterThan(1);
    expect(more[0]![0]).toBe(1);
    for (let i = 1; i < more.length; i++) expect(more[i]![0]).toBe(more[i - 1]![1] + 1);
    const total = more[0]![2];
    expect(total).toBe(11);
    // (An item may follow the prompt on its line: piped input is not echoed.)
    for (let i = 1; i <= total; i++) expect(out).toMatch(new RegExp(`^(?:> )?\\s*${i}\\. `, 'm'));
    // Each title once.
    expect(out.match(/Flood report number 3\b/g)).toHaveLength(1);
  });

  it('/help lists every command with an example, the console’s own included; a near miss gets "did you mean"', async () => {
    const { out } = await terminalSession(['/help', '', '', '/serach floods', '/qiut']);
    for (const c of ['/ask', '/search', '/who', '/casualties', '/timeline', '/sources', '/help', '/more', '/refresh', '/quit']) expect(out).toContain(c);
    expect(out.match(/e\.g\. /g)!.length).toBeGreaterThanOrEqual(10);
    expect(out).toMatch(/Unknown command "\/serach"\. Did you mean \/search\?/);
    expect(out).toMatch(/Unknown command "\/qiut"\. Did you mean \/quit\?/);
  });

  it('/sources <words> finds articles by title or outlet', async () => {
    const { out } = await terminalSession(['/sources valley number 7', '/sources nosuchwordanywhere']);
    expect(out).toMatch(/Flood report number 7/);
    expect(out).not.toMatch(/Flood report number 6/);
    expect(out).toMatch(/No article's title, outlet or file name has every word of "nosuchwordanywhere"/);
  });

  it('a refresh lists what changed and the files it skipped', async () => {
    const { out } = await terminalSession(['/refresh'], async (dir) => {
      await writeFile(path.join(dir, 'empty.txt'), '');
      await writeFile(path.join(dir, 'added.txt'), 'A new report\n\nThe bridge reopened on Friday.\n');
    });
    expect(out).toMatch(/Refreshed in [\d.]+ s: 1 added \(added\.txt\), 0 removed, 0 changed\./);
    expect(out).toMatch(/1 warning:\n\s+- empty\.txt: .*skipped/);
  });
});
