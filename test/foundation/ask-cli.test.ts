import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, seedTexts } from '../helpers/corpus.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let snapshots: string;

beforeAll(async () => {
  snapshots = await mkdtemp(path.join(tmpdir(), 'quotebot-ask-'));
});
afterAll(() => rm(snapshots, { recursive: true, force: true }));

/** Runs the documented one-shot contract: npm run --silent ask -- ARGS. */
async function ask(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SNAPSHOT_DIR: snapshots, DISCORD_TOKEN: '', LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'ask', '--', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.concurrent('npm run --silent ask -- --json', () => {
  it('prints exactly one JSON line per input, in order, with verbatim quotes', async () => {
    const r = await ask('--json', '/search Metrojet', '/sources', 'police raids');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const answers = lines.map((l) => JSON.parse(l));
    expect(answers.map((a) => a.command)).toEqual(['search', 'sources', 'ask']);
    expect(answers[0].query).toBe('Metrojet');
    const texts = await seedTexts();
    for (const a of answers) {
      for (const item of a.items) {
        expect(texts.get(item.source)!.includes(item.quote)).toBe(true);
      }
    }
    expect(answers[0].items.length).toBeGreaterThan(0);
    expect(answers[0].items.every((i: { quote: string }) => i.quote.includes('Metrojet'))).toBe(true);
  });

  it('answers the good inputs, prints {"error"} for each bad one, and exits 1', async () => {
    const r = await ask('--json', '/nosuchcommand', '/search Raqqa', '', 'x'.repeat(2000));
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].error).toMatch(/Unknown command/);
    expect(lines[1].command).toBe('search');
    expect(lines[2].error).toMatch(/Nothing to answer/);
    expect(lines[3].error).toMatch(/limit is \d+/);
  });

  it('reads another corpus with --corpus and says when nothing is found', async () => {
    const r = await ask('--json', '--corpus', SEEDS, '/search zebra crossing');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.items).toEqual([]);
    expect(a.message).toMatch(/No sentence/);
  });

  it('with --all lifts the item cap of every line, so a script gets the whole answer', async () => {
    const dir = path.join(snapshots, 'many');
    await mkdir(dir);
    for (let n = 1; n <= 60; n++) {
      await writeFile(path.join(dir, `a${n}.txt`), `Harbour report ${n}\n\nInspectors counted ${n * 7} crates at pier ${n} on the harbour.\n`);
    }
    const capped = await ask('--json', '--corpus', dir, '/search crates harbour');
    expect(JSON.parse(capped.stdout).items).toHaveLength(50);
    const all = await ask('--json', '--all', '--corpus', dir, '/search crates harbour', '/search pier');
    const [crates, pier] = all.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(crates.items).toHaveLength(60);
    expect(pier.items).toHaveLength(60);
  });
});
