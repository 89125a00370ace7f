import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, waitText } from '../../src/discord/ratelimit.ts';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events per window per user, then says how long to wait', () => {
    const rl = new SlidingWindowLimiter(3, 60_000);
    expect(rl.take('a', 0).allowed).toBe(true);
    expect(rl.take('a', 10_000).allowed).toBe(true);
    expect(rl.take('a', 20_000).allowed).toBe(true);
    const refused = rl.take('a', 30_000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 30_000, firstRefusal: true });
    // Another user is not affected.
    expect(rl.take('b', 30_000).allowed).toBe(true);
  });

  it('slides: room comes back as the oldest event leaves the window, not all at once', () => {
    const rl = new SlidingWindowLimiter(2, 1000);
    rl.take('u', 0);
    rl.take('u', 500);
    expect(rl.take('u', 999).allowed).toBe(false);
    expect(rl.take('u', 1000).allowed).toBe(true); // the event at 0 has left
    const r = rl.take('u', 1200);
    expect(r.allowed).toBe(false);
    if (!r.allowed) expect(r.retryAfterMs).toBe(300); // the event at 500 leaves at 1500
    expect(rl.remaining('u', 1500)).toBe(1);
  });

  it('refused attempts do not extend the lock-out', () => {
    const rl = new SlidingWindowLimiter(1, 1000);
    rl.take('u', 0);
    for (let t = 100; t < 1000; t += 100) expect(rl.take('u', t).allowed).toBe(false);
    expect(rl.take('u', 1000).allowed).toBe(true);
  });

  it('tells a flood once per lock-out (firstRefusal), and again after the next lock-out', () => {
    const rl = new SlidingWindowLimiter(1, 1000);
    rl.take('u', 0);
    const flags = [100, 200, 300].map((t) => rl.take('u', t)).map((r) => !r.allowed && r.firstRefusal);
    expect(flags).toEqual([true, false, false]);
    expect(rl.take('u', 1000).allowed).toBe(true);
    const again = rl.take('u', 1100);
    expect(!again.allowed && again.firstRefusal).toBe(true);
  });

  it('limit 0 disables it', () => {
    const rl = new SlidingWindowLimiter(0);
    for (let i = 0; i < 1000; i++) expect(rl.take('u', 0).allowed).toBe(true);
    expect(rl.enabled).toBe(false);
    expect(rl.size).toBe(0);
  });

  it('forgets idle users when the map grows (bounded memory)', () => {
    const rl = new SlidingWindowLimiter(5, 1000, 100);
    for (let i = 0; i < 100; i++) rl.take(`user${i}`, 0);
    expect(rl.size).toBe(100);
    rl.take('late', 5000); // sweep runs: every earlier user is idle
    expect(rl.size).toBe(1);
  });

  it('rejects a nonsensical configuration', () => {
    expect(() => new SlidingWindowLimiter(-1)).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter(1.5)).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter(1, 0)).toThrow(RangeError);
  });
});

describe('waitText', () => {
  it('rounds up to whole seconds, never 0', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(1000)).toBe('1 second');
    expect(waitText(1001)).toBe('2 seconds');
    expect(waitText(59_500)).toBe('60 seconds');
  });
});
