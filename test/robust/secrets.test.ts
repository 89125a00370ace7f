/**
 * Secrets: the bot token never reaches a log line, through the real logger and its real redaction,
 * whatever shape it is logged in; configuration errors never echo a value.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

/** Shaped like a real bot token (id . timestamp . HMAC), but made up. */
const TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GqX7bY.s3cr3t-HmAc_k3y-0123456789abcdefghijklm';
const SECRET_PART = TOKEN.split('.')[2]!;

/** The real logger, writing into memory. */
function capture(level = 'trace') {
  const chunks: string[] = [];
  const log = createLogger(level, { write: (s: string) => void chunks.push(s) } as never);
  return { log, text: () => chunks.join('') };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Logs the token in every shape it could travel in: config objects, errors, headers, messages. */
function logEverything(log: ReturnType<typeof capture>['log'], config: unknown) {
  log.info(config as object, 'config');
  log.info({ config }, 'config nested');
  log.info({ ctx: { deeper: { config } } }, 'config deeply nested');
  log.info({ env: { DISCORD_TOKEN: TOKEN } }, 'env');
  log.info({ headers: { Authorization: `Bot ${TOKEN}` } }, 'request');
  log.info({ request: { headers: { authorization: `Bot ${TOKEN}` } } }, 'request');
  log.error({ err: new Error(`401 Unauthorized for token ${TOKEN}`) }, 'login failed');
  log.error(new Error(`gateway closed (4004): ${TOKEN}`));
  log.error(Object.assign(new Error('request failed'), { requestBody: { token: TOKEN }, url: `https://discord.com/api?token=${TOKEN}` }));
  log.warn(`could not log in with ${TOKEN}`);
  log.warn({ list: [TOKEN, { token: TOKEN }] }, 'list');
  log.debug({ value: JSON.stringify({ token: TOKEN }) }, 'stringified');
}

describe('the token never reaches a log line', () => {
  it('once the configuration is loaded, in any shape it is logged', () => {
    const config = loadConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'debug' });
    expect(config.DISCORD_TOKEN).toBe(TOKEN);
    const { log, text } = capture();
    logEverything(log, config);
    const out = text();
    expect(out.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(12); // every line was written
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(SECRET_PART);
    expect(out).toContain('[redacted]');
    expect(out).toContain('login failed'); // the rest of each line is kept
  });

  it('when it is only in the environment (a logger made before the configuration is read)', () => {
    const other = `${TOKEN.slice(0, -6)}ZYXWVU`;
    vi.stubEnv('DISCORD_TOKEN', other);
    const { log, text } = capture();
    log.error(new Error(`bad token ${other}`));
    log.info({ auth: `Bot ${other}` }, 'header');
    expect(text().split('\n').filter(Boolean)).toHaveLength(2); // both lines were written
    expect(text()).not.toContain(other);
    expect(text()).not.toContain(other.split('.')[2]!);
    expect(text()).toContain('[redacted]');
  });
});

describe('configuration errors', () => {
  const MARK = 'SeCrEtMaRk';
  it.each([
    ['DISCORD_TOKEN', `not a token ${MARK}`],
    ['DISCORD_TOKEN', `${MARK}.only-two`],
    ['DISCORD_APPLICATION_ID', `${MARK}123`],
    ['DISCORD_GUILD_ID', `12${MARK}`],
    ['DISCORD_API_URL', `ftp://${MARK}.example`],
    ['RATE_LIMIT_PER_MINUTE', `${MARK}`],
    ['RATE_LIMIT_PER_MINUTE', '-5'],
    ['LOG_LEVEL', `${MARK}`],
  ])('%s = %j: refused naming the variable, never echoing the value', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain(MARK);
    expect(message).not.toContain(value);
    expect(message).not.toMatch(/\n\s*at /);
  });
});
