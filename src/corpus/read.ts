import { createHash } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { type FileHandle, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import type { ArticleMeta, CorpusRead, CorpusWarning, RawArticle } from './types.ts';

/** A calendar date that exists (`Date.parse` alone accepts 2015-02-30) and, if given, a real time of day. */
const realDate = (s: string): boolean => {
  const day = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== s.slice(0, 10)) return false;
  return s.length === 10 || !Number.isNaN(Date.parse(s.replace(' ', 'T')));
};
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, { message: 'not an ISO date', abort: true })
  .refine(realDate, 'not a real date');

/** One entry of `sources.json`. Unknown keys are allowed (the real corpora carry more). */
const SourceEntry = z
  .object({
    title: z.string().trim().min(1).nullish(),
    published: isoDate.nullish(),
    outlet: z.string().trim().min(1).nullish(),
    url: z.string().nullish(),
    dateline: z.string().trim().min(1).nullish(),
  })
  .loose();

export const SOURCES_FILE = 'sources.json';

/**
 * The file-system calls that read a corpus. Tests replace them to inject faults (a file that vanishes
 * between the listing and the read, an unreadable file); the defaults are Node's.
 */
export interface CorpusFs {
  /** Lists a folder with entry types. */
  readdir: (dir: string) => Promise<Dirent[]>;
  /** Opens a file for reading. */
  open: (file: string, flags: number) => Promise<FileHandle>;
}

const NODE_FS: CorpusFs = { readdir: (dir) => readdir(dir, { withFileTypes: true }), open };

/**
 * Opens for reading without following a symbolic link (ELOOP) and without blocking on a FIFO
 * (O_NONBLOCK; harmless for a regular file).
 */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Why a file was not read. */
class Skip extends Error {}

/**
 * Reads a regular file through one handle: what is checked (type, size) is what is read, even if the
 * name is swapped meanwhile. A symlink, a non-regular file or a file over `maxBytes` is refused
 * without reading it (Skip); a vanished or unreadable file throws the system error.
 */
async function readRegular(fs: CorpusFs, full: string, maxBytes: number): Promise<Uint8Array> {
  let fh: FileHandle;
  try {
    fh = await fs.open(full, READ_FLAGS);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new Skip('symbolic link; not followed');
    throw err;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Skip('not a regular file; skipped');
    if (st.size > maxBytes) throw new Skip(`larger than ${sizeLabel(maxBytes)} (${sizeLabel(st.size, 1)}); skipped`);
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await fh.read(buf, got, st.size - got, got);
      if (bytesRead === 0) break; // shrank while reading: keep what is there
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close().catch(() => {});
  }
}

const sizeLabel = (bytes: number, digits = 0) => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;

const fsProblem = (file: string, err: unknown, what: string): CorpusWarning => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? { file, problem: `disappeared while reading; ${what}`, kind: 'skipped' }
    : { file, problem: `unreadable (${code ?? 'error'}); ${what}`, kind: 'unreadable' };
};

/** `sources.json` may be far larger than one article (Reuters': 4.7 MB for 19,004 files). */
const MAX_SOURCES_BYTES = 10 * LIMITS.maxArticleBytes;

/**
 * The last `sources.json` text parsed, with what it gave. A refresh re-reads the file for the metadata
 * of changed articles; parsing and validating Reuters' 4.7 MB of entries again costs ~0.13 s, so the
 * same text (compared whole: the check is exact) reuses the result. Callers get fresh copies.
 */
let lastSources: { raw: string; out: Map<string, Omit<ArticleMeta, 'file'>>; warnings: CorpusWarning[] } | undefined;

/**
 * The metadata of the last usable `sources.json` of each corpus folder (or, after a start, what the
 * snapshot held: `rememberMetadata`). When the file turns malformed or unreadable, articles keep this
 * metadata rather than losing it: one policy at start and on refresh, the one that loses nothing.
 */
const lastGood = new Map<string, Map<string, Omit<ArticleMeta, 'file'>>>();

/** Records the metadata an index already has (a snapshot's), for a `sources.json` that turns out unusable. */
export function rememberMetadata(dir: string, metas: Iterable<ArticleMeta>): void {
  const key = path.resolve(dir);
  if (lastGood.has(key)) return;
  const out = new Map<string, Omit<ArticleMeta, 'file'>>();
  for (const { file, ...meta } of metas) if (Object.keys(meta).length) out.set(file, meta);
  lastGood.set(key, out);
}

/** Forgets what `rememberMetadata` and the last good read recorded for a folder (a new process, in tests). */
export function forgetMetadata(dir: string): void {
  lastGood.delete(path.resolve(dir));
}

/** What an unusable `sources.json` means for the articles, said at the end of its warning. */
const keptOrNone = (kept: boolean) =>
  kept ? 'articles keep the metadata read before (the last good sources.json); fix it and refresh' : 'articles are indexed without metadata until it is fixed';

/** Reads and validates `sources.json`. Bad entries and bad fields are dropped with a warning each. */
export async function readSources(dir: string, warnings: CorpusWarning[], fs: CorpusFs = NODE_FS): Promise<Map<string, Omit<ArticleMeta, 'file'>>> {
  const key = path.resolve(dir);
  const fallback = () => {
    const kept = lastGood.get(key);
    return { kept: !!kept?.size, out: new Map([...(kept ?? [])].map(([file, meta]) => [file, { ...meta }])) };
  };
  let raw: string;
  try {
    raw = Buffer.from(await readRegular(fs, path.join(dir, SOURCES_FILE), MAX_SOURCES_BYTES)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      // No sources.json at all is a corpus without metadata, not a broken file.
      lastGood.set(key, new Map());
      return new Map();
    }
    const f = fallback();
    if (err instanceof Skip) warnings.push({ file: SOURCES_FILE, problem: `unreadable (${err.message.replace(/; (?:skipped)$/, '')}); ${keptOrNone(f.kept)}`, kind: 'unreadable' });
    else warnings.push(fsProblem(SOURCES_FILE, err, keptOrNone(f.kept)));
    return f.out;
  }
  let parsed: Map<string, Omit<ArticleMeta, 'file'>>;
  let found: CorpusWarning[];
  if (lastSources?.raw === raw) {
    parsed = lastSources.out;
    found = lastSources.warnings;
  } else {
    found = [];
    parsed = parseSources(raw, found);
    lastSources = { raw, out: parsed, warnings: found };
  }
  const unusable = found.find((w) => w.kind === 'unusable');
  if (unusable) {
    const f = fallback();
    warnings.push({ ...unusable, problem: `${unusable.problem}; ${keptOrNone(f.kept)}` });
    return f.out;
  }
  for (const w of found) warnings.push({ ...w });
  const out = new Map([...parsed].map(([file, meta]) => [file, { ...meta }]));
  lastGood.set(key, out);
  return new Map([...out].map(([file, meta]) => [file, { ...meta }]));
}

/** Parses the text of `sources.json`: each listed file's metadata, a warning per problem. */
function parseSources(raw: string, warnings: CorpusWarning[]): Map<string, Omit<ArticleMeta, 'file'>> {
  const out = new Map<string, Omit<ArticleMeta, 'file'>>();
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    warnings.push({ file: SOURCES_FILE, problem: `malformed JSON (${(err as Error).message})`, kind: 'unusable' });
    return out;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    warnings.push({ file: SOURCES_FILE, problem: 'must be an object mapping file names to metadata', kind: 'unusable' });
    return out;
  }
  for (const [file, value] of Object.entries(json)) {
    const parsed = SourceEntry.safeParse(value);
    if (parsed.success) {
      out.set(file, clean(parsed.data));
      continue;
    }
    // Keep the fields that are valid, drop the bad ones, and say which.
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    warnings.push({
      file: SOURCES_FILE,
      problem: `entry "${file}": ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'} ${i.message}`).join('; ')}; ${bad.has('') ? 'entry ignored' : 'those fields ignored'}`,
      kind: 'metadata',
    });
    if (!bad.has('') && typeof value === 'object' && value !== null) {
      const kept = Object.fromEntries(Object.entries(value).filter(([k]) => !bad.has(k)));
      const again = SourceEntry.safeParse(kept);
      if (again.success) out.set(file, clean(again.data));
    }
  }
  return out;
}

function clean(entry: z.infer<typeof SourceEntry>): Omit<ArticleMeta, 'file'> {
  const meta: Omit<ArticleMeta, 'file'> = {};
  if (entry.title) meta.title = entry.title;
  if (entry.published) meta.published = entry.published;
  if (entry.outlet) meta.outlet = entry.outlet;
  if (entry.url) meta.url = entry.url;
  if (entry.dateline) meta.dateline = entry.dateline;
  return meta;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes one article's bytes (read within the size limit by `readRegular`). Returns the text, or a problem that keeps the file out of the index.
 * A BOM and CRLF line ends are accepted (with a note) since the text is still readable.
 */
function decodeArticle(bytes: Uint8Array): { text?: string; problem?: string; notes: string[] } {
  const notes: string[] = [];
  if (bytes.length === 0) return { problem: 'empty file; skipped', notes };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'UTF-16 text; skipped (re-save it as UTF-8)', notes };
  }
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes); skipped', notes };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: 'not valid UTF-8; skipped (re-save it as UTF-8)', notes };
  }
  if (text.charCodeAt(0) === 0xfeff) notes.push('starts with a byte-order mark (ignored)');
  if (text.includes('\r')) notes.push('has CRLF/CR line ends (read as line breaks)');
  if (text.replace(/^\uFEFF/, '').trim() === '') return { problem: 'no text (only whitespace); skipped', notes };
  // Control characters other than tab/newline/CR mark a binary or corrupted file.
  const controls = text.match(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g);
  if (controls && controls.length > Math.max(4, text.length / 1000)) return { problem: 'binary file (control characters); skipped', notes };
  return { text, notes };
}

function contentHash(bytes: Uint8Array, meta: ArticleMeta): string {
  return createHash('sha256').update(bytes).update('\0').update(JSON.stringify(meta)).digest('hex');
}

/**
 * Reads a corpus folder: every `.txt` file (symlinks are not followed; sub-folders are ignored)
 * plus the optional `sources.json`. Never throws for a bad file: each gives one warning naming it.
 * Throws only when the folder itself cannot be listed. `fs` replaces the file-system calls (tests).
 * With `only`, reads just those files (the others are known already: a re-read of what changed) —
 * `sources.json` is still checked against the whole folder.
 */
export async function readCorpus(dir: string, fs: Partial<CorpusFs> = {}, { only }: { only?: ReadonlySet<string> } = {}): Promise<CorpusRead> {
  const io: CorpusFs = { ...NODE_FS, ...fs };
  const warnings: CorpusWarning[] = [];
  const entries = await io.readdir(dir);
  const sources = await readSources(dir, warnings, io);
  const txt = new Map(entries.filter((e) => e.name.toLowerCase().endsWith('.txt')).map((e) => [e.name, e]));
  const names = [...txt.keys()].sort();
  const known = new Set(names);
  // Metadata kept from before (an unusable sources.json) may name files since removed: nothing to say about those.
  const kept = warnings.some((w) => w.file === SOURCES_FILE && (w.kind === 'unusable' || w.kind === 'unreadable'));
  for (const file of kept ? [] : sources.keys()) {
    if (!known.has(file)) warnings.push({ file: SOURCES_FILE, problem: `lists "${file}", which is not in the corpus folder`, kind: 'unlisted' });
  }
  // Read files concurrently (the disk and the thread pool are far faster than one await at a time),
  // then report in file-name order.
  const toRead = only ? names.filter((n) => only.has(n)) : names;
  const results = await mapLimit(toRead, READ_CONCURRENCY, (file) => readArticle(io, dir, txt.get(file)!, sources.get(file)));
  const articles: RawArticle[] = [];
  for (const r of results) {
    if (r.warning) warnings.push(r.warning);
    if (r.article) articles.push(r.article);
  }
  return { dir, articles, warnings };
}

const READ_CONCURRENCY = 32;

/** Reads one article file: the article, a warning, or both (a readable file with a note). */
async function readArticle(fs: CorpusFs, dir: string, entry: Dirent, source: Omit<ArticleMeta, 'file'> | undefined): Promise<{ article?: RawArticle; warning?: CorpusWarning }> {
  const file = entry.name;
  // The listing's type spares opening a link, a folder, a FIFO or a device; readRegular checks again.
  if (entry.isSymbolicLink()) return { warning: { file, problem: 'symbolic link; not followed', kind: 'skipped' } };
  if (!entry.isFile()) return { warning: { file, problem: 'not a regular file; skipped', kind: 'skipped' } };
  let bytes: Uint8Array;
  try {
    bytes = await readRegular(fs, path.join(dir, file), LIMITS.maxArticleBytes);
  } catch (err) {
    return { warning: err instanceof Skip ? { file, problem: err.message, kind: 'skipped' } : fsProblem(file, err, 'skipped') };
  }
  const decoded = decodeArticle(bytes);
  if (decoded.text === undefined) return { warning: { file, problem: decoded.problem ?? 'unreadable; skipped', kind: 'skipped' } };
  const meta: ArticleMeta = { file, ...source };
  const article: RawArticle = { file, text: decoded.text, hash: contentHash(bytes, meta), meta };
  return decoded.notes.length ? { article, warning: { file, problem: decoded.notes.join('; '), kind: 'note' } } : { article };
}

/** `fn` over `items` with at most `limit` running at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
