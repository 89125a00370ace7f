/**
 * `npm run deploy-commands`: overwrites the bot's slash commands in bulk — in the server
 * DISCORD_GUILD_ID when set (instant, for development), else globally — through the same REST base
 * URL as the bot (DISCORD_API_URL). The application id is DISCORD_APPLICATION_ID, else asked of the API.
 */
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { type APIApplication, REST, Routes } from 'discord.js';
import { OperatorError, parseCommandLine, runEntry } from '../cli.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { commandBodies } from './commands.ts';
import { redact } from './errors.ts';

export interface DeployResult {
  applicationId: string;
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

/** A discord.js REST client on the configured base URL (Discord's own when unset). */
function restFor(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>): REST {
  if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is required to register commands. See .env.example.');
  return new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
}

export async function deployCommands(config: Config, rest: REST = restFor(config)): Promise<DeployResult> {
  const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(applicationId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(applicationId);
  const body = commandBodies();
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { applicationId, scope: config.DISCORD_GUILD_ID ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
}

export const DEPLOY_USAGE = `usage: npm run deploy-commands

Registers the bot's slash commands (overwriting the whole set): in the server DISCORD_GUILD_ID when it
is set (at once, for development), else globally (every server and DM; may take a while to show).
Reads DISCORD_TOKEN (required), DISCORD_APPLICATION_ID and DISCORD_API_URL from .env or the
environment; .env.example describes each.

  -h, --help   this help`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({}, process.argv.slice(2));
  if (values.help) {
    process.stdout.write(`${DEPLOY_USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  let r: DeployResult;
  try {
    r = await deployCommands(config);
  } catch (err) {
    throw deployFailure(err);
  }
  const where = r.scope === 'guild' ? `server ${config.DISCORD_GUILD_ID} (available at once)` : 'every server and DM (global: may take a while to appear)';
  process.stdout.write(`Registered ${r.names.length} commands for application ${r.applicationId} in ${where}: ${r.names.map((n) => `/${n}`).join(', ')}\n`);
  return 0;
}

/** What went wrong, in one line with what to do: a refused token, an unknown server, no network. */
export function deployFailure(err: unknown): Error {
  if (err instanceof ConfigError) return err;
  const status = (err as { status?: number }).status;
  const code = (err as NodeJS.ErrnoException).code ?? (err as { cause?: NodeJS.ErrnoException }).cause?.code;
  const message = redact(err instanceof Error ? err.message : String(err), process.env.DISCORD_TOKEN ? [process.env.DISCORD_TOKEN] : []);
  if (status === 401) return new OperatorError('deploy-commands: Discord refused the token (401). Copy a fresh one from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.');
  if (status === 403 || status === 404)
    return new OperatorError(`deploy-commands: Discord answered ${status} (${message}). Check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot is in that server.`);
  if (status === undefined && code) return new OperatorError(`deploy-commands: cannot reach the Discord API (${code}). Check the network, or DISCORD_API_URL if set.`);
  return new OperatorError(`deploy-commands failed: ${message}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runEntry('npm run deploy-commands', main);
