import { GatewayIntentBits, IntentsBitField, Partials, REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { clientOptions, type RunningBot, startBot, stopOnSignals } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { memoryLogger } from '../helpers/corpus.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.unit.test-token-value';

describe('client options', () => {
  it('Guilds + DirectMessages, the Channel partial, no mentions; rest.api only when DISCORD_API_URL is set', () => {
    const plain = clientOptions({});
    expect(new IntentsBitField(plain.intents).toArray().sort()).toEqual(['DirectMessages', 'Guilds']);
    expect(new IntentsBitField(plain.intents).has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(plain.partials).toEqual([Partials.Channel]);
    expect(plain.allowedMentions).toMatchObject({ parse: [] });
    expect('rest' in plain).toBe(false);
    expect(clientOptions({ DISCORD_API_URL: 'http://127.0.0.1:9/api' }).rest).toEqual({ api: 'http://127.0.0.1:9/api' });
  });

  it('startBot refuses to start without a token', async () => {
    await expect(startBot(loadConfig({}), { log: memoryLogger().log })).rejects.toThrow(/DISCORD_TOKEN/);
  });
});

describe('signals', () => {
  it('SIGINT / SIGTERM stop the bot and exit 0; a second signal exits at once', async () => {
    const { log, lines } = memoryLogger();
    let stops = 0;
    const codes: number[] = [];
    const stop = () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          stops++;
          resolve();
        }, 20),
      );
    const bot = { stop } as unknown as RunningBot;
    const off = stopOnSignals(bot, log, (c) => void codes.push(c));
    try {
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGINT', 'SIGINT');
      expect(codes).toEqual([1]);
      await new Promise((r) => setTimeout(r, 50));
      expect(stops).toBe(1);
      expect(codes).toEqual([1, 0]);
      expect(lines().some((l) => l.signal === 'SIGTERM')).toBe(true);
    } finally {
      off();
    }
  });
});

describe('deploy-commands', () => {
  function fakeRest(appId = '111111111111111111') {
    const calls: { method: string; route: string; body?: unknown }[] = [];
    const rest = new REST();
    rest.get = (async (route: string) => {
      calls.push({ method: 'GET', route });
      return { id: appId };
    }) as REST['get'];
    rest.put = (async (route: string, o?: { body?: unknown }) => {
      calls.push({ method: 'PUT', route, body: o?.body });
      return ((o?.body ?? []) as { name: string }[]).map((c, i) => ({ ...c, id: String(i) }));
    }) as REST['put'];
    return { rest, calls };
  }

  it('overwrites the guild’s commands when DISCORD_GUILD_ID is set, asking the API for the application id', async () => {
    const { rest, calls } = fakeRest();
    const r = await deployCommands(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '222222222222222222' }), rest);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(['GET /applications/@me', 'PUT /applications/111111111111111111/guilds/222222222222222222/commands']);
    expect(r).toMatchObject({ scope: 'guild', applicationId: '111111111111111111' });
    expect(r.names).toHaveLength(10);
  });

  it('registers globally otherwise, with DISCORD_APPLICATION_ID when given (no lookup)', async () => {
    const { rest, calls } = fakeRest();
    const r = await deployCommands(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '333333333333333333' }), rest);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(['PUT /applications/333333333333333333/commands']);
    expect(r.scope).toBe('global');
  });
});
