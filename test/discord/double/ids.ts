import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

/** A new snowflake: timestamp in the high bits, a process-wide counter in the low ones (unique, increasing). */
export function snowflake(at: number = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | counter).toString();
}

/** An interaction token: opaque, URL-safe, as long as Discord's (the double only compares them). */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

/** A gateway session id. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
