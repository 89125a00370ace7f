import {
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  DiscordAPIError,
  HTTPError,
  type InteractionDeferReplyOptions,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type MessageComponentInteraction,
  type MessageCreateOptions,
  type RepliableInteraction,
  RESTJSONErrorCodes,
  type SendableChannels,
  SnowflakeUtil,
} from 'discord.js';
import { DISCORD_LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import { describeError } from './errors.ts';

/**
 * Delivery that survives a Discord hiccup. discord.js retries a 5xx at once (three times, no pause),
 * so an outage of a few hundred milliseconds loses the reply; here a transient failure (5xx, a reset
 * connection, a timeout) is retried with growing pauses, within the time the request can still be
 * useful: an acknowledgement only within Discord's 3 seconds of the interaction's arrival.
 *
 * Nothing is sent twice: a retried acknowledgement that Discord had in fact received comes back as
 * 40060 "already acknowledged" and counts as done; a retried channel message carries the same nonce
 * with `enforce_nonce`, so Discord returns the message it already created.
 */

/** Pauses before each retry. */
const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 4000] as const;
/** How long after arrival an acknowledgement may still be tried (Discord's limit is 3 s). */
const ACK_WINDOW_MS = DISCORD_LIMITS.ackMs - 150;
/** How long any other send is retried. */
const SEND_WINDOW_MS = 10_000;

const received = new WeakMap<object, number>();

/** Records when an interaction arrived (the ack deadline counts from here, on the local clock). */
export function markReceived(interaction: object, at: number = Date.now()): void {
  received.set(interaction, at);
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failure worth retrying: the server erred, or the request never got an answer. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError) return err.status >= 500;
  if (err instanceof DiscordAPIError) return err.status >= 500;
  const e = err as { code?: unknown; name?: unknown; cause?: unknown };
  if (e?.name === 'AbortError') return true;
  if (typeof e?.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  return e?.cause !== undefined && e.cause !== err && isTransient(e.cause);
}

const alreadyAcknowledged = (err: unknown) => err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts. */
  deadline: number;
  delays?: readonly number[];
  log?: Logger;
  what?: string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Runs `op`, retrying transient failures with the given pauses while the deadline allows. */
export async function withRetry<T>(op: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const delays = opts.delays ?? RETRY_DELAYS_MS;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      const delay = delays[attempt];
      if (!isTransient(err) || delay === undefined || now() + delay > opts.deadline) throw err;
      opts.log?.warn({ what: opts.what, attempt: attempt + 1, delayMs: delay, error: describeError(err) }, `Discord request failed (${opts.what ?? 'send'}); retrying`);
      await sleep(delay);
    }
  }
}

const ackDeadline = (i: object) => (received.get(i) ?? Date.now()) + ACK_WINDOW_MS;
const sendDeadline = () => Date.now() + SEND_WINDOW_MS;

/**
 * An acknowledgement, retried within the 3 s window. The bot acknowledges each interaction once, so
 * 40060 can only mean an earlier attempt (ours, or discord.js's own immediate 5xx retry inside it) did
 * reach Discord: the interaction is marked acknowledged (`done`) and nothing is sent again.
 */
async function acknowledge(interaction: object, what: string, op: () => Promise<unknown>, done: () => void, log?: Logger): Promise<void> {
  await withRetry(
    async () => {
      try {
        await op();
      } catch (err) {
        if (alreadyAcknowledged(err)) {
          done();
          return;
        }
        throw err;
      }
    },
    { deadline: ackDeadline(interaction), what, ...(log ? { log } : {}) },
  );
}

const isEphemeral = (flags: unknown) => typeof flags === 'number' && (flags & MessageFlags.Ephemeral) !== 0;

export function reply(i: RepliableInteraction, options: InteractionReplyOptions, log?: Logger): Promise<void> {
  return acknowledge(
    i,
    'reply',
    () => i.reply(options),
    () => {
      i.replied = true;
      i.ephemeral = isEphemeral(options.flags);
    },
    log,
  );
}

export function deferReply(i: RepliableInteraction, options: InteractionDeferReplyOptions, log?: Logger): Promise<void> {
  return acknowledge(
    i,
    'defer',
    () => i.deferReply(options),
    () => {
      i.deferred = true;
      i.ephemeral = isEphemeral(options.flags);
    },
    log,
  );
}

export function update(i: MessageComponentInteraction, options: InteractionUpdateOptions, log?: Logger): Promise<void> {
  return acknowledge(
    i,
    'update',
    () => i.update(options),
    () => {
      i.replied = true;
    },
    log,
  );
}

export function respond(i: AutocompleteInteraction, choices: ApplicationCommandOptionChoiceData[], log?: Logger): Promise<void> {
  return acknowledge(
    i,
    'autocomplete',
    () => i.respond(choices),
    () => {
      i.responded = true;
    },
    log,
  );
}

/** Edits the original reply (idempotent: retrying is always safe). */
export async function editReply(i: RepliableInteraction, options: InteractionEditReplyOptions, log?: Logger): Promise<void> {
  await withRetry(() => i.editReply(options), { deadline: sendDeadline(), what: 'edit', ...(log ? { log } : {}) });
}

/** A follow-up message. Retried only on failures where it surely was not created (5xx). */
export async function followUp(i: RepliableInteraction, options: InteractionReplyOptions, log?: Logger): Promise<void> {
  await withRetry(() => i.followUp(options), { deadline: sendDeadline(), what: 'follow-up', ...(log ? { log } : {}) });
}

/** A channel message (DMs), with one nonce for every attempt so Discord never creates it twice. */
export async function send(channel: SendableChannels, options: MessageCreateOptions, log?: Logger): Promise<void> {
  const once = { ...options, nonce: SnowflakeUtil.generate().toString(), enforceNonce: true };
  await withRetry<unknown>(() => channel.send(once), { deadline: sendDeadline(), what: 'message', ...(log ? { log } : {}) });
}
