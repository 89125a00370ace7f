import type { ChatInputCommandInteraction } from 'discord.js';
import { answerCommand } from '../src/discord/answer.ts';
import type { BotContext } from '../src/discord/context.ts';
import { type Cooldown, type DeferMode, questionCommand } from '../src/discord/define.ts';

/** /sources — declared from the command table; answered by the engine, rendered by src/discord. */
export const data = questionCommand('sources');
export const defer: DeferMode = 'none';
export const cooldown: Cooldown = 'questions';
export const execute = (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => answerCommand(interaction, ctx, 'sources');
