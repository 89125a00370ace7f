import pino from 'pino';

/**
 * The process logger: JSON lines on stderr (stdout belongs to answers in console mode). Secrets are
 * redacted by key wherever they appear in a logged object, and never passed to it on purpose.
 */
export const REDACT_PATHS = ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'];

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, destination);
}

export const log: Logger = createLogger();
