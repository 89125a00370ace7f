import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import * as articles from '../../commands/articles.ts';
import * as ask from '../../commands/ask.ts';
import * as casualties from '../../commands/casualties.ts';
import * as feeds from '../../commands/feeds.ts';
import * as help from '../../commands/help.ts';
import * as refresh from '../../commands/refresh.ts';
import * as search from '../../commands/search.ts';
import * as sources from '../../commands/sources.ts';
import * as timeline from '../../commands/timeline.ts';
import * as who from '../../commands/who.ts';
import type { CommandModule } from './define.ts';

/** Every slash command, in the order /help lists them (the moderators' last). */
export const COMMAND_MODULES: readonly CommandModule[] = [ask, search, who, casualties, timeline, sources, help, refresh, articles, feeds];

export const commandByName = new Map(COMMAND_MODULES.map((m) => [m.data.name, m]));

/**
 * The registration bodies for a bulk overwrite. `default_member_permissions` is sent as an integer,
 * the type Discord's OpenAPI description gives it (discord.js's builder holds it as a string).
 */
export type CommandBody = Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, 'default_member_permissions'> & { default_member_permissions?: number | null };

export function commandBodies(): CommandBody[] {
  return COMMAND_MODULES.map((m) => {
    const { default_member_permissions: perms, ...body } = m.data.toJSON();
    return perms === undefined ? body : { ...body, default_member_permissions: perms === null ? null : Number(perms) };
  });
}
