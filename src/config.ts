import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { addSecret } from './log.ts';

/**
 * Configuration from the environment (and `.env`, loaded by the entry points), validated at start.
 * `.env.example` documents every variable. A bad value stops the start with one message naming it.
 */
const Snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const Env = z.object({
  DISCORD_TOKEN: z
    .string()
    .trim()
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three dot-separated parts)')
    .optional(),
  DISCORD_APPLICATION_ID: Snowflake.optional(),
  DISCORD_GUILD_ID: Snowflake.optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8080/api' }).optional(),
  CORPUS_DIR: z.string().min(1).default('seeds'),
  SNAPSHOT_DIR: z.string().min(1).default('.cache/index'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {}

/** Validates the environment. Empty strings count as unset (as a blank line in `.env` means). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    // Never echo the offending value: it may be a secret.
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}. See .env.example.`);
  }
  addSecret(parsed.data.DISCORD_TOKEN);
  return parsed.data;
}

/** The configuration from the environment, with the command line's `--corpus` and `--snapshot-dir` over it. */
export function configWithArgs(values: { corpus?: string | undefined; 'snapshot-dir'?: string | undefined }, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ ...env, ...(values.corpus ? { CORPUS_DIR: values.corpus } : {}), ...(values['snapshot-dir'] ? { SNAPSHOT_DIR: values['snapshot-dir'] } : {}) });
}

/** Where a corpus's snapshot lives: one folder per corpus path under the snapshot folder. */
export function snapshotDirFor(snapshotRoot: string, corpusDir: string): string {
  const id = createHash('sha1').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
  return path.join(snapshotRoot, `${path.basename(path.resolve(corpusDir)).replace(/[^\w.-]/g, '_')}-${id}`);
}
