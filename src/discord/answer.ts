import { type APIEmbed, type AttachmentPayload, type ButtonInteraction, type ChatInputCommandInteraction, type Message, MessageFlags } from 'discord.js';
import { answer, reply as replyTo } from '../answers/engine.ts';
import { lookupIn } from '../answers/format.ts';
import { checkQuery } from '../answers/parse.ts';
import type { Answer, CommandName } from '../answers/types.ts';
import { commandSpec } from '../answers/catalog.ts';
import type { CorpusIndex } from '../index/types.ts';
import type { BotContext } from './context.ts';
import { HIDE_OPTION } from './define.ts';
import { deferReply, editReply, reply, send, update } from './deliver.ts';
import { NO_MENTIONS, type PagePayload, pagePayload, parsePageCustomId } from './pagination.ts';
import { noticeText, pageCount, renderPage } from './render.ts';
import { frontEndLimit } from '../limits.ts';
import { pictureName, pictureOf } from '../pictures/render.ts';
import { describeError } from './errors.ts';

/**
 * The question flow: read the options, check the query, answer from the serving index, render, and
 * reply (with page buttons when the answer is long). The Discord layer decides nothing about content.
 */

/** A page's embed showing the message's picture (an attachment of that name). */
const withImage = (embed: APIEmbed, image: string | null | undefined): APIEmbed => (image ? { ...embed, image: { url: `attachment://${image}` } } : embed);

/** Renders an answer and, when it needs more than one page, keeps a page state for its buttons. */
export function answerPayload(ans: Answer, index: CorpusIndex, ctx: BotContext, askerId: string, image: string | null = null): PagePayload {
  const total = pageCount(ans);
  const first = withImage(renderPage(ans, lookupIn(index), 0), image);
  if (total < 2) return pagePayload(first, 0, total);
  // The page state learns of the picture once it is attached (attachPicture).
  const key = ctx.pager.put({ command: ans.command, query: ans.query, askerId, createdAt: Date.now() });
  return pagePayload(first, 0, total, { key, askerId });
}

/** The page key of a payload's buttons, if it has any. */
const pageKey = (payload: PagePayload): string | undefined => {
  const id = (payload.components[0]?.components[0]?.toJSON() as { custom_id?: string } | undefined)?.custom_id;
  return id ? parsePageCustomId(id)?.key : undefined;
};

type Delivery = PagePayload & { files?: AttachmentPayload[] };

/**
 * The answer's picture, rendered after its text (off the event loop: see pictures/render.ts), as
 * the attachment the embed's image refers to. Should rendering fail, the text goes alone.
 */
async function attachPicture(payload: PagePayload, ans: Answer, index: CorpusIndex, ctx: BotContext): Promise<Delivery> {
  try {
    const picture = await pictureOf(index, ans, lookupIn(index));
    if (picture) {
      const key = pageKey(payload);
      const state = key && ctx.pager.get(key);
      if (state) state.image = picture.name;
      return { ...payload, files: [{ attachment: picture.png, name: picture.name }] };
    }
  } catch (err) {
    ctx.log.warn({ error: describeError(err, ctx.secrets), command: ans.command }, 'could not render the picture; answering with text only');
  }
  return { ...payload, embeds: payload.embeds.map(({ image: _image, ...embed }) => embed) };
}

/** An answer with every item a front end pages through. */
const answerAll = (index: CorpusIndex, command: CommandName, query: string): Answer => answer(index, command, query, { limit: frontEndLimit(command) });

/**
 * How a burst of commands is answered. An answer costs milliseconds, but hundreds arriving together
 * are computed one after another (one per event-loop turn, so that gateway events and REST calls go
 * out between them), and Discord wants each acknowledged within 3 s. A command whose answer will be
 * computed within `ctx.answerWithinMs` of its arrival — judged from the answers queued ahead of it and
 * the recent cost of one — is answered directly: the reply is the acknowledgement, one request, not
 * counted in the bot's 50 requests per second. Any other is deferred at once and its deferred reply
 * edited when its turn comes. And a command whose turn comes later than planned is deferred then.
 * The estimate runs short in a burst (500 Reuters commands at once through the Discord double: the
 * directly answered ones acknowledged within 1.1 s at p99 for a 600 ms plan), hence the margin to 3 s.
 */
export const ANSWER_WITHIN_MS = 600;
/** Past this long after its arrival, a command not yet acknowledged is deferred before it is answered. */
const DEFER_BY_MS = 2000;

/**
 * Answers planned and not yet computed, and what one costs (moving average, ms): while answers queue,
 * the time from one turn to the next — the answer and all else the event loop did meanwhile (gateway
 * events, deferrals, sending replies) — so that the estimate holds in a burst.
 */
let waiting = 0;
let costMs = 5;
let lastStart = Number.NEGATIVE_INFINITY;
let lastEnd = Number.NEGATIVE_INFINITY;
/** A turn starting within this long of the previous one's end is part of the same burst. */
const SAME_BURST_MS = 50;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Deferrals on their way to Discord: answers wait until none is, so that a burst's deferrals go out
 * first rather than between answers (each would otherwise wait behind the answers computed meanwhile).
 */
let deferring = 0;
const deferralsSent: (() => void)[] = [];
function deferralsDone(): Promise<void> {
  return deferring === 0 ? Promise.resolve() : new Promise<void>((resolve) => deferralsSent.push(resolve));
}
async function deferFirst(defer: () => Promise<void>): Promise<void> {
  deferring++;
  try {
    await defer();
  } finally {
    deferring--;
    if (deferring === 0) for (const resolve of deferralsSent.splice(0)) resolve();
  }
}

/** Runs `fn` in its own event-loop turn, after every answer queued before it and once no deferral is on its way. */
function inTurn<T>(fn: () => T): Promise<T> {
  const run = queue.then(deferralsDone).then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => {
    const t0 = performance.now();
    if (t0 - lastEnd < SAME_BURST_MS) costMs = 0.8 * costMs + 0.2 * (t0 - lastStart);
    lastStart = t0;
    try {
      return fn();
    } finally {
      lastEnd = performance.now();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Answers a user command (`/search`, `/who`, …). */
export async function answerCommand(interaction: ChatInputCommandInteraction, ctx: BotContext, command: CommandName): Promise<void> {
  const arrived = performance.now();
  const hidden = interaction.options.getBoolean(HIDE_OPTION) ?? false;
  const arg = commandSpec(command)?.argument;
  const raw = arg ? (interaction.options.getString(arg.name) ?? '') : '';
  const query = checkQuery(command, raw);
  if (typeof query !== 'string') {
    await respondWith(interaction, ctx, { content: noticeText(query.error), allowedMentions: NO_MENTIONS }, true);
    return;
  }
  const defer = () => deferReply(interaction, hidden ? { flags: MessageFlags.Ephemeral } : {}, ctx.log);
  const acknowledged = () => interaction.deferred || interaction.replied;
  // Counted from the decision on, so that the commands right behind this one see it queued.
  waiting++;
  let turn: { payload: PagePayload; ans: Answer; index: CorpusIndex; image: string | null };
  try {
    if (!acknowledged() && waiting * costMs > (ctx.answerWithinMs ?? ANSWER_WITHIN_MS)) await deferFirst(defer);
    turn = await inTurn(() => {
      const index = ctx.store.index;
      const ans = answerAll(index, command, query);
      const image = pictureName(ans);
      return { payload: answerPayload(ans, index, ctx, interaction.user.id, image), ans, index, image };
    });
  } finally {
    waiting--;
  }
  if (!turn.image) {
    if (!acknowledged() && performance.now() - arrived > DEFER_BY_MS) await defer();
    await respondWith(interaction, ctx, turn.payload, hidden);
    return;
  }
  // A picture is coming: acknowledge first, render, then send the quotes with it.
  if (!acknowledged()) await deferFirst(defer);
  await respondWith(interaction, ctx, await attachPicture(turn.payload, turn.ans, turn.index, ctx), hidden);
}

/** Replies, or edits the deferred reply when the router deferred this command. */
async function respondWith(interaction: ChatInputCommandInteraction, ctx: BotContext, payload: Partial<Delivery> & { content?: string }, ephemeral: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await editReply(interaction, { ...payload, allowedMentions: NO_MENTIONS }, ctx.log);
    return;
  }
  await reply(interaction, { ...payload, allowedMentions: NO_MENTIONS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) }, ctx.log);
}

/** A plain DM is a question: a command typed as text ("/search x") or words answered like /ask. */
export async function answerDirectMessage(message: Message, ctx: BotContext): Promise<void> {
  if (!message.channel.isSendable()) return;
  const index = ctx.store.index;
  const r = replyTo(index, message.content, { limit: Number.POSITIVE_INFINITY });
  if ('error' in r) {
    await send(message.channel, { content: noticeText(r.error), allowedMentions: NO_MENTIONS }, ctx.log);
    return;
  }
  const image = pictureName(r);
  const payload = answerPayload(r, index, ctx, message.author.id, image);
  await send(message.channel, image ? await attachPicture(payload, r, index, ctx) : payload, ctx.log);
}

/** Turns a page: only for the asker, only while the page state lives. */
export async function turnPage(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const id = parsePageCustomId(interaction.customId);
  const state = id && ctx.pager.get(id.key);
  if (id && interaction.user.id !== id.askerId) {
    await reply(interaction, { content: 'Only the person who asked can turn these pages. Ask the bot yourself to get your own copy.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
    return;
  }
  if (!id || !state || state.askerId !== id.askerId) {
    await reply(interaction, { content: 'These buttons have expired. Please ask again for a fresh answer.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
    return;
  }
  const index = ctx.store.index;
  const ans = answerAll(index, state.command, state.query);
  const total = pageCount(ans);
  const page = Math.min(id.page, total - 1);
  // The picture stays attached to the message: every page's embed shows it.
  await update(interaction, pagePayload(withImage(renderPage(ans, lookupIn(index), page), state.image), page, total, { key: id.key, askerId: id.askerId }), ctx.log);
}
