import { ApplicationIntegrationType, type ChatInputCommandInteraction, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import type { Cooldown, DeferMode } from '../src/discord/define.ts';
import { runRefresh } from '../src/discord/refresh.ts';

/**
 * /refresh — moderators only: hidden from members without Manage Server, servers only (guild
 * install), and checked again in code. Always deferred (a rebuild can take a while); its replies are
 * for the moderator who asked. Exempt from the question rate limit.
 */
export const data = new SlashCommandBuilder()
  .setName('refresh')
  .setDescription('Re-read the articles folder and rebuild the index (moderators)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
export const defer: DeferMode = 'ephemeral';
export const cooldown: Cooldown = 'none';
export const execute = (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => runRefresh(interaction, ctx);
