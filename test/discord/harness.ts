import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Config, loadConfig, snapshotDirFor } from '../../src/config.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { type RunningBot, startBot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { IndexStore } from '../../src/index/store.ts';
import { memoryLogger, tempCorpus } from '../helpers/corpus.ts';
import { type DiscordDouble, type StoredMessage, startDiscordDouble } from './double/index.ts';

/**
 * One end-to-end setup: a Discord double on a free port, a temporary copy of the seed corpus (plus
 * any extra article), the commands registered with the project's own deploy function, and the real
 * bot from `startBot` talking to the double. Logs are kept in memory for assertions.
 */

/**
 * A store with two test hooks and no product edit: its serving index can be made to fail for the
 * next N reads (a handler error), and reading the corpus can be held at a gate (a long refresh).
 */
export class FaultyStore extends IndexStore {
  failNext = 0;
  /** While set, corpus reads wait for it (a refresh stays "running"). */
  readGate: Promise<void> | undefined;

  override get index() {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('injected failure: the index could not be read');
    }
    return super.index;
  }
}

export interface Harness {
  double: DiscordDouble;
  bot: RunningBot;
  store: FaultyStore;
  config: Config;
  corpusDir: string;
  logs: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra article files written into the temp corpus before the bot starts (name → text). */
  articles?: Record<string, string>;
  /** Extra environment (e.g. RATE_LIMIT_PER_MINUTE). The question limit is off unless set here. */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const double = await startDiscordDouble();
  const corpus = await tempCorpus();
  for (const [name, text] of Object.entries(options.articles ?? {})) await writeFile(path.join(corpus.dir, name), text);
  const config = loadConfig({
    DISCORD_TOKEN: double.token,
    DISCORD_API_URL: double.apiUrl,
    CORPUS_DIR: corpus.dir,
    SNAPSHOT_DIR: path.join(corpus.root, 'snapshots'),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logs = memoryLogger();
  const store: FaultyStore = new FaultyStore({
    corpusDir: config.CORPUS_DIR,
    snapshotDir: snapshotDirFor(config.SNAPSHOT_DIR, config.CORPUS_DIR),
    log: logs.log,
    io: {
      readCorpus: async (dir, fs, opts) => {
        await store.readGate;
        return readCorpus(dir, fs, opts);
      },
    },
  });
  await store.open();
  await deployCommands(config);
  const harness: Harness = {
    double,
    bot: await startBot(config, { store, log: logs.log }),
    store,
    config,
    corpusDir: corpus.dir,
    logs,
    async stop() {
      // The bot may have been replaced (a restart test): stop the one running now.
      await harness.bot.stop();
      await double.close();
      await corpus.cleanup();
    },
  };
  return harness;
}

/** The text a user reads in a message: content, then each embed's title, description, fields and footer. */
export function textOf(m: StoredMessage): string {
  const parts = [m.content];
  for (const e of m.embeds as { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[]) {
    parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** Undoes Discord markdown escaping (a backslash before punctuation), to compare with article text. */
export const unescapeMarkdown = (s: string): string => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The quotes of a rendered answer: every block-quote line (`> …`), unescaped, without a trailing "…" cut mark. */
export function quotesOf(m: StoredMessage): string[] {
  return textOf(m)
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) => unescapeMarkdown(l.slice(2)).replace(/…$/, ''));
}

/** The corpus's article texts, with white space flattened as the renderer flattens it. */
export async function corpusTexts(dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt'));
  return Promise.all(files.map(async (f) => (await readFile(path.join(dir, f), 'utf8')).replace(/\s+/g, ' ')));
}

/** The custom ids of a message's buttons, in order. */
export function buttonsOf(m: StoredMessage): { customId: string; label: string; disabled: boolean }[] {
  return (m.components as { components?: { custom_id?: string; label?: string; disabled?: boolean }[] }[]).flatMap((row) =>
    (row.components ?? []).map((b) => ({ customId: b.custom_id ?? '', label: b.label ?? '', disabled: Boolean(b.disabled) })),
  );
}

/** Every body the bot wrote, on any route that creates or edits a message. */
export function messageWrites(double: DiscordDouble): Record<string, unknown>[] {
  return double.rest.requests
    .filter((r) => r.status < 300 && r.body && typeof r.body === 'object' && /\/(callback|messages(\/[^/]+)?|webhooks\/\d+\/[^/]+)$/.test(r.route) && r.method !== 'GET')
    .map((r) => (r.route.endsWith('/callback') ? ((r.body as { data?: Record<string, unknown> }).data ?? {}) : (r.body as Record<string, unknown>)))
    .filter((b) => 'content' in b || 'embeds' in b);
}
