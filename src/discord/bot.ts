import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction, type Message, Partials } from 'discord.js';
import { OperatorError } from '../cli.ts';
import type { Config } from '../config.ts';
import { openStore } from '../console/open.ts';
import type { IndexStore } from '../index/store.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import type { BotContext } from './context.ts';
import { describeError, redact } from './errors.ts';
import { NO_MENTIONS, Pager } from './pagination.ts';
import { intakeDeps } from '../intake/deps.ts';
import { announcer } from './intake.ts';
import { SlidingWindowLimiter } from './ratelimit.ts';
import { handleInteraction, handleMessage } from './router.ts';

/**
 * The Discord bot: opens the corpus (unless given a store), connects with the real discord.js client,
 * and routes interactions and DMs. Intents are Guilds and DirectMessages only (no privileged intent);
 * `Partials.Channel` is what lets discord.js deliver DMs from uncached channels.
 */

export interface RunningBot {
  client: Client;
  store: IndexStore;
  stop(): Promise<void>;
}

export interface BotDeps {
  store?: IndexStore;
  log?: Logger;
  /** How a failed login (network, Discord down) is retried: first wait and longest wait, ms. */
  retry?: { firstMs: number; maxMs: number };
  /** Stops the login retries (a signal while the network is down). */
  signal?: AbortSignal;
}

/** The default backoff of a failed login: 1 s, doubling, at most a minute between attempts, for ever. */
const LOGIN_RETRY = { firstMs: 1000, maxMs: 60_000 };

/** A login that retrying cannot mend: the token is refused (discord.js's TokenInvalid, a 401). */
function loginIsFinal(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown };
  return e.code === 'TokenInvalid' || e.status === 401 || e.status === 403;
}

/** Why a login failed, briefly: a system error code, an HTTP status, or the first line of the message. */
function loginProblem(err: unknown, secrets: string[]): string {
  const e = err as { code?: unknown; status?: unknown; cause?: { code?: unknown }; message?: string };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : undefined;
  return redact(code ?? (typeof e.status === 'number' ? `HTTP ${e.status}` : (e.message ?? String(err)).split('\n')[0]!), secrets);
}

/** Minimum time between two progress edits of a /refresh reply. */
const PROGRESS_EVERY_MS = 1500;

/** The client options: `rest.api` only when DISCORD_API_URL is set (discord.js appends `/v10`). */
export function clientOptions(config: Pick<Config, 'DISCORD_API_URL'>): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  };
}

export async function startBot(config: Config, deps: BotDeps = {}): Promise<RunningBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = deps.log ?? defaultLog;
  const store = deps.store ?? (await openStore(config, log));
  // Ready the first /refresh in the background while the client logs in; stopped with the bot.
  const warming = new AbortController();
  void store.warmUp(warming.signal);
  const secrets = [token];
  const ctx: BotContext = {
    store,
    log,
    pager: new Pager(),
    limiter: new SlidingWindowLimiter(config.RATE_LIMIT_PER_MINUTE),
    secrets,
    progressEveryMs: PROGRESS_EVERY_MS,
    intakeLimiter: new SlidingWindowLimiter(config.INTAKE_PER_HOUR, 60 * 60 * 1000),
  };
  // Feed announcements go through the client connected below.
  let current: Client | undefined;
  ctx.intake = intakeDeps(store, config, log, async (feed, added) => {
    if (current) await announcer(current, ctx)(feed, added);
  });

  const onInteraction = (interaction: Interaction) => void handleInteraction(interaction, ctx);
  const onMessage = (message: Message) => void handleMessage(message, ctx);
  const connect = async (): Promise<Client> => {
    const client = new Client(clientOptions(config));
    client.on(Events.InteractionCreate, onInteraction);
    client.on(Events.MessageCreate, onMessage);
    client.on(Events.Error, (err) => log.error({ error: describeError(err, secrets) }, 'discord client error'));
    client.on(Events.Warn, (text) => log.warn(redact(text, secrets)));
    client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
    client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
    client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
    client.on(Events.ShardError, (err, shard) => log.warn({ shard, error: describeError(err, secrets) }, 'gateway error'));
    if (log.isLevelEnabled('trace')) client.on(Events.Debug, (text) => log.trace(redact(text, secrets)));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await Promise.all([client.login(token), ready]);
      return client;
    } catch (err) {
      await client.destroy();
      throw err;
    }
  };

  // A refused token stops at once with a clear message; anything else (no network, Discord down)
  // is retried with a doubling wait, saying so each time, until it works or the signal stops it.
  const retry = deps.retry ?? LOGIN_RETRY;
  let client: Client | undefined;
  for (let attempt = 1, wait = retry.firstMs; !client; attempt++, wait = Math.min(retry.maxMs, wait * 2)) {
    try {
      client = await connect();
    } catch (err) {
      const problem = loginProblem(err, secrets);
      if (loginIsFinal(err) || deps.signal?.aborted) {
        warming.abort();
        throw new OperatorError(
          loginIsFinal(err)
            ? `Discord login failed: ${problem === 'HTTP 401' ? 'the token was refused' : problem}. Copy a fresh token from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.`
            : `Discord login stopped: ${problem}`,
        );
      }
      log.warn({ attempt, retryInMs: wait, problem }, `Discord login failed (${problem}); retrying in ${Math.round(wait / 100) / 10} s (attempt ${attempt})`);
      const stopped = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), wait);
        deps.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(true);
        }, { once: true });
      });
      if (stopped) {
        warming.abort();
        throw new Error(`Discord login stopped while retrying (${problem})`);
      }
    }
  }
  current = client;
  ctx.intake.feeds.start();
  const user = client.user;
  log.info({ user: user?.tag, id: user?.id, guilds: client.guilds.cache.size, rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE }, `Discord bot ready as ${user?.tag ?? 'unknown user'}`);

  let stopped: Promise<void> | undefined;
  return {
    client,
    store,
    stop() {
      stopped ??= (async () => {
        warming.abort();
        await ctx.intake?.feeds.stop();
        client.off(Events.InteractionCreate, onInteraction);
        client.off(Events.MessageCreate, onMessage);
        // Closing the socket is not a reconnection worth logging.
        for (const e of [Events.ShardDisconnect, Events.ShardReconnecting, Events.ShardResume] as const) client.removeAllListeners(e);
        await client.destroy();
        ctx.pager.clear();
        log.info('Discord bot stopped');
      })();
      return stopped;
    },
  };
}

/**
 * For `npm start`: SIGINT / SIGTERM destroy the client and exit 0 (a second signal exits at once).
 * Returns a function removing the handlers (tests).
 */
export function stopOnSignals(bot: RunningBot, log: Logger, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    bot.stop().then(
      () => exit(0),
      (err) => {
        log.error({ error: describeError(err) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
