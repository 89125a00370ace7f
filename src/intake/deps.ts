import type { Config } from '../config.ts';
import type { IndexStore } from '../index/store.ts';
import type { Logger } from '../log.ts';
import { type FeedEntry, Feeds } from './feeds.ts';
import { policyFor } from './guard.ts';
import type { Added } from './intake.ts';
import { Intake } from './intake.ts';

/** Intake and feeds on one store, as every front end uses them. */
export interface IntakeDeps {
  intake: Intake;
  feeds: Feeds;
}

export function intakeDeps(
  store: IndexStore,
  config: Pick<Config, 'ALLOW_PRIVATE_URLS' | 'FEED_POLL_MINUTES'>,
  log: Logger,
  announce?: (feed: FeedEntry, added: Added[]) => Promise<void>,
): IntakeDeps {
  const refuse = policyFor(config.ALLOW_PRIVATE_URLS);
  const intake = new Intake({ store, log, refuse });
  return { intake, feeds: new Feeds({ intake, log, refuse, pollMinutes: config.FEED_POLL_MINUTES, ...(announce ? { announce } : {}) }) };
}
