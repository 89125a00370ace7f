/**
 * A newcomer's set-up, through the real entry points (the commands of package.json's scripts, run as
 * child processes): `.env.example` copied to `.env` as it ships, bad variables, `--help`, and the
 * command-line mistakes an operator makes. Each ends in a clear line and an exit code, never a stack
 * trace, and never echoes a secret.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VARIABLES = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'CORPUS_DIR', 'SNAPSHOT_DIR', 'RATE_LIMIT_PER_MINUTE', 'HEALTH_PORT', 'ALLOW_PRIVATE_URLS', 'FEED_POLL_MINUTES', 'INTAKE_PER_HOUR', 'LOG_LEVEL'];
/** A token of the right shape that no Discord knows. */
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.Gabcde.not-a-real-token-but-well-formed';
/** A line of a Node stack trace. */
const STACK = /^\s+at .+(?:\(|:\d+:\d+)/m;

let tmp: string;
let envFile: string;
let scripts: Record<string, string>;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'quotebot-setup-'));
  envFile = path.join(tmp, '.env');
  await copyFile(path.join(ROOT, '.env.example'), envFile);
  scripts = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts;
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs an npm script's command as npm would (`tsx src/main.ts …`), with `.env` read from `envFile`
 * (dotenv's DOTENV_CONFIG_PATH: the same loading code, without touching a developer's own `.env`), none
 * of the configuration variables inherited, and `extra` on top.
 */
function run(
  script: 'start' | 'serve' | 'ask' | 'deploy-commands',
  args: string[],
  extra: Record<string, string> = {},
  stdin = '',
  watch?: (child: import('node:child_process').ChildProcess, err: () => string) => void,
): Promise<Run> {
  const [bin, ...rest] = scripts[script]!.split(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, DOTENV_CONFIG_PATH: envFile, SNAPSHOT_DIR: path.join(tmp, 'snap'), ...extra };
  for (const v of VARIABLES) if (!(v in extra) && v !== 'SNAPSHOT_DIR') delete env[v];
  return new Promise((resolve, reject) => {
    const child = spawn(bin === 'node' ? process.execPath : path.join(ROOT, 'node_modules/.bin', bin!), [...rest, ...args], { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
      watch?.(child, () => err);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
    setTimeout(() => child.kill('SIGKILL'), 50_000).unref();
  });
}

/** Ends with one clear line on stderr: no stack trace, nothing on stdout. */
function expectOneLine(r: Run, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.err).not.toMatch(STACK);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
}

describe.concurrent('.env.example copied to .env, as the README says', () => {
  it('every variable in it is empty, so every default applies', async () => {
    const text = await readFile(envFile, 'utf8');
    const set = text.split('\n').filter((l) => /^[A-Z_]+=/.test(l));
    expect(set.map((l) => l.split('=')[0]).sort()).toEqual([...VARIABLES].sort());
    expect(set.every((l) => l.endsWith('='))).toBe(true);
  });

  it('npm start opens the console on the seeds and leaves on /quit', async () => {
    const r = await run('start', [], {}, '/quit\n');
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Quote bot — \d+ articles/);
    expect(r.out).toMatch(/Bye\./);
  });

  it('npm run serve (the command the container and the systemd unit run) is the same entry point', async () => {
    const r = await run('serve', [], {}, '/quit\n');
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Quote bot — \d+ articles/);
    const dockerfile = await readFile(path.join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd.join(' ')).toBe(scripts.serve);
    expect(await readFile(path.join(ROOT, 'deploy/quotebot.service'), 'utf8')).toContain(`ExecStart=/usr/bin/${scripts.serve}`);
  });

  it('npm run ask answers', async () => {
    const r = await run('ask', ['--json', '/search Raqqa']);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.trim()).items.length).toBeGreaterThan(0);
  });

  it('npm run ask --image-dir writes one PNG per answer with a picture, its path on the JSON line', async () => {
    const dir = path.join(tmp, 'pictures');
    const r = await run('ask', ['--json', '--image-dir', dir, '/timeline Putin', '/search Raqqa']);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(0);
    const [timeline, search] = r.out.trim().split('\n').map((l) => JSON.parse(l) as { image?: string });
    expect(timeline!.image).toBe(path.join(dir, '1-timeline.png'));
    expect((await readFile(timeline!.image!)).subarray(1, 4).toString()).toBe('PNG');
    expect(search!.image).toBeUndefined();
  });

  it('the console writes the picture of /timeline … --image and prints its path', async () => {
    const r = await run('start', [], {}, '/timeline Putin --image\n/quit\n');
    expect(r.code).toBe(0);
    const file = /^picture: (.+\.png)$/m.exec(r.out)?.[1];
    expect(file, r.out).toBeDefined();
    expect((await readFile(file!)).subarray(1, 4).toString()).toBe('PNG');
    await rm(file!, { force: true });
  });

  it('npm run deploy-commands says the token is needed, in one line', async () => {
    expectOneLine(await run('deploy-commands', []), 2, /DISCORD_TOKEN is required/);
  });
});

describe.concurrent('a bad variable stops every entry point with one line naming it, never its value', () => {
  const cases: [string, string, RegExp][] = [
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['RATE_LIMIT_PER_MINUTE', 'lots', /RATE_LIMIT_PER_MINUTE must be a whole number/],
    ['DISCORD_TOKEN', 'hunter2-secret-value-xyz', /DISCORD_TOKEN does not look like a bot token/],
    ['DISCORD_API_URL', 'ftp://secret-host.example', /DISCORD_API_URL must be an http\(s\) URL/],
    ['HEALTH_PORT', '99999', /HEALTH_PORT must be a port number/],
  ];
  for (const script of ['start', 'ask', 'deploy-commands'] as const) {
    it(`npm run ${script}: each bad variable on its own line`, async () => {
      const r = await run(script, script === 'ask' ? ['/help'] : [], Object.fromEntries(cases.map(([name, value]) => [name, value])), '/quit\n');
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(STACK);
      const lines = r.err.trim().split('\n');
      expect(lines).toHaveLength(cases.length);
      for (const [name, value, pattern] of cases) {
        expect(lines.filter((l) => l.includes(name))).toHaveLength(1);
        expect(r.err).toMatch(pattern);
        expect(r.err + r.out).not.toContain(value);
      }
    });
  }
  it('one bad variable: one line', async () => {
    expectOneLine(await run('start', [], { LOG_LEVEL: 'verbose' }, '/quit\n'), 2, cases[0]![2]);
  });
});

describe.concurrent('--help on every entry point', () => {
  for (const [script, pattern] of [
    ['start', /usage: npm start -- \[--corpus DIR\]/],
    ['ask', /usage: npm run --silent ask -- .*INPUT/],
    ['deploy-commands', /usage: npm run deploy-commands/],
  ] as const) {
    for (const flag of ['--help', '-h']) {
      it(`npm run ${script} -- ${flag} prints the usage and exits 0`, async () => {
        const r = await run(script, [flag]);
        expect(r.code).toBe(0);
        expect(r.out).toMatch(pattern);
        expect(r.err).toBe('');
      });
    }
  }
});

describe.concurrent("an operator's command-line mistakes: one line with what to do, no stack trace", () => {
  it.each([
    ['start', ['--corpus', 'MISSING'], {}, /The corpus folder .*no-such-folder does not exist\. Pass --corpus DIR/],
    ['ask', ['--corpus', 'MISSING', '/help'], {}, /does not exist/],
    ['start', [], { CORPUS_DIR: 'MISSING' }, /does not exist/],
  ] as const)('npm run %s -- %j %j: a corpus folder that does not exist', async (script, args, env, pattern) => {
    const missing = path.join(tmp, 'no-such-folder');
    const fill = (v: string) => (v === 'MISSING' ? missing : v);
    const extra = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)]));
    expectOneLine(await run(script, args.map(fill), extra), 1, pattern);
  });

  it('a corpus path that is a file', async () => {
    expectOneLine(await run('start', ['--corpus', envFile]), 1, /is a file, not a folder/);
  });

  it.each([
    ['start', ['--corpus'], /--corpus needs a value\. Run `npm start -- --help`/],
    ['ask', ['/help', '--corpus'], /--corpus needs a value/],
    ['start', ['--verbose'], /unknown option --verbose/],
    ['deploy-commands', ['--guild'], /unknown option --guild/],
    ['start', ['seeds'], /unexpected argument seeds/],
    ['ask', [], /nothing to answer/],
  ] as const)('npm run %s -- %j: --corpus without a value, an unknown option, a stray argument', async (script, args, pattern) => {
    expectOneLine(await run(script, [...args]), 2, pattern);
  });

  it('deploy-commands with no network: one line saying so', async () => {
    const r = await run('deploy-commands', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    expectOneLine(r, 1, /cannot reach the Discord API \(ECONNREFUSED\)/);
    expect(r.err).not.toContain(TOKEN.split('.').at(-1)!);
  });

  it('npm start with a token and no network: retries, saying so, and stops cleanly on SIGTERM', async () => {
    const r = await run('start', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:9/api' }, '', (child, err) => {
      if (/retrying in/.test(err())) child.kill('SIGTERM');
    });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Discord login failed \(ECONNREFUSED\); retrying in 1 s \(attempt 1\)/);
    expect(r.err).not.toMatch(STACK);
    expect(r.err).not.toContain(TOKEN.split('.').at(-1)!);
  });

  it('a folder of folders warns and names them (and still opens)', async () => {
    const parent = path.join(tmp, 'corpora');
    await mkdir(path.join(parent, 'reuters'), { recursive: true });
    await mkdir(path.join(parent, 'bbc'), { recursive: true });
    await writeFile(path.join(parent, 'bbc', 'a.txt'), 'Title\n\nA sentence in a nested folder.\n');
    const r = await run('start', ['--corpus', parent], {}, '/quit\n');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(STACK);
    expect(r.err).toMatch(/^warning: the corpus folder .*corpora has no \.txt articles, only sub-folders \(bbc, reuters\).*Did you mean --corpus .*bbc\?$/m);
    expect(r.out).toMatch(/0 articles/);
  });
});
