import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import type { ArticleMeta, CorpusRead, CorpusWarning, RawArticle } from './types.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'not an ISO date')
  .refine((s) => !Number.isNaN(Date.parse(s.slice(0, 10))), 'not a real date');

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

/** Reads and validates `sources.json`. Bad entries and bad fields are dropped with a warning each. */
export async function readSources(dir: string, warnings: CorpusWarning[]): Promise<Map<string, Omit<ArticleMeta, 'file'>>> {
  const out = new Map<string, Omit<ArticleMeta, 'file'>>();
  let raw: string;
  try {
    raw = await readFile(path.join(dir, SOURCES_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      warnings.push({ file: SOURCES_FILE, problem: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'}); articles keep no metadata` });
    }
    return out;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    warnings.push({ file: SOURCES_FILE, problem: `malformed JSON (${(err as Error).message}); articles keep no metadata` });
    return out;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    warnings.push({ file: SOURCES_FILE, problem: 'must be an object mapping file names to metadata; ignored' });
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
 * Decodes one article's bytes. Returns the text, or a problem that keeps the file out of the index.
 * A BOM and CRLF line ends are accepted (with a note) since the text is still readable.
 */
export function decodeArticle(bytes: Uint8Array): { text?: string; problem?: string; notes: string[] } {
  const notes: string[] = [];
  if (bytes.length === 0) return { problem: 'empty file; skipped', notes };
  if (bytes.length > LIMITS.maxArticleBytes) {
    return { problem: `larger than ${LIMITS.maxArticleBytes / 1024 / 1024} MB (${(bytes.length / 1024 / 1024).toFixed(1)} MB); skipped`, notes };
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

export function contentHash(bytes: Uint8Array, meta: ArticleMeta): string {
  return createHash('sha256').update(bytes).update('\0').update(JSON.stringify(meta)).digest('hex');
}

/**
 * Reads a corpus folder: every `.txt` file (symlinks are not followed; sub-folders are ignored)
 * plus the optional `sources.json`. Never throws for a bad file: each gives one warning naming it.
 * Throws only when the folder itself cannot be listed.
 */
export async function readCorpus(dir: string): Promise<CorpusRead> {
  const warnings: CorpusWarning[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  const sources = await readSources(dir, warnings);
  const names = entries.filter((e) => e.name.toLowerCase().endsWith('.txt')).map((e) => e.name).sort();
  const known = new Set(names);
  for (const file of sources.keys()) {
    if (!known.has(file)) warnings.push({ file: SOURCES_FILE, problem: `lists "${file}", which is not in the corpus folder` });
  }
  // Read files concurrently (the disk and the thread pool are far faster than one await at a time),
  // then report in file-name order.
  const results = await mapLimit(names, READ_CONCURRENCY, (file) => readArticle(dir, file, sources.get(file)));
  const articles: RawArticle[] = [];
  for (const r of results) {
    if (r.warning) warnings.push(r.warning);
    if (r.article) articles.push(r.article);
  }
  return { dir, articles, warnings };
}

const READ_CONCURRENCY = 32;

/** Reads one article file: the article, a warning, or both (a readable file with a note). */
async function readArticle(dir: string, file: string, source: Omit<ArticleMeta, 'file'> | undefined): Promise<{ article?: RawArticle; warning?: CorpusWarning }> {
  const full = path.join(dir, file);
  let bytes: Uint8Array;
  try {
    const st = await lstat(full);
    if (st.isSymbolicLink()) return { warning: { file, problem: 'symbolic link; not followed' } };
    if (!st.isFile()) return { warning: { file, problem: 'not a regular file; skipped' } };
    if (st.size > LIMITS.maxArticleBytes) {
      return { warning: { file, problem: `larger than ${LIMITS.maxArticleBytes / 1024 / 1024} MB (${(st.size / 1024 / 1024).toFixed(1)} MB); skipped` } };
    }
    bytes = await readFile(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { warning: { file, problem: code === 'ENOENT' ? 'disappeared while reading; skipped' : `unreadable (${code ?? 'error'}); skipped` } };
  }
  const decoded = decodeArticle(bytes);
  if (decoded.text === undefined) return { warning: { file, problem: decoded.problem ?? 'unreadable; skipped' } };
  const meta: ArticleMeta = { file, ...source };
  const article: RawArticle = { file, text: decoded.text, hash: contentHash(bytes, meta), meta };
  return decoded.notes.length ? { article, warning: { file, problem: decoded.notes.join('; ') } } : { article };
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
