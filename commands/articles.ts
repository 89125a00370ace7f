import { ApplicationIntegrationType, type AutocompleteInteraction, type ChatInputCommandInteraction, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import type { Cooldown, DeferMode } from '../src/discord/define.ts';
import { autocompleteArticles, runArticles } from '../src/discord/intake.ts';
import { LIMITS } from '../src/limits.ts';

/**
 * /articles add url:<link> | add file:<attachment> | list [query] | remove article:<title> —
 * moderators only, declared as /refresh is (Manage Server, servers only, guild install) and checked
 * again in code. Deferred (fetching takes time); replies are for the moderator who asked.
 */
export const data = new SlashCommandBuilder()
  .setName('articles')
  .setDescription('Add, list or remove the articles the bot quotes (moderators)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Add a news article from a link or a file (.txt, .md, .html)')
      .addStringOption((o) => o.setName('url').setDescription('Link to the article (http or https)').setMaxLength(LIMITS.maxInputLength))
      .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .txt, .md or .html file')),
  )
  .addSubcommand((s) =>
    s
      .setName('list')
      .setDescription('The articles indexed, with title, outlet and date')
      .addStringOption((o) => o.setName('query').setDescription('Words of the title, outlet or file name').setMaxLength(200).setAutocomplete(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Remove an article from the corpus and the index')
      .addStringOption((o) => o.setName('article').setDescription('The article (type part of its title)').setRequired(true).setMaxLength(200).setAutocomplete(true)),
  );
export const defer: DeferMode = 'ephemeral';
export const cooldown: Cooldown = 'none';
export const execute = (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => runArticles(interaction, ctx);
export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> => autocompleteArticles(interaction, ctx);
