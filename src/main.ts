/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the interactive console otherwise.
 * Options: --corpus DIR (or CORPUS_DIR), --snapshot-dir DIR (or SNAPSHOT_DIR).
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, configWithArgs } from './config.ts';
import { openStore } from './console/open.ts';
import { runConsole } from './console/repl.ts';
import { createLogger } from './log.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, 'snapshot-dir': { type: 'string' } } });
  const config = configWithArgs(values);
  if (config.DISCORD_TOKEN) {
    const { startBot, stopOnSignals } = await import('./discord/bot.ts');
    const log = createLogger(config.LOG_LEVEL);
    stopOnSignals(await startBot(config, { log }), log);
    return;
  }
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const store = await openStore(config, log);
  // Ready the first /refresh while the user types; stopped when the console closes.
  const closing = new AbortController();
  void store.warmUp(closing.signal);
  await runConsole(store);
  closing.abort();
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `start failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
