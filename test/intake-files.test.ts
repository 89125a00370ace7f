import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAll } from '../src/console/answer-all.ts';
import { intakeDeps } from '../src/console/intake.ts';
import { runConsole } from '../src/console/repl.ts';
import { IndexStore } from '../src/index/store.ts';
import { Intake } from '../src/intake/intake.ts';
import { memoryLogger, tempCorpus } from './helpers/corpus.ts';
import { hasNewsPages, NEWS_PAGES } from './helpers/web.ts';

/**
 * Uploaded files (.txt, .md, .html) take the same path as links; removal; and the console's and
 * `ask`'s /add and /remove.
 */

const STORY = `Flood barrier holds as river peaks in Millbrook

The new flood barrier in Millbrook held on Tuesday as the River Dane rose to its highest level in forty years.

Mayor Janet Okafor said the town had been spared. "We built it for a day like this," she said.

Two people were injured when a footbridge collapsed upstream, the fire service said.
`;

let corpus: Awaited<ReturnType<typeof tempCorpus>>;
let store: IndexStore;
let intake: Intake;
const logs = memoryLogger();
const who = { moderator: 'console', via: 'console' as const };

beforeAll(async () => {
  corpus = await tempCorpus();
  store = new IndexStore({ corpusDir: corpus.dir, snapshotDir: path.join(corpus.root, 'snap'), log: logs.log });
  await store.open();
  intake = new Intake({ store, log: logs.log, refuse: null, maxUploadBytes: 64 * 1024 });
});
afterAll(() => corpus?.cleanup());

const listing = async () => (await readdir(corpus.dir)).sort();

describe('uploaded files', () => {
  it('a .txt: the headline is the title, the story is indexed, and its facts are reported', async () => {
    const r = await intake.addFile('millbrook.txt', Buffer.from(STORY), who);
    expect(r).toMatchObject({ status: 'added', title: 'Flood barrier holds as river peaks in Millbrook', file: 'flood-barrier-holds-as-river-peaks-in-millbrook.txt' });
    if (r.status !== 'added') return;
    expect(r.firstSentence).toBe('The new flood barrier in Millbrook held on Tuesday as the River Dane rose to its highest level in forty years.');
    expect(r.people).toContain('Janet Okafor');
    expect(r.tolls).toBeGreaterThan(0);
    const sources = JSON.parse(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8'));
    expect(sources[r.file]).toMatchObject({ title: r.title, upload: 'millbrook.txt' });
  });

  it('the same file again is "already indexed"', async () => {
    expect(await intake.addFile('copy.txt', Buffer.from(STORY), who)).toMatchObject({ status: 'duplicate', file: 'flood-barrier-holds-as-river-peaks-in-millbrook.txt' });
  });

  it('a .md: the first heading is the title, markup is taken out', async () => {
    const md = '# Harbour reopens after storm\n\nThe **harbour** at Port Ellen reopened on _Friday_, three days after [the storm](https://example.com) closed it.\n\n- Ferries resumed at noon.\n- Fishing boats returned later in the day.\n';
    const r = await intake.addFile('harbour.md', Buffer.from(md), who);
    expect(r).toMatchObject({ status: 'added', title: 'Harbour reopens after storm' });
    const text = await readFile(path.join(corpus.dir, r.file), 'utf8');
    expect(text).toContain('The harbour at Port Ellen reopened on Friday, three days after the storm closed it.');
    expect(text).not.toMatch(/[*_[\]#]/);
  });

  it.skipIf(!hasNewsPages)('an .html page goes through the same extraction as a link', async () => {
    const r = await intake.addFile('page.html', await readFile(path.join(NEWS_PAGES, 'herald-sun-1', 'source.html')), who);
    expect(r.status).toBe('added');
    expect(r.title).toMatch(/Angry media won/);
  });

  it('refuses another type, binary, invalid UTF-8, an empty or oversized file, with nothing written', async () => {
    const before = await listing();
    const sources = await readFile(path.join(corpus.dir, 'sources.json'), 'utf8');
    const cases: [string, Buffer, RegExp][] = [
      ['report.pdf', Buffer.from('%PDF-1.4'), /Only \.txt, \.md, \.html/],
      ['blob.txt', Buffer.from([0, 1, 2, 3, 0, 255]), /binary/],
      ['latin1.txt', Buffer.from('Caf\xe9 owners protest new rules in the old town centre today.', 'latin1'), /not valid UTF-8/],
      ['empty.txt', Buffer.alloc(0), /empty/],
      ['huge.txt', Buffer.alloc(65 * 1024, 'a'), /Too large/],
      ['short.txt', Buffer.from('Hi.'), /too little text/],
    ];
    for (const [name, bytes, message] of cases) await expect(intake.addFile(name, bytes, who)).rejects.toThrow(message);
    expect(await listing()).toEqual(before);
    expect(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8')).toBe(sources);
  });
});

describe('removing', () => {
  it('takes the file and its entry out and re-indexes; an unknown file is refused', async () => {
    const file = 'flood-barrier-holds-as-river-peaks-in-millbrook.txt';
    expect(await intake.remove(file, who)).toMatchObject({ status: 'removed', file });
    expect(store.index.articles.has(file)).toBe(false);
    expect(await listing()).not.toContain(file);
    expect(JSON.parse(await readFile(path.join(corpus.dir, 'sources.json'), 'utf8'))[file]).toBeUndefined();
    await expect(intake.remove(file, who)).rejects.toThrow(/No article/);
  });
});

describe('the console', () => {
  it('/add <path>, /remove <file> and /help through the REPL', async () => {
    const file = path.join(corpus.root, 'lighthouse.txt');
    await writeFile(file, 'Lighthouse relit at Cape Wrath\n\nThe lighthouse at Cape Wrath was relit on Sunday after a storm knocked out its lamp for nine days.\n');
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => {
      text += String(c);
    });
    const done = runConsole(store, input, output, { intake: intakeDeps(store, { ALLOW_PRIVATE_URLS: false, FEED_POLL_MINUTES: 15 }, logs.log) });
    input.end(`/add ${file}\n/search lighthouse Cape Wrath\n/remove lighthouse-relit-at-cape-wrath.txt\n/add http://127.0.0.1:1/x\n/help\n`);
    await done;
    expect(text).toMatch(/Added lighthouse-relit-at-cape-wrath\.txt: “Lighthouse relit at Cape Wrath”/);
    expect(text).toMatch(/1 sentence; first: “The lighthouse at Cape Wrath was relit/);
    expect(text).toMatch(/Removed lighthouse-relit-at-cape-wrath\.txt/);
    expect(text).toMatch(/! Refused 127\.0\.0\.1:1: that address is on a private network/);
    expect(text).toMatch(/\/add <url or path>/);
  });
});

describe('ask --json with intake commands (answerAll, what `npm run ask` runs)', () => {
  it('prints one object per input; a later question sees the added article', async () => {
    const file = path.join(corpus.root, 'ferry.txt');
    await writeFile(file, 'Ferry strike ends\n\nThe ferry strike at Oban ended on Monday after the crews accepted a new pay offer.\n');
    let out = '';
    const deps = intakeDeps(store, { ALLOW_PRIVATE_URLS: false, FEED_POLL_MINUTES: 15 }, logs.log);
    const failed = await answerAll(store, deps, [`/add ${file}`, '/search Oban ferry strike', '/remove nosuch.txt', '/feeds list'], { json: true }, (t) => {
      out += t;
    }, logs.log);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ command: 'add', result: { status: 'added', file: 'ferry-strike-ends.txt', sentences: 1 } });
    expect(lines[1].items[0]).toMatchObject({ source: 'ferry-strike-ends.txt' });
    expect(lines[2]).toMatchObject({ command: 'remove', error: expect.stringMatching(/No article nosuch\.txt/) });
    expect(lines[3]).toEqual({ command: 'feeds', query: 'list', feeds: [] });
    expect(failed).toBe(true);
  });
});
