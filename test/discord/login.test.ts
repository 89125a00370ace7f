/**
 * Logging in: the network or Discord failing at the start is retried with a growing wait, said in
 * the log each time, until the bot is ready; a refused token stops at once with a clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningBot, startBot } from '../../src/discord/bot.ts';
import { IndexStore } from '../../src/index/store.ts';
import { memoryLogger, SEEDS, tempCorpus } from '../helpers/corpus.ts';
import { type DiscordDouble, FAKE_TOKEN, startDiscordDouble } from './double/index.ts';

let double: DiscordDouble;
let store: IndexStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  double = await startDiscordDouble();
  const t = await tempCorpus(false);
  cleanup = t.cleanup;
  store = new IndexStore({ corpusDir: SEEDS, snapshotDir: `${t.root}/snap`, log: memoryLogger().log });
  await store.open();
});
afterAll(async () => {
  await double?.close();
  await cleanup?.();
});

const config = (token = FAKE_TOKEN, api = double.apiUrl) => loadConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: api, RATE_LIMIT_PER_MINUTE: '0' });

describe('login', () => {
  it('Discord answering 503 for a while: retried with backoff, saying so, until ready', async () => {
    double.faults.serverError({ route: /^\/gateway\/bot$/, status: 503, forMs: 1500 });
    const logs = memoryLogger();
    let bot: RunningBot | undefined;
    try {
      bot = await startBot(config(), { store, log: logs.log, retry: { firstMs: 100, maxMs: 400 } });
      const retries = logs.lines().filter((l) => /Discord login failed \(.+\); retrying in [\d.]+ s \(attempt \d+\)/.test(String(l.msg)));
      expect(retries.length).toBeGreaterThan(0);
      const waits = retries.map((l) => Number(l.retryInMs));
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
      expect(waits.at(-1)).toBeLessThanOrEqual(400);
      expect(bot.client.isReady()).toBe(true);
      expect(logs.text()).not.toContain(FAKE_TOKEN.split('.').at(-1)!);
    } finally {
      await bot?.stop();
    }
  });

  it('nothing listening (connection refused): retried until stopped by the signal', async () => {
    const logs = memoryLogger();
    const stop = new AbortController();
    const started = startBot(config(FAKE_TOKEN, 'http://127.0.0.1:9/api'), { store, log: logs.log, retry: { firstMs: 50, maxMs: 100 }, signal: stop.signal });
    const until = Date.now() + 30_000;
    while (logs.lines().filter((l) => l.attempt).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await expect(started).rejects.toThrow(/stopped/);
    expect(logs.lines().some((l) => /ECONNREFUSED|fetch failed|connect/i.test(String(l.msg)))).toBe(true);
  });

  it('a refused token stops at once, with what to do, and no retry', async () => {
    const logs = memoryLogger();
    const wrong = 'MTAwMDAwMDAwMDAwMDAwMDAw.wrong.not-the-token-of-this-bot';
    await expect(startBot(config(wrong), { store, log: logs.log, retry: { firstMs: 50, maxMs: 100 } })).rejects.toThrow(/Discord login failed: .*DISCORD_TOKEN/);
    expect(logs.lines().filter((l) => l.attempt)).toEqual([]);
  });
});
