/**
 * Bad corpus, on real files in temporary folders: every bad file gives exactly one warning naming it,
 * the rest of the corpus is indexed, and answers still quote verbatim.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, readFile, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, reply } from '../../src/answers/engine.ts';
import type { SearchItem } from '../../src/answers/types.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import type { CorpusRead } from '../../src/corpus/types.ts';
import { buildIndex } from '../../src/index/build.ts';
import { IndexStore } from '../../src/index/store.ts';
import { LIMITS } from '../../src/limits.ts';
import { memoryLogger, SEEDS, tempCorpus } from '../helpers/corpus.ts';
import { expectValidAnswer, fileTexts } from './check.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function corpus(withSeeds = true) {
  const t = await tempCorpus(withSeeds);
  cleanups.push(t.cleanup);
  return t;
}

const SEED_FILES = ['000_6dab9517ce660b1d.txt', '002_6c61f80302cb1f60.txt'];

/** A small article with a headline and two sentences; `word` makes it findable. */
const article = (word: string, eol = '\n') =>
  [`Harbour news from ${word}`, '', `The ${word} harbour authority reopened the eastern quay on Monday.`, `Officials in ${word} said traffic would resume by Friday.`, ''].join(eol);

const warningsFor = (read: CorpusRead, file: string) => read.warnings.filter((w) => w.file === file);

/** Exactly one warning names `file`; returns its text. */
function oneWarning(read: CorpusRead, file: string): string {
  const ws = warningsFor(read, file);
  expect(ws, `warnings for ${file}: ${JSON.stringify(read.warnings)}`).toHaveLength(1);
  return ws[0]!.problem;
}

describe('bad article files', () => {
  it('warns once per bad file, naming it and the problem, and indexes the rest', async () => {
    const { dir, root } = await corpus();
    const outside = path.join(root, 'outside.txt');
    await writeFile(outside, article('Outsideville'));
    const files: Record<string, string | Buffer> = {
      'binary.txt': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(64, 7)]),
      'latin1.txt': Buffer.from('Caf\xe9 cr\xe8me in Montr\xe9al was sold out on Monday.\n', 'latin1'),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article('Utfsixteen'), 'utf16le')]),
      'empty.txt': '',
      'blank.txt': ' \n\t\n  \r\n',
      'bom.txt': `\uFEFF${article('Bomford')}`,
      'crlf.txt': article('Crlfton', '\r\n'),
      'bom-crlf.txt': `\uFEFF${article('Bothwick', '\r\n')}`,
      'Le monde — été 2015 😀 x.txt': article('Unicodia'),
      'two  spaces .txt': article('Spaceport'),
      'NOTES.TXT': article('Uppercase'),
      'readme.md': 'not an article',
    };
    for (const [name, body] of Object.entries(files)) await writeFile(path.join(dir, name), body);
    await mkdir(path.join(dir, 'folder.txt'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
    await symlink(outside, path.join(dir, 'escape.txt'));
    await symlink(path.join(dir, SEED_FILES[0]!), path.join(dir, 'inside-link.txt'));
    await symlink(path.join(root, 'nowhere.txt'), path.join(dir, 'dangling.txt'));

    const read = await readCorpus(dir);
    expect(oneWarning(read, 'binary.txt')).toMatch(/binary/);
    expect(oneWarning(read, 'latin1.txt')).toMatch(/UTF-8/);
    expect(oneWarning(read, 'utf16.txt')).toMatch(/UTF-16/);
    expect(oneWarning(read, 'empty.txt')).toMatch(/empty/);
    expect(oneWarning(read, 'blank.txt')).toMatch(/no text|empty/);
    expect(oneWarning(read, 'bom.txt')).toMatch(/byte-order mark/);
    expect(oneWarning(read, 'crlf.txt')).toMatch(/CR/);
    expect(oneWarning(read, 'bom-crlf.txt')).toMatch(/byte-order mark.*CR/);
    expect(oneWarning(read, 'folder.txt')).toMatch(/not a regular file/);
    expect(oneWarning(read, 'fifo.txt')).toMatch(/not a regular file/);
    for (const link of ['escape.txt', 'inside-link.txt', 'dangling.txt']) expect(oneWarning(read, link)).toMatch(/symbolic link; not followed/);
    for (const good of ['Le monde — été 2015 😀 x.txt', 'two  spaces .txt', 'NOTES.TXT', ...SEED_FILES]) expect(warningsFor(read, good)).toEqual([]);
    expect(read.warnings.some((w) => w.file === 'readme.md')).toBe(false);
    // Exactly the readable articles are in, BOM and CRLF ones included; nothing from outside.
    expect(read.articles.map((a) => a.file).sort()).toEqual(
      ['Le monde — été 2015 😀 x.txt', 'NOTES.TXT', 'bom-crlf.txt', 'bom.txt', 'crlf.txt', 'two  spaces .txt', ...SEED_FILES].sort(),
    );
    expect(read.articles.some((a) => a.text.includes('Outsideville'))).toBe(false);

    // The index serves them, quotes verbatim from the real files.
    const index = buildIndex(read.articles, read.warnings);
    const texts = await fileTexts(dir, index.articles.keys());
    for (const [word, file] of [
      ['Bomford', 'bom.txt'],
      ['Crlfton', 'crlf.txt'],
      ['Bothwick', 'bom-crlf.txt'],
      ['Unicodia', 'Le monde — été 2015 😀 x.txt'],
      ['Spaceport', 'two  spaces .txt'],
    ] as const) {
      const r = answer(index, 'search', `${word} harbour quay`);
      expectValidAnswer(r, 'search', texts);
      const top = (r.items as SearchItem[])[0];
      expect(top?.source).toBe(file);
      expect(top?.quote).toBe(`The ${word} harbour authority reopened the eastern quay on Monday.`);
      expect(index.articles.get(file)?.meta.title).toBe(`Harbour news from ${word}`);
    }
    expect(answer(index, 'search', 'Outsideville').items).toEqual([]);
    expectValidAnswer(reply(index, '/search police raids'), 'search', texts);
    expectValidAnswer(reply(index, '/sources'), 'sources', texts);
  }, 20_000);

  it('skips a 50 MB file with a warning naming the size limit, without reading it', async () => {
    const { dir } = await corpus();
    const big = path.join(dir, 'huge.txt');
    const fh = await open(big, 'w');
    await fh.truncate(50 * 1024 * 1024); // sparse: instant, no disk used
    await fh.close();
    // relatime: a read updates atime when atime <= mtime. Set atime an hour before mtime.
    const { mtime } = await stat(big);
    await utimes(big, new Date(mtime.getTime() - 3_600_000), mtime);
    const before = (await stat(big)).atimeMs;

    const read = await readCorpus(dir);
    const problem = oneWarning(read, 'huge.txt');
    expect(problem).toContain(`${LIMITS.maxArticleBytes / 1024 / 1024} MB`);
    expect(problem).toMatch(/50(\.0)? MB/);
    expect(read.articles.map((a) => a.file).sort()).toEqual(SEED_FILES);

    // Proof it was not read: its access time did not move (checked only where reads update atime).
    const probe = path.join(dir, 'probe.bin');
    await writeFile(probe, 'x');
    const pm = (await stat(probe)).mtime;
    await utimes(probe, new Date(pm.getTime() - 3_600_000), pm);
    const pBefore = (await stat(probe)).atimeMs;
    await readFile(probe);
    if ((await stat(probe)).atimeMs !== pBefore) expect((await stat(big)).atimeMs).toBe(before);
  });

  it('skips a file that disappears between the listing and the read, with one warning', async () => {
    const { dir } = await corpus();
    await writeFile(path.join(dir, 'gone.txt'), article('Vanishton'));
    const read = await readCorpus(dir, {
      open: async (file, flags) => {
        if (path.basename(file) === 'gone.txt') await unlink(file); // the race, made certain
        return open(file, flags);
      },
    });
    expect(oneWarning(read, 'gone.txt')).toMatch(/disappeared/);
    expect(read.articles.map((a) => a.file).sort()).toEqual(SEED_FILES);
  });

  it('reads a file deleted after it was opened whole (never half)', async () => {
    const { dir } = await corpus();
    const text = article('Halfway').repeat(2000);
    await writeFile(path.join(dir, 'deleted.txt'), text);
    const read = await readCorpus(dir, {
      open: async (file, flags) => {
        const fh = await open(file, flags);
        if (path.basename(file) === 'deleted.txt') await unlink(file);
        return fh;
      },
    });
    expect(read.articles.find((a) => a.file === 'deleted.txt')?.text).toBe(text);
  });

  it('skips an unreadable file with one warning giving the reason', async () => {
    const { dir } = await corpus();
    await writeFile(path.join(dir, 'locked.txt'), article('Lockport'));
    const read = await readCorpus(dir, {
      open: async (file, flags) => {
        if (path.basename(file) === 'locked.txt') throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
        return open(file, flags);
      },
    });
    expect(oneWarning(read, 'locked.txt')).toMatch(/unreadable \(EACCES\)/);
    expect(read.articles.map((a) => a.file).sort()).toEqual(SEED_FILES);
  });

  it('logs one warning line per bad file when the store opens, and serves the rest', async () => {
    const { dir, root } = await corpus();
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([1, 2, 0, 3]));
    await writeFile(path.join(dir, 'empty.txt'), '');
    const logs = memoryLogger();
    const store = new IndexStore({ corpusDir: dir, snapshotDir: path.join(root, 'snap'), log: logs.log });
    await store.open();
    for (const f of ['binary.txt', 'empty.txt']) {
      const lines = logs.lines().filter((l) => l.file === f);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe(40);
      expect(String(lines[0]!.msg)).toContain(f);
    }
    expect([...store.index.articles.keys()]).toEqual(SEED_FILES);
    expectValidAnswer(reply(store.index, '/search Metrojet'), 'search', await fileTexts(dir, SEED_FILES));
  });
});

describe('a bad sources.json', () => {
  it('malformed: one warning, every article still indexed (titles from headlines)', async () => {
    const { dir } = await corpus();
    await writeFile(path.join(dir, 'sources.json'), '{"000_6dab9517ce660b1d.txt": {"title": "x"');
    await writeFile(path.join(dir, 'extra.txt'), article('Jsonburg'));
    const read = await readCorpus(dir);
    expect(oneWarning(read, 'sources.json')).toMatch(/malformed JSON/);
    expect(read.warnings).toHaveLength(1);
    expect(read.articles.map((a) => a.file).sort()).toEqual(['extra.txt', ...SEED_FILES].sort());
    const index = buildIndex(read.articles, read.warnings);
    expect(index.articles.get('extra.txt')?.meta.title).toBe('Harbour news from Jsonburg');
    expect((answer(index, 'search', 'Jsonburg').items as SearchItem[])[0]?.source).toBe('extra.txt');
  });

  it.each([
    ['an array', '[1, 2]'],
    ['a string', '"sources"'],
    ['null', 'null'],
    ['binary bytes', '\u0000\u0001\u0002'],
  ])('not an object (%s): one warning, articles kept', async (_, body) => {
    const { dir } = await corpus();
    await writeFile(path.join(dir, 'sources.json'), body);
    const read = await readCorpus(dir);
    expect(oneWarning(read, 'sources.json')).toMatch(/malformed|must be an object/);
    expect(read.articles.map((a) => a.file).sort()).toEqual(SEED_FILES);
  });

  it('partly wrong: unknown files and bad fields are dropped with a warning each, the rest kept', async () => {
    const { dir } = await corpus();
    const seeds = JSON.parse(await readFile(path.join(SEEDS, 'sources.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    await writeFile(path.join(dir, 'a.txt'), article('Alphaville'));
    await writeFile(path.join(dir, 'b.txt'), article('Betatown'));
    await writeFile(path.join(dir, 'c.txt'), article('Gammaford'));
    await writeFile(path.join(dir, 'd.txt'), article('Deltaport'));
    await writeFile(path.join(dir, 'e.txt'), article('Epsilonia'));
    const sources = {
      ...seeds,
      'a.txt': { title: 'Alpha title', published: '2015-02-30', outlet: 'Alpha Post' },
      'b.txt': { title: 'Beta title', published: 'yesterday' },
      'c.txt': { title: 'Gamma title', published: '2015-11-17T25:61:00' },
      'd.txt': 'not an entry',
      'e.txt': { title: 42, published: '2015-11-17T08:30:00Z', outlet: 'Epsilon Times' },
      'missing.txt': { title: 'No such file' },
      'elsewhere/x.txt': { title: 'A path' },
    };
    // A "__proto__" key, as JSON can carry it: an ordinary unknown name, no prototype pollution.
    await writeFile(path.join(dir, 'sources.json'), JSON.stringify(sources).replace(/}$/, ',"__proto__":{"title":"Polluted"}}'));
    const read = await readCorpus(dir);
    const about = (needle: string) => read.warnings.filter((w) => w.file === 'sources.json' && w.problem.includes(needle));
    for (const f of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'missing.txt', 'elsewhere/x.txt', '__proto__']) expect(about(`"${f}"`), f).toHaveLength(1);
    expect(about('"a.txt"')[0]!.problem).toMatch(/published .*real date/);
    expect(about('"b.txt"')[0]!.problem).toMatch(/published .*ISO date/);
    expect(about('"c.txt"')[0]!.problem).toMatch(/published/);
    expect(about('"e.txt"')[0]!.problem).toMatch(/title/);
    expect(about('"missing.txt"')[0]!.problem).toMatch(/not in the corpus folder/);
    // Every article is indexed; only the bad fields are gone.
    expect(read.articles).toHaveLength(7);
    const meta = (f: string) => read.articles.find((a) => a.file === f)!.meta;
    expect(meta('a.txt')).toEqual({ file: 'a.txt', title: 'Alpha title', outlet: 'Alpha Post' });
    expect(meta('b.txt')).toEqual({ file: 'b.txt', title: 'Beta title' });
    expect(meta('c.txt')).toEqual({ file: 'c.txt', title: 'Gamma title' });
    expect(meta('d.txt')).toEqual({ file: 'd.txt' });
    expect(meta('e.txt')).toEqual({ file: 'e.txt', published: '2015-11-17T08:30:00Z', outlet: 'Epsilon Times' });
    expect(meta(SEED_FILES[1]!)).toEqual({ file: SEED_FILES[1], ...seeds[SEED_FILES[1]!] });
    expect(read.warnings.every((w) => w.file === 'sources.json')).toBe(true);
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it('read again: the same text gives the same metadata and warnings, an edited entry shows at once', async () => {
    const { dir } = await corpus();
    await writeFile(path.join(dir, 'a.txt'), article('Alphaville'));
    const sources = (published: string) => JSON.stringify({ 'a.txt': { title: 'Alpha title', published }, 'gone.txt': { title: 'Gone' } });
    await writeFile(path.join(dir, 'sources.json'), sources('2015-02-30'));
    const first = await readCorpus(dir);
    const metaOf = (read: CorpusRead) => read.articles.find((a) => a.file === 'a.txt')!.meta;
    expect(metaOf(first)).toEqual({ file: 'a.txt', title: 'Alpha title' });
    // What a caller does with what it got does not leak into the next read.
    metaOf(first).title = 'Changed by a caller';
    first.warnings[0]!.problem = 'changed by a caller';
    const second = await readCorpus(dir);
    expect(metaOf(second)).toEqual({ file: 'a.txt', title: 'Alpha title' });
    expect(second.warnings.map((w) => w.problem)).toEqual([expect.stringMatching(/"a\.txt": published .*real date/), expect.stringMatching(/"gone\.txt", which is not in the corpus folder/)]);
    // Fixed in place (same length, same size on disk): the next read sees the new text.
    await writeFile(path.join(dir, 'sources.json'), sources('2015-02-28'));
    const third = await readCorpus(dir);
    expect(metaOf(third)).toEqual({ file: 'a.txt', title: 'Alpha title', published: '2015-02-28' });
    expect(third.warnings.map((w) => w.problem)).toEqual([expect.stringMatching(/"gone\.txt", which is not in the corpus folder/)]);
  });

  it('is not followed when it is a symbolic link, nor read when it is not a regular file', async () => {
    const { dir, root } = await corpus();
    await writeFile(path.join(root, 'secret.json'), '{"000_6dab9517ce660b1d.txt": {"title": "Stolen title"}}');
    await unlink(path.join(dir, 'sources.json'));
    await symlink(path.join(root, 'secret.json'), path.join(dir, 'sources.json'));
    const linked = await readCorpus(dir);
    expect(oneWarning(linked, 'sources.json')).toMatch(/symbolic link/);
    expect(linked.articles.find((a) => a.file === SEED_FILES[0])?.meta.title).toBeUndefined();

    await unlink(path.join(dir, 'sources.json'));
    await mkdir(path.join(dir, 'sources.json'));
    const folder = await readCorpus(dir);
    expect(oneWarning(folder, 'sources.json')).toMatch(/not a regular file/);
    expect(folder.articles.map((a) => a.file).sort()).toEqual(SEED_FILES);
  });
});
