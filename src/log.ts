import pino from 'pino';

/**
 * The process logger: JSON lines on stderr (stdout belongs to answers in console mode). Secrets are
 * redacted by key wherever they appear in a logged object, scrubbed by value from every line (see
 * `addSecret`), and never passed to it on purpose. The console shows the same records as short human
 * lines instead (`humanLines`); the bot keeps the JSON.
 */
const REDACT_PATHS = ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'];

export type Logger = pino.Logger;

/** The levels LOG_LEVEL may name (pino's own). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A valid level, or `fallback` for anything else (empty, unset, a typo: the configuration check names those). */
export function logLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = value?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : fallback;
}

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

/** `text` with every registered secret (and the environment's DISCORD_TOKEN) replaced by "[redacted]". */
export function scrubSecrets(text: string): string {
  const env = process.env.DISCORD_TOKEN?.trim();
  if (env !== envToken) {
    envToken = env;
    addSecret(env);
  }
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

/** A level name that is not a valid one (empty, "verbose") means the default: pino would throw on it. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level: logLevel(level), redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined, hooks: { streamWrite: scrubSecrets } }, destination);
}

const LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * A destination that writes each log record as one short human line ("warning: corpus: a.txt: empty
 * file; skipped") to `write`: what the console shows on stderr between answers. An error's stack is
 * shown only at debug level and below (`showStacks`).
 */
export function humanLines(write: (line: string) => void, showStacks = false): pino.DestinationStream {
  return {
    write(chunk: string) {
      for (const json of chunk.split('\n')) {
        if (!json.trim()) continue;
        let rec: { level?: number; msg?: string; err?: { message?: string; stack?: string }; error?: unknown };
        try {
          rec = JSON.parse(json);
        } catch {
          write(json);
          continue;
        }
        const label = LABELS[rec.level ?? 30] ?? 'log';
        const detail = rec.err?.message && !rec.msg?.includes(rec.err.message) ? ` (${rec.err.message})` : '';
        write(`${label}: ${(rec.msg ?? '').replace(/\s+/g, ' ')}${detail}`);
        if (showStacks && rec.err?.stack) write(rec.err.stack);
      }
    },
  };
}

/** A logger for a console front end: human lines on stderr; `info` there means warnings and worse. */
export function consoleLogger(level: LogLevel, write: (line: string) => void = (l) => void process.stderr.write(`${l}\n`)): Logger {
  const effective = level === 'info' ? 'warn' : level;
  return createLogger(effective, humanLines(write, effective === 'debug' || effective === 'trace'));
}

export const log: Logger = createLogger();
