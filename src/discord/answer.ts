import { type ButtonInteraction, type ChatInputCommandInteraction, type Message, MessageFlags } from 'discord.js';
import { answer, reply as replyTo } from '../answers/engine.ts';
import type { ArticleLookup } from '../answers/format.ts';
import { checkQuery } from '../answers/parse.ts';
import type { Answer, CommandName } from '../answers/types.ts';
import { commandSpec } from '../answers/catalog.ts';
import type { CorpusIndex } from '../index/types.ts';
import type { BotContext } from './context.ts';
import { HIDE_OPTION } from './define.ts';
import { deferReply, editReply, reply, send, update } from './deliver.ts';
import { NO_MENTIONS, type PagePayload, pagePayload, parsePageCustomId } from './pagination.ts';
import { noticeText, renderAnswer } from './render.ts';

/**
 * The question flow: read the options, check the query, answer from the serving index, render, and
 * reply (with page buttons when the answer is long). The Discord layer decides nothing about content.
 */

export const lookupIn =
  (index: CorpusIndex): ArticleLookup =>
  (file) =>
    index.articles.get(file)?.meta;

/** Renders an answer and, when it needs more than one page, keeps a page state for its buttons. */
export function answerPayload(ans: Answer, index: CorpusIndex, ctx: BotContext, askerId: string): PagePayload {
  const pages = renderAnswer(ans, lookupIn(index));
  if (pages.length < 2) return pagePayload(pages, 0);
  const key = ctx.pager.put({ command: ans.command, query: ans.query, askerId, createdAt: Date.now() });
  return pagePayload(pages, 0, { key, askerId });
}

/**
 * Commands being answered right now. An answer takes milliseconds, but a burst of hundreds arriving
 * together is answered one after another on the event loop: past this many, a command is deferred
 * first (acknowledged within Discord's 3 s) and answered by editing the deferred reply.
 */
const ANSWER_FIRST_UP_TO = 2;
let answering = 0;

/**
 * Deferred answers are computed one per event-loop turn, so that gateway events and the
 * acknowledgements of the commands still arriving go out between them rather than after all of them.
 */
let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(fn: () => T): Promise<T> {
  const run = queue
    .then(acknowledgementsDone)
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Commands received but not yet acknowledged: deferred answers wait until there are none. */
let unacknowledged = 0;
const whenAcknowledged: (() => void)[] = [];
function acknowledged(): void {
  unacknowledged--;
  if (unacknowledged === 0) for (const resolve of whenAcknowledged.splice(0)) resolve();
}
function acknowledgementsDone(): Promise<void> {
  return unacknowledged === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenAcknowledged.push(resolve));
}

/** Answers a user command (`/search`, `/who`, …). */
export async function answerCommand(interaction: ChatInputCommandInteraction, ctx: BotContext, command: CommandName): Promise<void> {
  answering++;
  unacknowledged++;
  let acked = false;
  const ack = () => {
    if (!acked) {
      acked = true;
      acknowledged();
    }
  };
  try {
    const hidden = interaction.options.getBoolean(HIDE_OPTION) ?? false;
    const arg = commandSpec(command)?.argument;
    const raw = arg ? (interaction.options.getString(arg.name) ?? '') : '';
    const query = checkQuery(command, raw);
    if (typeof query !== 'string') {
      await respondWith(interaction, ctx, { content: noticeText(query.error), allowedMentions: NO_MENTIONS }, true);
      return;
    }
    const compute = () => {
      const index = ctx.store.index;
      return answerPayload(answer(index, command, query), index, ctx, interaction.user.id);
    };
    if (answering > ANSWER_FIRST_UP_TO && !interaction.deferred && !interaction.replied) {
      try {
        await deferReply(interaction, hidden ? { flags: MessageFlags.Ephemeral } : {}, ctx.log);
      } finally {
        ack();
      }
      await respondWith(interaction, ctx, await inTurn(compute), hidden);
      return;
    }
    await respondWith(interaction, ctx, compute(), hidden);
  } finally {
    ack();
    answering--;
  }
}

/** Replies, or edits the deferred reply when the router deferred this command. */
async function respondWith(interaction: ChatInputCommandInteraction, ctx: BotContext, payload: Partial<PagePayload> & { content?: string }, ephemeral: boolean): Promise<void> {
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
  const r = replyTo(index, message.content);
  const payload = 'error' in r ? { content: noticeText(r.error), allowedMentions: NO_MENTIONS } : answerPayload(r, index, ctx, message.author.id);
  await send(message.channel, payload, ctx.log);
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
  const pages = renderAnswer(answer(index, state.command, state.query), lookupIn(index));
  await update(interaction, pagePayload(pages, id.page, { key: id.key, askerId: id.askerId }), ctx.log);
}
