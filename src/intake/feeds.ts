import { parseFeed } from 'feedsmith';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import { fetchText } from './fetch.ts';
import { type AddressPolicy, IntakeError } from './guard.ts';
import type { Added, Intake, Requester } from './intake.ts';
import { isoPublished } from './meta.ts';
import { readIfThere, writeAtomic } from './write.ts';

/**
 * Feeds (RSS, Atom, RDF, JSON Feed; parsed by feedsmith): a list kept in `feeds.json` in the corpus
 * folder (written atomically), polled every FEED_POLL_MINUTES with conditional GET (ETag /
 * Last-Modified); each new item's link goes through the same intake as a moderator's link. A feed
 * that fails waits longer each time (doubling, at most a day). What was seen, the validators and
 * when each feed is next due are in the file, so polling resumes after a restart where it stopped.
 */

export const FEEDS_FILE = 'feeds.json';
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/json', 'application/xml', 'text/xml', 'text/plain'];
/** Items a feed remembers as seen (newest kept), and items indexed per poll (the rest wait for the next). */
const MAX_SEEN = 1000;
const MAX_PER_POLL = 20;
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

export interface FeedEntry {
  url: string;
  title?: string;
  /** Discord channel to announce new articles in (none: no announcement). */
  channel?: string;
  guild?: string;
  addedBy: string;
  addedAt: string;
  etag?: string;
  lastModified?: string;
  /** Item ids (guid or link) already taken. */
  seen: string[];
  lastPolled?: string;
  nextPollAt?: string;
  failures: number;
  lastError?: string;
}

export interface FeedItem {
  id: string;
  link: string;
  title?: string;
  published?: string;
}

export interface PollResult {
  feed: string;
  status: 'new' | 'unchanged' | 'failed';
  added: Added[];
  duplicates: number;
  failed: { link: string; reason: string }[];
  error?: string;
}

export interface FeedsOptions {
  intake: Intake;
  log: Logger;
  refuse: AddressPolicy;
  pollMinutes: number;
  timeoutMs?: number;
  /** Called after a poll indexed new articles of a feed with a channel. */
  announce?: (feed: FeedEntry, added: Added[]) => Promise<void>;
  now?: () => number;
}

/** The items of a feed document, newest first where dates say so. */
export function feedItems(text: string, contentType = ''): { title?: string; items: FeedItem[] } {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    const trimmed = text.trim();
    parsed = parseFeed(trimmed.startsWith('{') || contentType.includes('json') ? JSON.parse(trimmed) : trimmed);
  } catch {
    throw new IntakeError('Not a feed: the document is neither RSS, Atom nor JSON Feed.');
  }
  const items: FeedItem[] = [];
  let title: string | undefined;
  const push = (id: string | undefined, link: string | undefined, t: string | undefined, date: string | undefined) => {
    if (!link || !/^https?:/i.test(link)) return;
    const item: FeedItem = { id: id || link, link };
    if (t) item.title = t;
    const p = isoPublished(date);
    if (p) item.published = p;
    items.push(item);
  };
  if (parsed.format === 'rss' || parsed.format === 'rdf') {
    const f = parsed.feed as { title?: string; items?: { title?: string; link?: string; guid?: { value?: string }; pubDate?: string; dc?: { date?: string } }[] };
    title = f.title;
    for (const i of f.items ?? []) push(i.guid?.value, i.link, i.title, i.pubDate ?? i.dc?.date);
  } else if (parsed.format === 'atom') {
    const f = parsed.feed as { title?: { value?: string } | string; entries?: { id?: string; title?: { value?: string } | string; links?: { href?: string; rel?: string }[]; published?: string; updated?: string }[] };
    title = typeof f.title === 'string' ? f.title : f.title?.value;
    for (const e of f.entries ?? []) {
      const link = (e.links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
      push(e.id, link, typeof e.title === 'string' ? e.title : e.title?.value, e.published ?? e.updated);
    }
  } else {
    const f = parsed.feed as { title?: string; items?: { id?: string; url?: string; title?: string; date_published?: string }[] };
    title = f.title;
    for (const i of f.items ?? []) push(i.id, i.url, i.title, i.date_published);
  }
  items.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  return { ...(title ? { title } : {}), items };
}

export class Feeds {
  readonly options: FeedsOptions;
  #write: Promise<unknown> = Promise.resolve();
  #polling: Promise<PollResult[]> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: FeedsOptions) {
    this.options = options;
  }

  get #dir(): string {
    return this.options.intake.options.store.options.corpusDir;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async list(): Promise<FeedEntry[]> {
    const raw = await readIfThere(this.#dir, FEEDS_FILE);
    if (!raw) return [];
    try {
      const json = JSON.parse(raw) as { feeds?: FeedEntry[] };
      return Array.isArray(json.feeds) ? json.feeds.filter((f) => typeof f?.url === 'string').map((f) => ({ ...f, seen: Array.isArray(f.seen) ? f.seen : [], failures: f.failures ?? 0 })) : [];
    } catch {
      throw new IntakeError(`${FEEDS_FILE} is malformed JSON; fix it or remove it before changing feeds.`);
    }
  }

  /** Changes the list alone (one change at a time), read fresh and written atomically. */
  #update<T>(change: (feeds: FeedEntry[]) => T | Promise<T>): Promise<T> {
    const run = this.#write.then(async () => {
      const feeds = await this.list();
      const out = await change(feeds);
      await writeAtomic(this.#dir, FEEDS_FILE, `${JSON.stringify({ feeds }, null, 2)}\n`);
      return out;
    });
    this.#write = run.catch(() => undefined);
    return run;
  }

  /** Adds a feed (checked by fetching it: it must parse), then polls it at once. */
  async add(url: string, who: Requester, channel?: string): Promise<{ feed: FeedEntry; poll: PollResult }> {
    const first = await this.#fetch(url, {});
    const parsed = feedItems(first.text, first.contentType);
    const feed = await this.#update((feeds) => {
      if (feeds.some((f) => f.url === url || f.url === first.url)) throw new IntakeError(`That feed is already followed: ${url}`);
      const entry: FeedEntry = { url, addedBy: who.moderator, addedAt: new Date(this.#now()).toISOString(), seen: [], failures: 0 };
      if (parsed.title) entry.title = parsed.title;
      if (channel) entry.channel = channel;
      if (who.guild) entry.guild = who.guild;
      feeds.push(entry);
      return entry;
    });
    this.options.log.info({ moderator: who.moderator, guild: who.guild ?? null, url }, `feeds: added ${url}`);
    return { feed, poll: await this.pollOne(url) };
  }

  async remove(url: string, who: Requester): Promise<FeedEntry> {
    const gone = await this.#update((feeds) => {
      const i = feeds.findIndex((f) => f.url === url);
      if (i < 0) throw new IntakeError(`No feed ${url} is followed (see /feeds list).`);
      return feeds.splice(i, 1)[0]!;
    });
    this.options.log.info({ moderator: who.moderator, guild: who.guild ?? null, url }, `feeds: removed ${url}`);
    return gone;
  }

  #fetch(url: string, headers: Record<string, string>) {
    return fetchText(url, { timeoutMs: this.options.timeoutMs ?? LIMITS.fetchTimeoutMs, maxBytes: LIMITS.maxPageBytes, refuse: this.options.refuse, accept: FEED_TYPES, headers, what: 'a feed' });
  }

  /** Polls every feed that is due (all of them with `all`); one poll at a time. */
  poll(all = true): Promise<PollResult[]> {
    this.#polling ??= (async () => {
      try {
        const now = this.#now();
        const due = (await this.list()).filter((f) => all || !f.nextPollAt || Date.parse(f.nextPollAt) <= now);
        const out: PollResult[] = [];
        for (const f of due) out.push(await this.#pollFeed(f.url));
        return out;
      } finally {
        this.#polling = undefined;
      }
    })();
    return this.#polling;
  }

  /** Polls one feed now. */
  async pollOne(url: string): Promise<PollResult> {
    return this.#pollFeed(url);
  }

  async #pollFeed(url: string): Promise<PollResult> {
    const feed = (await this.list()).find((f) => f.url === url);
    const result: PollResult = { feed: url, status: 'unchanged', added: [], duplicates: 0, failed: [] };
    if (!feed) return { ...result, status: 'failed', error: 'not followed' };
    const who: Requester = { moderator: feed.addedBy, guild: feed.guild ?? null, via: 'feed' };
    let validators: { etag?: string; lastModified?: string } = {};
    let taken: string[] = [];
    try {
      const headers: Record<string, string> = {};
      if (feed.etag) headers['if-none-match'] = feed.etag;
      if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
      const res = await this.#fetch(url, headers);
      validators = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
      if (res.status !== 304) {
        const seen = new Set(feed.seen);
        const fresh = feedItems(res.text, res.contentType).items.filter((i) => !seen.has(i.id));
        for (const item of fresh.slice(0, MAX_PER_POLL)) {
          try {
            const r = await this.options.intake.addUrl(item.link, who, item.published ? { published: item.published } : {});
            if (r.status === 'added') result.added.push(r);
            else result.duplicates++;
          } catch (err) {
            result.failed.push({ link: item.link, reason: (err as Error).message });
          }
          taken.push(item.id);
        }
        result.status = 'new';
      }
    } catch (err) {
      result.status = 'failed';
      result.error = (err as Error).message;
      taken = [];
    }
    await this.#update((feeds) => {
      const f = feeds.find((x) => x.url === url);
      if (!f) return;
      const now = this.#now();
      f.lastPolled = new Date(now).toISOString();
      if (result.status === 'failed') {
        f.failures = (f.failures ?? 0) + 1;
        f.lastError = result.error!;
        f.nextPollAt = new Date(now + Math.min(MAX_BACKOFF_MS, this.options.pollMinutes * 60_000 * 2 ** f.failures)).toISOString();
      } else {
        f.failures = 0;
        delete f.lastError;
        Object.assign(f, validators);
        f.seen = [...taken, ...f.seen].slice(0, MAX_SEEN);
        f.nextPollAt = new Date(now + this.options.pollMinutes * 60_000).toISOString();
      }
    });
    if (result.status === 'failed') this.options.log.warn({ url, reason: result.error }, `feeds: poll failed for ${url}`);
    else this.options.log.info({ url, added: result.added.length, duplicates: result.duplicates, failed: result.failed.length }, `feeds: polled ${url}`);
    if (result.added.length && feed.channel && this.options.announce) await this.options.announce(feed, result.added).catch((err) => this.options.log.warn({ err, url }, 'feeds: announcement failed'));
    return result;
  }

  /** Polls due feeds once a minute (each feed on its own schedule, kept in feeds.json) until `stop`. */
  start(): void {
    if (this.#timer) return;
    const tick = () => void this.poll(false).catch((err) => this.options.log.warn({ err }, 'feeds: poll failed'));
    this.#timer = setInterval(tick, 60_000);
    this.#timer.unref();
    setImmediate(tick);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling?.catch(() => undefined);
  }
}
