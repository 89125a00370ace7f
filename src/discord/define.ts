import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import { commandSpec } from '../answers/catalog.ts';
import type { CommandName } from '../answers/types.ts';
import { LIMITS } from '../limits.ts';
import type { BotContext } from './context.ts';

/**
 * The shape of a command module (`commands/*.ts`): its declaration, how the router acknowledges it,
 * which per-user limit it counts against, and its handlers. The router reads `defer` and `cooldown`
 * before calling `execute`, so a command file only declares and delegates.
 */

/** `none`: the handler replies itself (fast answers); `ephemeral` / `public`: deferred before `execute`. */
export type DeferMode = 'none' | 'ephemeral' | 'public';
/** `questions`: counts against RATE_LIMIT_PER_MINUTE; `none`: exempt (moderator /refresh). */
export type Cooldown = 'questions' | 'none';

export interface CommandModule {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  defer: DeferMode;
  cooldown: Cooldown;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** The option every user command has: answer only the asker. */
export const HIDE_OPTION = 'hide';

/** Where user commands work: servers, DMs with the bot, group DMs (user install). */
const USER_CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
const USER_INTEGRATIONS = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];

/**
 * A user command from the command table (`src/answers/catalog.ts`): its one text argument (with
 * Discord's `max_length` set to the bot's input limit) and the `hide` option, usable everywhere.
 */
export function questionCommand(name: CommandName, opts: { autocomplete?: boolean } = {}): SlashCommandOptionsOnlyBuilder {
  const spec = commandSpec(name);
  if (!spec) throw new Error(`no such command in the catalog: ${name}`);
  let builder: SlashCommandOptionsOnlyBuilder = new SlashCommandBuilder()
    .setName(spec.name)
    .setDescription(spec.description)
    .setContexts(USER_CONTEXTS)
    .setIntegrationTypes(USER_INTEGRATIONS);
  const arg = spec.argument;
  if (arg) {
    builder = builder.addStringOption((o) =>
      o
        .setName(arg.name)
        .setDescription(arg.description)
        .setRequired(arg.required)
        .setMaxLength(LIMITS.maxInputLength)
        .setAutocomplete(opts.autocomplete ?? false),
    );
  }
  return builder.addBooleanOption((o) => o.setName(HIDE_OPTION).setDescription('Show the answer only to you').setRequired(false));
}
