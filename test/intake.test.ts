import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { IndexStore } from '../src/index/store.ts';
import { extractArticle, isBoilerplate } from '../src/intake/extract.ts';
import { type AddressPolicy, guardedLookup, IntakeError, isPrivateAddress } from '../src/intake/guard.ts';
import { Intake } from '../src/intake/intake.ts';
import { memoryLogger, tempCorpus } from './helpers/corpus.ts';
import { hasNewsPages, NEWS_PAGES, newsPages, startSite, type TestSite } from './helpers/web.ts';

/**
 * Intake by URL against a local site serving ../shared/news-pages: what is stored (story kept,
 * furniture dropped, title and date right), duplicates, every fault (nothing written, index
 * untouched), and two intakes at once.
 */

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const words = (s: string) => norm(s).split(' ').filter(Boolean);
const trigrams = (text: string) => {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = words(line);
    for (let i = 0; i < w.length; i++) out.add(`${w[Math.max(0, i - 1)]} ${w[i]} ${w[Math.min(w.length - 1, i + 1)]}`);
  }
  return out;
};
/** The share of a paragraph's words found in `stored` with both neighbours (word trigrams). */
const coverage = (para: string, stored: Set<string>) => {
  const w = words(para);
  const hit = w.filter((_, i) => stored.has(`${w[Math.max(0, i - 1)]} ${w[i]} ${w[Math.min(w.length - 1, i + 1)]}`)).length;
  return w.length ? hit / w.length : 1;
};

/** The story paragraphs of expected.html (figure captions and "Related:" links are furniture, not story). */
async function expectedParagraphs(page: string): Promise<string[]> {
  const { document } = parseHTML(`<html><body>${await readFile(path.join(NEWS_PAGES, page, 'expected.html'), 'utf8')}</body></html>`);
  return (Array.from(document.querySelectorAll('p, li, blockquote')) as unknown as { querySelector(s: string): unknown; closest(s: string): unknown; textContent: string | null }[])
    .filter((e) => !e.querySelector('p, li') && !e.closest('figcaption, figure'))
    .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t.length >= 30 && !isBoilerplate(t));
}

const FURNITURE = [/^share\b/i, /^advertisement$/i, /^image copyright/i, /^related:/i, /^read more\b/i, /^sign up\b/i, /^follow us\b/i, /^skip to\b/i];

describe.skipIf(!hasNewsPages)('extraction on the saved news pages', () => {
  const pages = newsPages();
  it.each(pages)('%s: every story paragraph kept (≥ 95%%), no furniture, title and date as the page says', async (page) => {
    const html = await readFile(path.join(NEWS_PAGES, page, 'source.html'), 'utf8');
    const expected = JSON.parse(await readFile(path.join(NEWS_PAGES, page, 'expected-metadata.json'), 'utf8'));
    const got = extractArticle(html);
    // Line by line, and joined (a list split into lines still holds its paragraph).
    const stored = new Set([...trigrams(got.paragraphs.join('\n')), ...trigrams(got.paragraphs.join(' '))]);
    const paras = await expectedParagraphs(page);
    expect(paras.length).toBeGreaterThan(0);
    const poor = paras.map((p) => [coverage(p, stored), p] as const).filter(([c]) => c < 0.95);
    expect(poor).toEqual([]);
    for (const line of got.paragraphs) for (const re of FURNITURE) expect(line).not.toMatch(re);
    expect(norm(got.title ?? '')).toBe(norm(expected.title));
    if (expected.publishedTime) expect(got.published?.slice(0, 10)).toBe(String(expected.publishedTime).slice(0, 10));
  });
});

describe('configuration', () => {
  it('ALLOW_PRIVATE_URLS, FEED_POLL_MINUTES and INTAKE_PER_HOUR: empty means the default, a bad value one line naming it', () => {
    expect(loadConfig({ ALLOW_PRIVATE_URLS: '', FEED_POLL_MINUTES: '', INTAKE_PER_HOUR: '' })).toMatchObject({ ALLOW_PRIVATE_URLS: false, FEED_POLL_MINUTES: 15, INTAKE_PER_HOUR: 30 });
    expect(loadConfig({ ALLOW_PRIVATE_URLS: 'TRUE', FEED_POLL_MINUTES: '5' })).toMatchObject({ ALLOW_PRIVATE_URLS: true, FEED_POLL_MINUTES: 5 });
    expect(() => loadConfig({ ALLOW_PRIVATE_URLS: 'yes' })).toThrow(/^Invalid configuration: ALLOW_PRIVATE_URLS must be true or false \(see \.env\.example\)\.$/);
    expect(() => loadConfig({ FEED_POLL_MINUTES: '0' })).toThrow(/FEED_POLL_MINUTES must be a whole number of minutes from 1 to 1440/);
  });
});

describe('the address guard', () => {
  it('refuses loopback, private, link-local, CGNAT, metadata and their IPv6 forms; lets public addresses through', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', 'fd00:ec2::254']) {
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, true]);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect([ip, isPrivateAddress(ip)]).toEqual([ip, false]);
  });

  it('checks the addresses a name resolves to where the socket looks it up (localhost resolves to loopback: refused)', async () => {
    const looked = (refuse: AddressPolicy) =>
      new Promise<unknown>((resolve) => guardedLookup(refuse)('localhost', {}, (err, address) => resolve(err ? (err as NodeJS.ErrnoException).code : address)));
    expect(await looked(isPrivateAddress)).toBe('EPRIVATE');
    expect(await looked(null)).toMatch(/^(?:127\.0\.0\.1|::1)$/);
  });
});

let site: TestSite;
let corpus: Awaited<ReturnType<typeof tempCorpus>>;
let store: IndexStore;
let intake: Intake;
let faulty: Intake;
let failReads = false;
const logs = memoryLogger();
const who = { moderator: '123456789012345678', guild: '987654321098765432', via: 'console' as const };

/** The test site on 127.0.0.1 is let through; every other private address is refused. */
const refuse = (ip: string) => ip !== '127.0.0.1' && isPrivateAddress(ip);

beforeAll(async () => {
  site = await startSite();
  corpus = await tempCorpus();
  store = new IndexStore({
    corpusDir: corpus.dir,
    snapshotDir: path.join(corpus.root, 'snap'),
    log: logs.log,
    io: {
      readCorpusSince: async (...args) => {
        if (failReads) throw Object.assign(new Error('injected'), { code: 'EIO' });
        const { readCorpusSince } = await import('../src/index/corpus-files.ts');
        return readCorpusSince(...args);
      },
    },
  });
  await store.open();
  intake = new Intake({ store, log: logs.log, refuse, timeoutMs: 3_000, maxBytes: 2 * 1024 * 1024 });
  // Faults need no patience: a short deadline and a small cap keep them fast.
  faulty = new Intake({ store, log: logs.log, refuse, timeoutMs: 400, maxBytes: 256 * 1024 });
});

afterAll(async () => {
  await site?.close();
  await corpus?.cleanup();
});

/** The corpus folder as bytes: what must not change when an intake fails. */
async function folder(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(corpus.dir)).sort()) out[f] = await readFile(path.join(corpus.dir, f), 'utf8');
  return out;
}

describe.skipIf(!hasNewsPages)('adding a link', () => {
  it('stores the story as a .txt with its sources.json entry and indexes it at once', async () => {
    const before = store.index;
    const r = await intake.addUrl(site.url('/news/bbc-1/'), who);
    expect(r.status).toBe('added');
    if (r.status !== 'added') return;
    expect(r.file).toMatch(/^2015-07-24-obama-admits-us-gun-laws.*\.txt$/);
    expect(r).toMatchObject({ title: "Obama admits US gun laws are his 'biggest frustration'", outlet: 'BBC News', url: site.url('/news/bbc-1/') });
    expect(r.published?.slice(0, 10)).toBe('2015-07-24');
    expect(r.sentences).toBeGreaterThan(20);
    expect(r.people).toContain('Barack Obama');
    expect(store.index).not.toBe(before);
    const text = await readFile(path.join(corpus.dir, r.file), 'utf8');
    expect(text).toContain(r.firstSentence);
    const sources = JSON.parse(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8'));
    expect(sources[r.file]).toMatchObject({ title: r.title, outlet: 'BBC News', url: r.url, byline: 'BBC News' });
    // Every quote of the new article is an exact substring of its file.
    for (const s of store.index.articles.get(r.file)!.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(logs.lines().some((l) => l.moderator === who.moderator && l.url === site.url('/news/bbc-1/') && /intake: added/.test(String(l.msg)))).toBe(true);
  });

  it('the same link again (or with a fragment or tracking) is "already indexed", naming its file; nothing is written', async () => {
    const disk = await folder();
    const index = store.index;
    for (const link of ['/news/bbc-1/', '/news/bbc-1#comments', '/news/bbc-1/?utm_source=x']) {
      const r = await intake.addUrl(site.url(link), who);
      expect(r).toMatchObject({ status: 'duplicate', file: expect.stringMatching(/^2015-07-24-obama/) });
    }
    expect(await folder()).toEqual(disk);
    expect(store.index).toBe(index);
  });

  it('follows a redirect and keeps the final URL; that page through its old link is then a duplicate', async () => {
    const r = await intake.addUrl(site.url('/redirect/guardian-1'), who);
    expect(r).toMatchObject({ status: 'added', url: site.url('/news/guardian-1/') });
    expect(await intake.addUrl(site.url('/news/guardian-1/'), who)).toMatchObject({ status: 'duplicate' });
  });

  it('two intakes at once are both added, one after the other; the same page twice at once is added once', async () => {
    const [a, b] = await Promise.all([intake.addUrl(site.url('/news/nytimes-1/'), who), intake.addUrl(site.url('/news/telegraph/'), who)]);
    expect([a.status, b.status]).toEqual(['added', 'added']);
    expect(store.index.articles.has(a.file) && store.index.articles.has(b.file)).toBe(true);
    const [c, d] = await Promise.all([intake.addUrl(site.url('/news/theverge/'), who), intake.addUrl(site.url('/news/theverge/'), who)]);
    expect([c.status, d.status].sort()).toEqual(['added', 'duplicate']);
    expect(c.file).toBe(d.file);
    const sources = JSON.parse(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8'));
    for (const f of [a.file, b.file, c.file]) expect(sources[f]).toBeDefined();
  });
});

describe('faults: a clear message, nothing written, the index untouched', () => {
  const cases: [string, string, RegExp][] = [
    ['a 404', '/missing', /Not found \(HTTP 404\)/],
    ['a slow server', '/slow', /Timed out after/],
    ['an endless body', '/endless', /Too large/],
    ['a redirect to the metadata address', '/to-private', /Refused 169\.254\.169\.254.*private network/],
    ['a redirect to localhost', '/to-localhost', /Refused localhost/],
    ['a redirect loop', '/loop', /Too many redirects/],
    ['a binary body', '/binary', /Not a web page.*application\/octet-stream/],
    ['binary sent as text/html', '/binary-as-html', /binary data/],
    ['a page with no article', '/no-article', /No article found/],
  ];
  it.each(cases)('%s', async (_what, p, message) => {
    const disk = await folder();
    const index = store.index;
    const t0 = performance.now();
    const err = await faulty.addUrl(site.url(p), who).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as Error).message).toMatch(message);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(await folder()).toEqual(disk);
    expect(store.index).toBe(index);
  });

  it('refuses other schemes and private addresses given directly, before connecting', async () => {
    for (const [link, message] of [
      ['ftp://example.com/a', /Only http and https/],
      ['file:///etc/passwd', /Only http and https/],
      ['http://10.0.0.1/', /Refused 10\.0\.0\.1/],
      ['http://[::1]:8080/', /Refused \[::1\]/],
      ['not a url', /Not a URL/],
    ] as const) {
      await expect(intake.addUrl(link, who)).rejects.toThrow(message);
    }
  });

  it.skipIf(!hasNewsPages)('indexing that fails part-way leaves the folder and the serving index as they were', async () => {
    const disk = await folder();
    const index = store.index;
    failReads = true;
    try {
      await expect(intake.addUrl(site.url('/news/salon-1/'), who)).rejects.toThrow(/Indexing failed.*nothing was added/);
    } finally {
      failReads = false;
    }
    expect(await folder()).toEqual(disk);
    expect(store.index).toBe(index);
    expect(logs.lines().some((l) => /intake failed/.test(String(l.msg)) && l.moderator === who.moderator)).toBe(true);
  });
});
