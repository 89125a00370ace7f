/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the interactive console otherwise.
 * Options: --corpus DIR (or CORPUS_DIR), --snapshot-dir DIR (or SNAPSHOT_DIR); --help.
 */
import 'dotenv/config';
import { parseCommandLine, runEntry } from './cli.ts';
import { configWithArgs } from './config.ts';
import { openStore } from './console/open.ts';
import { progressBar } from './console/progress.ts';
import { intakeDeps } from './console/intake.ts';
import { runConsole } from './console/repl.ts';
import type { RunningBot } from './discord/bot.ts';
import { startHealthServer } from './health.ts';
import { consoleLogger, createLogger } from './log.ts';

export const START_USAGE = `usage: npm start -- [--corpus DIR] [--snapshot-dir DIR]

Without DISCORD_TOKEN: an interactive console on the articles in DIR (type /help there).
With DISCORD_TOKEN set (in .env or the environment): the Discord bot, until Ctrl-C or SIGTERM.

  --corpus DIR        the folder of .txt articles (default: CORPUS_DIR, else seeds)
  --snapshot-dir DIR  where the index snapshot is kept (default: SNAPSHOT_DIR, else .cache/index)
  -h, --help          this help

Every variable is described in .env.example.`;

async function main(): Promise<number | undefined> {
  const { values } = parseCommandLine({ corpus: { type: 'string' }, 'snapshot-dir': { type: 'string' } }, process.argv.slice(2));
  if (values.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  const config = configWithArgs(values);
  if (config.DISCORD_TOKEN) {
    const { startBot, stopOnSignals } = await import('./discord/bot.ts');
    const log = createLogger(config.LOG_LEVEL);
    // The health endpoint answers from the start ("starting"), so a service manager can tell a slow
    // first build from a dead process.
    let running: RunningBot | undefined;
    let stopping = false;
    const health = config.HEALTH_PORT
      ? await startHealthServer(config.HEALTH_PORT, () => {
          if (stopping) return { status: 'stopping' };
          if (!running) return { status: 'starting' };
          const index = running.store.index;
          return { status: running.client.isReady() ? 'serving' : 'reconnecting', articles: index.articles.size, sentences: index.sentences.length };
        })
      : undefined;
    if (health) log.info({ port: health.port }, `health endpoint on http://127.0.0.1:${health.port}/health`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopping = true;
      });
    }
    // A signal while the login is being retried (no network) stops the retries and exits quietly.
    const starting = new AbortController();
    const stopStarting = () => starting.abort();
    process.once('SIGINT', stopStarting);
    process.once('SIGTERM', stopStarting);
    try {
      running = await startBot(config, { log, signal: starting.signal });
      stopOnSignals(running, log);
    } catch (err) {
      await health?.close();
      if (starting.signal.aborted) return 0;
      throw err;
    } finally {
      process.off('SIGINT', stopStarting);
      process.off('SIGTERM', stopStarting);
    }
    return undefined;
  }
  const log = consoleLogger(config.LOG_LEVEL);
  const bar = progressBar();
  const store = await openStore(config, log, { onProgress: (p) => bar.update(p) }).finally(() => bar.stop());
  // Ready the first /refresh while the user types; stopped when the console closes.
  const closing = new AbortController();
  void store.warmUp(closing.signal);
  // Feeds are polled on their schedule while the console is open (see src/intake/feeds.ts).
  const intake = intakeDeps(store, config, log);
  intake.feeds.start();
  await runConsole(store, process.stdin, process.stdout, { progress: bar, intake });
  closing.abort();
  await intake.feeds.stop();
  return 0;
}

runEntry('npm start', main);
