import type { IndexStore } from '../index/store.ts';
import type { IntakeDeps } from '../intake/deps.ts';
import type { Logger } from '../log.ts';
import type { Pager } from './pagination.ts';
import type { SlidingWindowLimiter } from './ratelimit.ts';

/** What every handler gets: the store that serves, the log, page states and the question limiter. */
export interface BotContext {
  store: IndexStore;
  log: Logger;
  pager: Pager;
  /** Questions per user per minute (commands and DMs; /refresh is exempt). */
  limiter: SlidingWindowLimiter;
  /** Strings that must never reach a log line (the bot token). */
  secrets: readonly string[];
  /** Minimum time between two progress edits of a /refresh reply, in ms. */
  progressEveryMs: number;
  /** Article intake and feeds (/articles, /feeds); unset: those commands say it is not available. */
  intake?: IntakeDeps;
  /** Intakes per server per hour (INTAKE_PER_HOUR). */
  intakeLimiter?: SlidingWindowLimiter;
  /** A command answered within this long of its arrival replies directly; later ones are deferred first (default `ANSWER_WITHIN_MS`, see answer.ts). */
  answerWithinMs?: number;
}
