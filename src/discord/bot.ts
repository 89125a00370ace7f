import type { Config } from '../config.ts';

/** Starts the Discord bot. (Built by the Discord work.) */
export async function startBot(_config: Config): Promise<void> {
  throw new Error('The Discord bot is not available yet; unset DISCORD_TOKEN to use the console.');
}
