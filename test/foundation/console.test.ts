import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
