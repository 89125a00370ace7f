import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexStore } from '../src/index/store.ts';
import { type FeedEntry, Feeds, feedItems } from '../src/intake/feeds.ts';
import { isPrivateAddress } from '../src/intake/guard.ts';
import { type Added, Intake } from '../src/intake/intake.ts';
import { memoryLogger, tempCorpus } from './helpers/corpus.ts';
import { hasNewsPages, startSite, type TestSite } from './helpers/web.ts';

/**
 * Feeds: a local RSS feed listing some of the saved news pages is polled (its items indexed), polled
 * again unchanged (a conditional GET answered 304), given a new item and polled again (only that
 * one indexed, announced), survives a failure with backoff, and resumes from feeds.json after a restart.
 */

const rss = (base: string, pages: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test News</title><link>${base}/</link><description>Pages</description>
${pages.map((p, i) => `<item><title>${p}</title><link>${base}/news/${p}/</link><guid>${base}/news/${p}/</guid><pubDate>Mon, 0${i + 1} Jan 2024 10:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

describe('feed documents', () => {
  it('RSS, Atom and JSON Feed give their items (newest first)', () => {
    expect(feedItems(rss('http://x', ['a', 'b'])).items.map((i) => i.link)).toEqual(['http://x/news/b/', 'http://x/news/a/']);
    const atom = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2024-01-02T00:00:00Z</updated><entry><title>E</title><id>urn:e</id><link href="http://x/e"/><updated>2024-01-02T00:00:00Z</updated></entry></feed>';
    expect(feedItems(atom)).toEqual({ title: 'A', items: [{ id: 'urn:e', link: 'http://x/e', title: 'E', published: '2024-01-02T00:00:00Z' }] });
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: 'http://x/j', title: 'J1', date_published: '2024-01-03T00:00:00Z' }] });
    expect(feedItems(json, 'application/feed+json').items).toEqual([{ id: '1', link: 'http://x/j', title: 'J1', published: '2024-01-03T00:00:00Z' }]);
    expect(() => feedItems('<html><body>no</body></html>')).toThrow(/Not a feed/);
  });
});

let site: TestSite;
let corpus: Awaited<ReturnType<typeof tempCorpus>>;
let store: IndexStore;
let feeds: Feeds;
let clock = Date.parse('2024-06-01T12:00:00Z');
const logs = memoryLogger();
const announced: { feed: FeedEntry; added: Added[] }[] = [];
let listed = ['bbc-1', 'guardian-1'];
const refuse = (ip: string) => ip !== '127.0.0.1' && isPrivateAddress(ip);

function newFeeds(intake: Intake) {
  return new Feeds({ intake, log: logs.log, refuse, pollMinutes: 15, timeoutMs: 2_000, now: () => clock, announce: async (feed, added) => void announced.push({ feed, added }) });
}

beforeAll(async () => {
  site = await startSite();
  site.route('/feed.xml', () => ({ type: 'application/rss+xml; charset=utf-8', body: rss(site.base, listed) }));
  site.route('/broken.xml', { status: 503, type: 'text/plain', body: 'down' });
  corpus = await tempCorpus();
  store = new IndexStore({ corpusDir: corpus.dir, snapshotDir: path.join(corpus.root, 'snap'), log: logs.log });
  await store.open();
  feeds = newFeeds(new Intake({ store, log: logs.log, refuse, timeoutMs: 2_000 }));
});
afterAll(async () => {
  await site?.close();
  await corpus?.cleanup();
});

const feedsFile = async () => JSON.parse(await readFile(path.join(corpus.dir, 'feeds.json'), 'utf8')) as { feeds: FeedEntry[] };

describe.skipIf(!hasNewsPages)('following a feed', () => {
  it('/feeds add checks the feed, records it, and polls it at once: its items are indexed', async () => {
    const { feed, poll } = await feeds.add(site.url('/feed.xml'), { moderator: '111', guild: '222' }, '333');
    expect(feed).toMatchObject({ url: site.url('/feed.xml'), title: 'Test News', channel: '333', addedBy: '111' });
    expect(poll.status).toBe('new');
    expect(poll.added.map((a) => a.url).sort()).toEqual([site.url('/news/bbc-1/'), site.url('/news/guardian-1/')]);
    for (const a of poll.added) expect(store.index.articles.has(a.file)).toBe(true);
    expect(announced).toHaveLength(1);
    const saved = (await feedsFile()).feeds[0]!;
    expect(saved.seen).toHaveLength(2);
    expect(saved.etag).toBeTruthy();
    expect(saved.lastModified).toBe('Tue, 01 Oct 2024 08:00:00 GMT');
  });

  it('polling again sends the validators and the unchanged feed answers 304: nothing new', async () => {
    const index = store.index;
    const [r] = await feeds.poll();
    expect(r).toMatchObject({ status: 'unchanged', added: [] });
    expect(site.seen.filter((s) => s.path === '/feed.xml').at(-1)).toMatchObject({ status: 304, ifNoneMatch: expect.any(String) });
    expect(store.index).toBe(index);
  });

  it('a new item is indexed on the next poll, alone, and announced', async () => {
    listed = ['bbc-1', 'guardian-1', 'nytimes-2'];
    const [r] = await feeds.poll();
    expect(r?.added.map((a) => a.url)).toEqual([site.url('/news/nytimes-2/')]);
    expect(announced.at(-1)?.added).toHaveLength(1);
    expect((await feedsFile()).feeds[0]!.seen).toHaveLength(3);
  });

  it('after a restart (a new Feeds on the same folder) it resumes: seen items are not taken again, the schedule holds', async () => {
    const again = newFeeds(new Intake({ store, log: logs.log, refuse, timeoutMs: 2_000 }));
    expect((await again.list()).map((f) => f.url)).toEqual([site.url('/feed.xml')]);
    expect(await again.poll(false)).toEqual([]); // not due yet
    clock += 16 * 60_000;
    listed = ['bbc-1', 'guardian-1', 'nytimes-2', 'msn'];
    const [r] = await again.poll(false);
    expect(r?.added.map((a) => a.url)).toEqual([site.url('/news/msn/')]);
  });

  it('a failing feed backs off (doubling) and records why; list shows it; remove stops following', async () => {
    await expect(feeds.add(site.url('/broken.xml'), { moderator: '111' })).rejects.toThrow(/HTTP 503/);
    site.route('/flaky.xml', { type: 'application/rss+xml', body: rss(site.base, []) });
    await feeds.add(site.url('/flaky.xml'), { moderator: '111' });
    site.route('/flaky.xml', { status: 500, type: 'text/plain', body: 'oops' });
    const delays: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await feeds.pollOne(site.url("/flaky.xml"));
      expect(r.status).toBe('failed');
      const f = (await feeds.list()).find((x) => x.url === site.url('/flaky.xml'))!;
      delays.push(Date.parse(f.nextPollAt!) - clock);
      expect(f.lastError).toMatch(/HTTP 500/);
    }
    expect(delays).toEqual([30 * 60_000, 60 * 60_000]);
    await feeds.remove(site.url('/flaky.xml'), { moderator: '111' });
    expect((await feeds.list()).map((f) => f.url)).toEqual([site.url('/feed.xml')]);
    await expect(feeds.remove(site.url('/flaky.xml'), { moderator: '111' })).rejects.toThrow(/No feed/);
  });
});
