/**
 * Per-user sliding-window rate limit: at most `limit` events in any `windowMs` span per key. Pure
 * (the caller passes the clock), in memory, and bounded: idle keys are swept as the map grows.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

export class SlidingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Times of the allowed events in the current window, oldest first, by key. */
  readonly #hits = new Map<string, number[]>();
  /** Keys already told to wait during their current lock-out (so a flood gets one notice, not one per message). */
  readonly #told = new Set<string>();
  readonly #sweepAt: number;

  /** `limit` 0 disables the limit: every event is allowed. */
  constructor(limit: number, windowMs = 60_000, sweepAt = 10_000) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError('limit must be a non-negative integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limit = limit;
    this.windowMs = windowMs;
    this.#sweepAt = sweepAt;
  }

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Records one event for `key` at `now` if the window has room; otherwise says how long to wait. */
  take(key: string, now: number = Date.now()): RateDecision {
    if (!this.enabled) return { allowed: true };
    if (this.#hits.size >= this.#sweepAt) this.sweep(now);
    const hits = this.#live(key, now);
    if (hits.length < this.limit) {
      hits.push(now);
      this.#hits.set(key, hits);
      this.#told.delete(key);
      return { allowed: true };
    }
    const firstRefusal = !this.#told.has(key);
    this.#told.add(key);
    // The oldest hit leaves the window at oldest + windowMs; only then is there room again.
    return { allowed: false, retryAfterMs: Math.max(1, hits[0]! + this.windowMs - now), firstRefusal };
  }

  /** How many more events `key` may have right now (Infinity when disabled). */
  remaining(key: string, now: number = Date.now()): number {
    if (!this.enabled) return Number.POSITIVE_INFINITY;
    return this.limit - this.#live(key, now).length;
  }

  /** Drops every key with no event inside the window. */
  sweep(now: number = Date.now()): void {
    for (const [key, hits] of this.#hits) {
      if (!hits.length || hits[hits.length - 1]! <= now - this.windowMs) {
        this.#hits.delete(key);
        this.#told.delete(key);
      }
    }
  }

  /** Number of keys held (for tests and memory checks). */
  get size(): number {
    return this.#hits.size;
  }

  #live(key: string, now: number): number[] {
    const hits = this.#hits.get(key) ?? [];
    let drop = 0;
    while (drop < hits.length && hits[drop]! <= now - this.windowMs) drop++;
    if (drop) hits.splice(0, drop);
    return hits;
  }
}

/** "12 seconds" for a wait in milliseconds (rounded up: never tell someone to wait 0 seconds). */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
}
