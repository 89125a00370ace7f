import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isTransient, withRetry } from '../../src/discord/deliver.ts';

const http = (status: number) => new HTTPError(status, 'x', 'POST', '/x', { body: undefined });
const api = (code: number, status: number) => new DiscordAPIError({ code, message: 'm' }, code, status, 'POST', '/x', { body: undefined });

describe('isTransient', () => {
  it('5xx, resets and timeouts are retried; 4xx (a bad request, an unknown interaction) are not', () => {
    expect(isTransient(http(500))).toBe(true);
    expect(isTransient(http(503))).toBe(true);
    expect(isTransient(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(true);
    expect(isTransient(new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(isTransient(api(10062, 404))).toBe(false);
    expect(isTransient(api(50035, 400))).toBe(false);
    expect(isTransient(http(404))).toBe(false);
    expect(isTransient(new TypeError('bug'))).toBe(false);
  });
});

describe('withRetry', () => {
  const clock = () => {
    let t = 0;
    const sleep = async (ms: number) => {
      t += ms;
    };
    return { now: () => t, sleep, slept: () => t };
  };

  it('retries transient failures with growing pauses until it works', async () => {
    const c = clock();
    let calls = 0;
    const out = await withRetry(
      async () => {
        if (++calls < 4) throw http(500);
        return 'ok';
      },
      { deadline: 10_000, delays: [100, 200, 400, 800], now: c.now, sleep: c.sleep },
    );
    expect(out).toBe('ok');
    expect(calls).toBe(4);
    expect(c.slept()).toBe(700);
  });

  it('gives up at once on a non-transient error, and when the deadline would pass', async () => {
    const c = clock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw api(50035, 400);
        },
        { deadline: 10_000, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBeInstanceOf(DiscordAPIError);
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw http(502);
        },
        { deadline: 350, delays: [100, 200, 400], now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBeInstanceOf(HTTPError);
    expect(calls).toBe(3); // at 0, 100, 300; the next pause would end after the deadline
  });
});
