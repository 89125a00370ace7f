import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction, OptionValues } from './discord/double/index.ts';
import { SPEC_AVAILABLE } from './discord/double/spec.ts';
import { type Harness, messageWrites, startHarness, textOf } from './discord/harness.ts';
import { startSite, type TestSite } from './helpers/web.ts';

/**
 * /articles and /feeds end to end: the real bot against the Discord API double, articles served by
 * a local site on 127.0.0.1 (ALLOW_PRIVATE_URLS=true lets the bot reach it). A moderator adds by
 * link and by attachment, lists and removes; a member is refused; a feed's new articles are
 * announced in the channel without pinging anyone.
 */

const page = (title: string, body: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Valley Gazette</title><meta property="og:title" content="${title}"><meta property="og:site_name" content="Valley Gazette"><meta property="article:published_time" content="2024-03-05T09:30:00+00:00"></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}<p>Share this article</p></article><footer>© Valley Gazette 2024</footer></body></html>`;

const BRIDGE = page('Old stone bridge reopens after two-year repair', [
  'The old stone bridge over the River Dane in Millbrook reopened on Monday after a repair that took two years and cost £4 million.',
  'Council leader Priya Raman cut the ribbon in front of several hundred residents, who had crossed the river by a temporary footbridge since 2022.',
  'Engineers replaced the crumbling mortar of all five arches and strengthened the foundations against floods, the council said.',
  'Two workers were injured during the repair when scaffolding gave way in 2023, the council added.',
]);
const MARKET = page('Farmers market moves to the town square', [
  'The weekly farmers market in Millbrook will move to the town square from April, the organisers said on Tuesday.',
  'Stallholder Tom Becker said the new site would bring more visitors, after years in a car park on the edge of town.',
  'The council approved the move last month after a consultation in which most residents supported it.',
]);

let h: Harness;
let site: TestSite;
const ON = SPEC_AVAILABLE;

beforeAll(async () => {
  if (!ON) return;
  site = await startSite();
  site.route('/local/bridge', { type: 'text/html; charset=utf-8', body: BRIDGE });
  site.route('/local/market', { type: 'text/html; charset=utf-8', body: MARKET });
  site.route('/cdn/attachments/1/2/ferry.txt', { type: 'text/plain; charset=utf-8', body: 'Ferry strike ends\n\nThe ferry strike at Oban ended on Monday after the crews accepted a new pay offer from the operator.\n' });
  site.route('/local/feed.json', { type: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Valley Gazette', items: [{ id: 'm1', url: site.url('/local/market'), title: 'Farmers market moves' }] }) });
  // Six intakes an hour: the tests below use five, the last one finds the allowance spent.
  h = await startHarness({ env: { ALLOW_PRIVATE_URLS: 'true', INTAKE_PER_HOUR: '6' } });
});
afterAll(async () => {
  await h?.stop();
  await site?.close();
});

/** The deferred reply's final text (progress edits come first). */
const finalText = (i: Interaction, done: RegExp) => h.double.until(() => (i.original && !i.loading && done.test(i.original.content) ? i.original.content : undefined), `a reply matching ${done}`);
const mod = () => ({ person: h.double.world.moderator });

describe.skipIf(!ON)('/articles by a moderator', () => {
  it('add url: fetches, stores, indexes, and replies (to the moderator only) with what it added', async () => {
    const i = h.double.command('articles add', { url: site.url('/local/bridge') }, mod());
    const text = await finalText(i, /Added|Not added/);
    expect(text).toMatch(/^Added “Old stone bridge reopens after two-year repair” — Valley Gazette, 2024-03-05/);
    expect(text).toMatch(/File: 2024-03-05-old-stone-bridge-reopens-after-two-year-repair\.txt · 4 sentences/);
    expect(text).toContain('> The old stone bridge over the River Dane in Millbrook reopened on Monday');
    expect(text).toMatch(/Now indexed from it: .*Priya Raman.*, 1 toll, \d+ dated sentences?\./);
    expect(i.acks[0]?.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(h.store.index.articles.has('2024-03-05-old-stone-bridge-reopens-after-two-year-repair.txt')).toBe(true);
    expect(h.logs.lines().some((l) => l.moderator === h.double.world.moderator.user.id && l.url === site.url('/local/bridge'))).toBe(true);
  });

  it('the same link again is "already indexed", with its file', async () => {
    const text = await finalText(h.double.command('articles add', { url: site.url('/local/bridge') }, mod()), /Already indexed|Added/);
    expect(text).toMatch(/Already indexed: “Old stone bridge.*” \(2024-03-05-old-stone-bridge.*\.txt\)/);
  });

  it('add file: an attachment is fetched and read like an uploaded file', async () => {
    const attachment = { filename: 'ferry.txt', url: site.url('/cdn/attachments/1/2/ferry.txt'), size: 110, content_type: 'text/plain; charset=utf-8' };
    const text = await finalText(h.double.command('articles add', { file: { attachment } }, mod()), /Added|Not added/);
    expect(text).toMatch(/^Added “Ferry strike ends”/);
    expect(h.store.index.articles.has('ferry-strike-ends.txt')).toBe(true);
  });

  it('a link that fails says why and adds nothing', async () => {
    const before = (await readdir(h.corpusDir)).sort();
    expect(await finalText(h.double.command('articles add', { url: site.url('/nothing-here') }, mod()), /Not added/)).toMatch(/Not found \(HTTP 404\)/);
    expect(await finalText(h.double.command('articles add', {}, mod()), /either/)).toMatch(/Give either a link/);
    expect((await readdir(h.corpusDir)).sort()).toEqual(before);
  });

  it('list pages the articles; remove autocompletes titles and takes one out', async () => {
    const list = await h.double.answer(h.double.command('articles list', { query: 'bridge' }, mod()));
    expect(textOf(list)).toMatch(/Old stone bridge reopens/);
    const choices = await h.double.choices(h.double.autocomplete('articles remove', { article: 'ferry' }, 'article', mod()));
    expect(choices).toContainEqual({ name: 'Ferry strike ends', value: 'ferry-strike-ends.txt' });
    const text = await finalText(h.double.command('articles remove', { article: 'ferry-strike-ends.txt' }, mod()), /Removed|No indexed/);
    expect(text).toMatch(/Removed “Ferry strike ends”/);
    expect(h.store.index.articles.has('ferry-strike-ends.txt')).toBe(false);
  });
});

describe.skipIf(!ON)('refused', () => {
  it('Discord hides /articles and /feeds from members; one who runs it anyway is refused and nothing is written', async () => {
    expect(() => h.double.command('articles add', { url: site.url('/local/market') }, { person: h.double.world.member })).toThrow(/hides \/articles/);
    expect(() => h.double.command('feeds list', {}, { person: h.double.world.member })).toThrow(/hides \/feeds/);
    const before = (await readdir(h.corpusDir)).sort();
    const tries: OptionValues[] = [{ url: site.url('/local/market') }, { file: { attachment: { filename: 'ferry.txt', url: site.url('/cdn/attachments/1/2/ferry.txt'), size: 110 } } }];
    for (const options of tries) {
      const i = h.double.command('articles add', options, { person: h.double.world.member, unchecked: true });
      expect(await finalText(i, /moderators/)).toMatch(/Manage Server/);
    }
    const dm = h.double.command('articles add', { url: site.url('/local/market') }, { person: h.double.world.moderator, where: 'dm', unchecked: true });
    expect(await finalText(dm, /server/)).toMatch(/only in a server/);
    expect((await readdir(h.corpusDir)).sort()).toEqual(before);
  });
});

describe.skipIf(!ON)('/feeds', () => {
  it('add with a channel: polls at once and announces the new articles there, pinging nobody', async () => {
    const i = h.double.command('feeds add', { url: site.url('/local/feed.json'), channel: h.double.world.channelId }, mod());
    const text = await finalText(i, /Following|Not done/);
    expect(text).toMatch(/Following “Valley Gazette”, polled every 15 minutes; new articles are announced in <#\d+>/);
    expect(text).toMatch(/First poll: 1 new article indexed/);
    const note = await h.double.until(() => h.double.ledger.channelMessages.find((m) => m.channel_id === h.double.world.channelId && /new article/.test(m.content)), 'the announcement');
    expect(note.content).toBe('1 new article indexed from Valley Gazette: “Farmers market moves to the town square”.');
    for (const w of note.writes) expect(w.allowed_mentions).toMatchObject({ parse: [] });
    const listed = await finalText(h.double.command('feeds list', {}, mod()), /feed/);
    expect(listed).toMatch(/1 feed:\n- Valley Gazette/);
    const choices = await h.double.choices(h.double.autocomplete('feeds remove', { feed: 'valley' }, 'feed', mod()));
    expect(choices.map((c) => c.value)).toEqual([site.url('/local/feed.json')]);
    expect(await finalText(h.double.command('feeds remove', { feed: site.url('/local/feed.json') }, mod()), /following/i)).toMatch(/No longer following/);
    expect(JSON.parse(await readFile(path.join(h.corpusDir, 'feeds.json'), 'utf8')).feeds).toEqual([]);
  });
});

describe.skipIf(!ON)('the server\'s intake allowance', () => {
  it('past INTAKE_PER_HOUR intakes an hour, the server is told to wait; nothing is fetched', async () => {
    expect(await finalText(h.double.command('articles add', { url: site.url('/local/bridge') }, mod()), /Already|wait/)).toMatch(/Already indexed/);
    const seen = site.seen.length;
    expect(await finalText(h.double.command('articles add', { url: site.url('/local/market?x=1') }, mod()), /wait|Added|Already/)).toMatch(/many articles in the last hour: please wait \d+ seconds/);
    expect(site.seen.length).toBe(seen);
  });
});

describe.skipIf(!ON)('the contract with Discord', () => {
  it('sent nothing Discord would reject, answered each interaction once, pinged nobody', () => {
    expect(h.double.problems()).toEqual([]);
    for (const w of messageWrites(h.double)) expect(w.allowed_mentions).toMatchObject({ parse: [] });
  });
});
