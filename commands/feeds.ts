import { ApplicationIntegrationType, type AutocompleteInteraction, ChannelType, type ChatInputCommandInteraction, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import type { Cooldown, DeferMode } from '../src/discord/define.ts';
import { autocompleteFeeds, runFeeds } from '../src/discord/intake.ts';
import { LIMITS } from '../src/limits.ts';

/**
 * /feeds add url:<feed> [channel] | list | remove feed:<url> — moderators only, declared as /refresh
 * is and checked again in code. New items are indexed as they appear; with a channel, each poll
 * that added some says so there ("3 new articles indexed: …"), pinging nobody.
 */
export const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('Follow RSS, Atom or JSON feeds: new items are added as articles (moderators)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Follow a feed; its items are added now and as new ones appear')
      .addStringOption((o) => o.setName('url').setDescription('The feed URL (RSS, Atom or JSON Feed)').setRequired(true).setMaxLength(LIMITS.maxInputLength))
      .addChannelOption((o) => o.setName('channel').setDescription('Where to announce new articles').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)),
  )
  .addSubcommand((s) => s.setName('list').setDescription('The feeds this server follows'))
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Stop following a feed (its articles stay)')
      .addStringOption((o) => o.setName('feed').setDescription('The feed').setRequired(true).setMaxLength(LIMITS.maxInputLength).setAutocomplete(true)),
  );
export const defer: DeferMode = 'ephemeral';
export const cooldown: Cooldown = 'none';
export const execute = (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => runFeeds(interaction, ctx);
export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> => autocompleteFeeds(interaction, ctx);
