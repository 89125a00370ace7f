import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { addSecret, LOG_LEVELS } from './log.ts';

/**
 * Configuration from the environment (and `.env`, loaded by the entry points), validated at start.
 * `.env.example` documents every variable. A bad value stops the start with one message naming it.
 */
const WHOLE = 'must be a whole number from 0 to 10000 (0 disables the limit)';
const MINUTES = 'must be a whole number of minutes from 1 to 1440';
const PORT = 'must be a port number from 1 to 65535';
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
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: WHOLE }).int({ error: WHOLE }).min(0, { error: WHOLE }).max(10_000, { error: WHOLE }).default(10),
  HEALTH_PORT: z.coerce.number({ error: PORT }).int({ error: PORT }).min(1, { error: PORT }).max(65_535, { error: PORT }).optional(),
  ALLOW_PRIVATE_URLS: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false'], { error: 'must be true or false' })).default('false').transform((v) => v === 'true'),
  FEED_POLL_MINUTES: z.coerce.number({ error: MINUTES }).int({ error: MINUTES }).min(1, { error: MINUTES }).max(1440, { error: MINUTES }).default(15),
  INTAKE_PER_HOUR: z.coerce.number({ error: WHOLE }).int({ error: WHOLE }).min(0, { error: WHOLE }).max(10_000, { error: WHOLE }).default(30),
  LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })).default('info'),
});

export type Config = z.infer<typeof Env>;

/** A configuration the process cannot start with; the message names the variables, never their values. */
export class ConfigError extends Error {}

/**
 * Validates the environment. Empty strings count as unset (as a blank line in `.env` means): the
 * default applies. A bad value stops with one line per variable naming it and what it may be.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    // Never echo the offending value: it may be a secret.
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const i of parsed.error.issues) {
      const name = i.path.join('.');
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(`Invalid configuration: ${name} ${i.message} (see .env.example).`);
    }
    throw new ConfigError(lines.join('\n'));
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
