/**
 * The bot as a service, through the command the container and the systemd unit run (`npm run serve`)
 * against the Discord double: the health endpoint says "starting" then "serving" (what Docker's
 * HEALTHCHECK asks), and SIGTERM (`docker stop`, `systemctl stop`) disconnects cleanly and exits 0.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/health.ts';
import { SEEDS, tempCorpus } from '../helpers/corpus.ts';
import { type DiscordDouble, startDiscordDouble } from './double/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let double: DiscordDouble;
let cleanup: () => Promise<void>;
let snapshots: string;
beforeAll(async () => {
  double = await startDiscordDouble();
  const t = await tempCorpus(false);
  cleanup = t.cleanup;
  snapshots = path.join(t.root, 'snap');
});
afterAll(async () => {
  await double?.close();
  await cleanup?.();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('the health endpoint', () => {
  it('answers 503 with the status until serving, then 200; anything but GET /health is 404', async () => {
    let status: 'starting' | 'serving' = 'starting';
    const h = await startHealthServer(0, () => (status === 'serving' ? { status, articles: 2, sentences: 56 } : { status }));
    try {
      const get = (p = '/health') => fetch(`http://127.0.0.1:${h.port}${p}`);
      let r = await get();
      expect([r.status, await r.json()]).toEqual([503, { status: 'starting' }]);
      status = 'serving';
      r = await get();
      expect([r.status, await r.json()]).toEqual([200, { status: 'serving', articles: 2, sentences: 56 }]);
      expect((await get('/../etc/passwd')).status).toBe(404);
    } finally {
      await h.close();
    }
  });
});

describe('npm run serve with DISCORD_TOKEN', () => {
  it('becomes healthy once connected, and SIGTERM stops it cleanly with exit code 0', async () => {
    const scripts = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const [, ...args] = scripts.serve!.split(' ');
    const port = await freePort();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_PATH: '/nonexistent/.env', DISCORD_TOKEN: double.token, DISCORD_API_URL: double.apiUrl, CORPUS_DIR: SEEDS, SNAPSHOT_DIR: snapshots, HEALTH_PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const kill = setTimeout(() => child.kill('SIGKILL'), 55_000);
    try {
      const seen: number[] = [];
      const until = Date.now() + 50_000;
      for (;;) {
        const status = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (!seen.includes(status)) seen.push(status);
        if (status === 200 || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen.at(-1)).toBe(200);
      const body = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; articles: number };
      expect(body.status).toBe('serving');
      expect(body.articles).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(err).toMatch(/"msg":"Discord bot stopped"/);
      expect(err).not.toContain(double.token);
    } finally {
      clearTimeout(kill);
      child.kill('SIGKILL');
    }
  });
});
