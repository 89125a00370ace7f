import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * What a user sees when a handler fails (a short apology with an id) and what the log gets (the
 * details under the same id). Nothing from an error — stack, path, token — ever reaches a reply.
 */

/** A fresh error id: 8 hex characters, quoted to the user and logged with the details. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

export function apology(errorId: string): string {
  return `Sorry, something went wrong on my side while answering that. The error id is \`${errorId}\` — a moderator can find the details in the bot's log.`;
}

/** Webhook and interaction tokens sit in REST URLs (`/webhooks/{app}/{token}`, `/interactions/{id}/{token}`). */
const URL_TOKENS = /\/(webhooks|interactions)\/(\d+)\/[\w.-]+/g;

/**
 * Removes secrets from text headed for a log line: the bot token (and its base64 user-id part, which
 * discord.js never prints but a proxy might), and interaction/webhook tokens in REST URLs.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_TOKENS, '/$1/$2/[redacted]');
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

/** A plain, secret-free object describing an error, for `log.error({ err: ... })`. */
export function describeError(err: unknown, secrets: readonly string[] = []): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: redact(String(err), secrets) };
  const e = err as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: redact(e.message, secrets) };
  if (e.stack) out.stack = redact(e.stack, secrets);
  if (e.code !== undefined) out.code = e.code;
  if (e.status !== undefined) out.status = e.status;
  if (typeof e.method === 'string') out.method = e.method;
  if (typeof e.url === 'string') out.url = redact(e.url, secrets);
  if (e.cause !== undefined) out.cause = describeError(e.cause, secrets);
  return out;
}

/** Absolute file paths in a message shown to users become their last part ("/srv/corpus/a.txt" → "a.txt"). */
export function stripPaths(text: string): string {
  return text.replace(/(?<=^|[\s('"])(?:[A-Za-z]:)?(?:[\\/][^\\/\s:;,()'"]+){2,}/g, (p) => path.basename(p.replace(/\\/g, '/')));
}
