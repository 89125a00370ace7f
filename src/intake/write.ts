import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SOURCES_FILE } from '../corpus/read.ts';

/**
 * Writes into the corpus folder for intake, each file atomically (a temporary file in the same
 * folder, fsync, rename), and keeps what is needed to undo every write (`Undo`): a failed intake
 * leaves the folder exactly as it was. Paths: the configured corpus folder joined with file names
 * this module makes (`articleFileName`, safe characters only) or a fixed name (sources.json, the
 * feed list); never a name a user typed.
 */

export type SourceEntry = Record<string, string>;

/** Steps that put the folder back as it was, run last-first. */
export class Undo {
  readonly #steps: (() => Promise<void>)[] = [];
  push(step: () => Promise<void>): void {
    this.#steps.push(step);
  }
  async run(): Promise<void> {
    while (this.#steps.length) await this.#steps.pop()!().catch(() => undefined);
  }
}

const TEMP_PREFIX = '.intake-';

/** Writes `data` to `dir/name` atomically: readers see the old file or the new one, never part of one. */
export async function writeAtomic(dir: string, name: string, data: string): Promise<void> {
  const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(temp, 'wx', 0o644);
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(temp, path.join(dir, name));
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** A file's text, or undefined when it does not exist. */
export async function readIfThere(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(dir, name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** A file name for an article: `YYYY-MM-DD-words-of-the-title.txt` (ASCII letters, digits, hyphens), unique in `taken`. */
export function articleFileName(title: string | undefined, published: string | undefined, taken: (name: string) => boolean): string {
  const words = (title ?? 'article')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const base = `${published ? `${published.slice(0, 10)}-` : ''}${words || 'article'}`;
  let name = `${base}.txt`;
  for (let n = 2; taken(name); n++) name = `${base}-${n}.txt`;
  return name;
}

/** The sources.json object (an empty one when there is none). A malformed file is refused: intake would lose every entry. */
export async function readSourcesObject(dir: string): Promise<{ raw: string | undefined; entries: Record<string, SourceEntry> }> {
  const raw = await readIfThere(dir, SOURCES_FILE);
  if (raw === undefined) return { raw, entries: {} };
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch {
    throw new CorpusWriteError('sources.json is malformed JSON; fix it (or /refresh to see why) before adding articles.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CorpusWriteError('sources.json is not an object of file names; fix it before adding articles.');
  return { raw, entries: json as Record<string, SourceEntry> };
}

export class CorpusWriteError extends Error {}

/** Puts a file back as it was: its old text, or no file. */
function restore(dir: string, name: string, old: string | undefined): () => Promise<void> {
  return () => (old === undefined ? rm(path.join(dir, name), { force: true }) : writeAtomic(dir, name, old));
}

/** Adds an article: its text as `file`, then its sources.json entry; each step registered on `undo`. */
export async function writeArticle(dir: string, file: string, text: string, entry: SourceEntry, undo: Undo): Promise<void> {
  const sources = await readSourcesObject(dir);
  undo.push(restore(dir, file, undefined));
  await writeAtomic(dir, file, text);
  undo.push(restore(dir, SOURCES_FILE, sources.raw));
  await writeAtomic(dir, SOURCES_FILE, `${JSON.stringify({ ...sources.entries, [file]: entry }, null, 2)}\n`);
}

/** Removes an article file and its sources.json entry; the file is kept aside until `commit` (so `undo` can put it back). */
export async function removeArticle(dir: string, file: string, undo: Undo): Promise<{ commit: () => Promise<void> }> {
  const sources = await readSourcesObject(dir);
  const aside = `${TEMP_PREFIX}removed-${randomBytes(6).toString('hex')}.tmp`;
  await rename(path.join(dir, file), path.join(dir, aside));
  undo.push(() => rename(path.join(dir, aside), path.join(dir, file)));
  if (file in sources.entries) {
    const { [file]: _gone, ...rest } = sources.entries;
    undo.push(restore(dir, SOURCES_FILE, sources.raw));
    await writeAtomic(dir, SOURCES_FILE, `${JSON.stringify(rest, null, 2)}\n`);
  }
  return { commit: () => rm(path.join(dir, aside), { force: true }) };
}
