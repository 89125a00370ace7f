/**
 * `npm run deploy-commands`: overwrites the bot's slash commands in bulk — in the server
 * DISCORD_GUILD_ID when set (instant, for development), else globally — through the same REST base
 * URL as the bot (DISCORD_API_URL). The application id is DISCORD_APPLICATION_ID, else asked of the API.
 */
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { type APIApplication, REST, Routes } from 'discord.js';
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

async function main(): Promise<void> {
  const config = loadConfig();
  const r = await deployCommands(config);
  const where = r.scope === 'guild' ? `server ${config.DISCORD_GUILD_ID} (available at once)` : 'every server and DM (global: may take a while to appear)';
  process.stdout.write(`Registered ${r.names.length} commands for application ${r.applicationId} in ${where}: ${r.names.map((n) => `/${n}`).join(', ')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    const config = (() => {
      try {
        return loadConfig();
      } catch {
        return undefined;
      }
    })();
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`deploy-commands failed: ${redact(message, config?.DISCORD_TOKEN ? [config.DISCORD_TOKEN] : [])}\n`);
    process.exit(1);
  });
}
