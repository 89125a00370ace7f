import pino from 'pino';

/**
 * The process logger: JSON lines on stderr (stdout belongs to answers in console mode). Secrets are
 * redacted by key wherever they appear in a logged object, scrubbed by value from every line (see
 * `addSecret`), and never passed to it on purpose.
 */
const REDACT_PATHS = ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'];

export type Logger = pino.Logger;

/**
 * Secret values scrubbed from every line whatever carries them: an error message, a URL, a header
 * under an unexpected key. Redaction by key alone misses those.
 */
const secrets = new Set<string>();
let envToken: string | undefined;

/** Registers a secret (the bot token): no log line carries it, nor its last, secret part, from now on. */
export function addSecret(value: string | undefined): void {
  if (!value || value.length < 8) return;
  const last = value.split('.').at(-1)!;
  for (const v of last.length >= 16 && last !== value ? [value, last] : [value]) {
    secrets.add(v);
    secrets.add(JSON.stringify(v).slice(1, -1)); // as it appears inside a JSON string
  }
}

function scrub(line: string): string {
  const env = process.env.DISCORD_TOKEN?.trim();
  if (env !== envToken) {
    envToken = env;
    addSecret(env);
  }
  let out = line;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined, hooks: { streamWrite: scrub } }, destination);
}

export const log: Logger = createLogger();
