import { ChannelType, type Interaction, type Message, MessageFlags, type RepliableInteraction } from 'discord.js';
import { answerDirectMessage, turnPage } from './answer.ts';
import { commandByName } from './commands.ts';
import type { BotContext } from './context.ts';
import { deferReply, editReply, followUp, markReceived, reply, respond, send } from './deliver.ts';
import { apology, describeError, newErrorId } from './errors.ts';
import { isPageButton, NO_MENTIONS } from './pagination.ts';
import { waitText } from './ratelimit.ts';

/**
 * Routes gateway events to handlers: slash commands (with their declared defer and cooldown),
 * autocomplete, page buttons, and DM questions. Every handler runs inside a guard: a failure logs the
 * details under an error id and tells the user only the id; nothing escapes to crash the bot.
 */

function rateNotice(retryAfterMs: number): string {
  return `You're asking a lot of questions at once — please wait ${waitText(retryAfterMs)} and ask again.`;
}

export async function handleInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  markReceived(interaction);
  try {
    if (interaction.isAutocomplete()) {
      const mod = commandByName.get(interaction.commandName);
      if (mod?.autocomplete) await mod.autocomplete(interaction, ctx);
      else await respond(interaction, [], ctx.log);
      return;
    }
    if (interaction.isButton()) {
      if (isPageButton(interaction.customId)) await turnPage(interaction, ctx);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    const mod = commandByName.get(interaction.commandName);
    if (!mod) {
      await reply(interaction, { content: 'That command is not known to this version of the bot.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
      return;
    }
    if (mod.cooldown === 'questions') {
      const verdict = ctx.limiter.take(interaction.user.id);
      if (!verdict.allowed) {
        ctx.log.info({ user: interaction.user.id, command: interaction.commandName, retryAfterMs: verdict.retryAfterMs }, 'rate limited');
        await reply(interaction, { content: rateNotice(verdict.retryAfterMs), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
        return;
      }
    }
    if (mod.defer !== 'none') await deferReply(interaction, mod.defer === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}, ctx.log);
    await mod.execute(interaction, ctx);
  } catch (err) {
    await failed(interaction, ctx, err);
  }
}

/** Logs a handler failure under a fresh id and tells the user, ephemerally, only that id. */
async function failed(interaction: Interaction, ctx: BotContext, err: unknown): Promise<void> {
  const errorId = newErrorId();
  const where = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.isButton() ? 'button' : `interaction ${interaction.type}`;
  ctx.log.error({ errorId, error: describeError(err, ctx.secrets), where, user: interaction.user.id, guild: interaction.guildId }, `handler failed (${errorId})`);
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await respond(interaction, [], ctx.log);
      return;
    }
    if (!interaction.isRepliable()) return;
    await apologise(interaction, errorId, ctx);
  } catch (e) {
    ctx.log.warn({ errorId, error: describeError(e, ctx.secrets) }, 'could not deliver the apology');
  }
}

/**
 * The apology goes where the user looks: a deferred ephemeral reply (and whatever progress it showed)
 * is replaced by it; after a public deferral or a reply it comes as an ephemeral follow-up (a public
 * "thinking…" is removed); otherwise it is the ephemeral reply itself.
 */
async function apologise(interaction: RepliableInteraction, errorId: string, ctx: BotContext): Promise<void> {
  const content = apology(errorId);
  if (interaction.deferred && interaction.ephemeral) {
    await editReply(interaction, { content, embeds: [], components: [], allowedMentions: NO_MENTIONS }, ctx.log);
  } else if (interaction.deferred || interaction.replied) {
    await followUp(interaction, { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
    if (interaction.deferred) await interaction.deleteReply().catch(() => undefined);
  } else {
    await reply(interaction, { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }, ctx.log);
  }
}

/** A DM from a person is a question. Guild messages (no MessageContent intent) and bots are ignored. */
export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  if (message.author.bot || message.system || message.webhookId) return;
  if (message.guildId || message.channel.type !== ChannelType.DM) return;
  try {
    const verdict = ctx.limiter.take(message.author.id);
    if (!verdict.allowed) {
      ctx.log.info({ user: message.author.id, retryAfterMs: verdict.retryAfterMs }, 'rate limited (DM)');
      // A flood gets one notice per lock-out, not one per message.
      if (verdict.firstRefusal) await send(message.channel, { content: rateNotice(verdict.retryAfterMs), allowedMentions: NO_MENTIONS }, ctx.log);
      return;
    }
    await answerDirectMessage(message, ctx);
  } catch (err) {
    const errorId = newErrorId();
    ctx.log.error({ errorId, error: describeError(err, ctx.secrets), where: 'dm', user: message.author.id }, `DM handler failed (${errorId})`);
    try {
      await send(message.channel, { content: apology(errorId), allowedMentions: NO_MENTIONS }, ctx.log);
    } catch (e) {
      ctx.log.warn({ errorId, error: describeError(e, ctx.secrets) }, 'could not deliver the apology');
    }
  }
}
