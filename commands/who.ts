import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { answerCommand } from '../src/discord/answer.ts';
import { autocompletePeople } from '../src/discord/autocomplete.ts';
import type { BotContext } from '../src/discord/context.ts';
import { type Cooldown, type DeferMode, questionCommand } from '../src/discord/define.ts';

/** /who [name] — with autocomplete over the people the articles mention. */
export const data = questionCommand('who', { autocomplete: true });
export const defer: DeferMode = 'none';
export const cooldown: Cooldown = 'questions';
export const execute = (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => answerCommand(interaction, ctx, 'who');
export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> => autocompletePeople(interaction, ctx);
