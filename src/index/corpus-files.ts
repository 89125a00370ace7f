import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readCorpus, SOURCES_FILE } from '../corpus/read.ts';
import type { CorpusRead, CorpusWarning } from '../corpus/types.ts';

/**
 * Reading a corpus again without re-reading what has not changed.
 *
 * A full read of Reuters (19,004 files: open, read, hash, decode) takes over a second; listing the
 * folder and `lstat`-ing every file takes ~70 ms. So each read records, per file, its lstat signature
 * (type, size, mtime, ctime, inode) and what the file gave (its content hash, or its warning). The next
 * read re-reads only files whose signature changed — the way `git status` and `make` decide — and
 * takes the others' hash from the record; their analysis is already in the index, keyed by that hash.
 *
 * A change made within RACY_MS of a scan might not move the timestamps past what that scan saw
 * (coarse file-system clocks), so such entries are never trusted: they are read again next time
 * ("racy git"). A changed `sources.json` (which feeds every article's metadata, so its hash) means a
 * full read.
 */
export const RACY_MS = 2000;

/** What one scan saw of one file. */
export interface FileEntry {
  sig: string;
  /** Latest of mtime and ctime, in ms. */
  changed: number;
  /** Content hash of the article the file gave (`RawArticle.hash`), if it gave one. */
  hash?: string;
  /** The warning the file gave, if any. */
  warning?: CorpusWarning;
}

/** What a read saw of a corpus folder, kept with the index (and in its snapshot) for the next read. */
export interface CorpusFiles {
  /** When the scan started (ms since the epoch). */
  scannedAt: number;
  /** `sources.json`, or null when there is none. */
  sources: FileEntry | null;
  /** Warnings about `sources.json` itself, in the order `readCorpus` gives them. */
  sourceWarnings: CorpusWarning[];
  /** Every `.txt` entry of the folder, by name. */
  files: Record<string, FileEntry>;
}

/** A read that may have skipped unchanged files. */
export interface CorpusReadSince extends CorpusRead {
  /** Files not read again (unchanged since the previous read), with the hash of the article they gave. */
  reused: { file: string; hash: string }[];
  /** What this read saw, for the next one. */
  files: CorpusFiles;
}

/** Prefix of a signature that was not obtained: such an entry is never trusted. */
const UNKNOWN = 'unknown:';

/** lstat signature of a path; `null` when it does not exist. */
function entryOf(full: string): FileEntry | null {
  try {
    const st = lstatSync(full, { throwIfNoEntry: false });
    if (!st) return null;
    const type = st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : 'o';
    return { sig: `${type}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`, changed: Math.max(st.mtimeMs, st.ctimeMs) };
  } catch (err) {
    // Unknown state: never matches, so the file is read (and readCorpus reports the problem).
    return { sig: `${UNKNOWN}${(err as NodeJS.ErrnoException).code ?? 'error'}`, changed: Date.now() };
  }
}

/**
 * Reads `dir` like `readCorpus`, with the same articles (or their hashes) and the same warnings in the
 * same order, but reads only the files that changed since `previous`. `full` is the reader used for
 * what must be read (the real `readCorpus` unless a test replaces it).
 */
export async function readCorpusSince(dir: string, previous: CorpusFiles | undefined, full: typeof readCorpus = readCorpus): Promise<CorpusReadSince> {
  const scannedAt = Date.now();
  const dirents = readdirSync(dir, { withFileTypes: true });
  const txt = dirents.filter((e) => e.name.toLowerCase().endsWith('.txt')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sources = entryOf(path.join(dir, SOURCES_FILE));
  const now = new Map(txt.map((e) => [e.name, entryOf(path.join(dir, e.name)) ?? { sig: `${UNKNOWN}gone`, changed: scannedAt }]));

  const trusted = (before: FileEntry | null | undefined, after: FileEntry | null | undefined): boolean =>
    !!previous &&
    !!before &&
    !!after &&
    before.sig === after.sig &&
    !before.sig.startsWith(UNKNOWN) &&
    typeof before.changed === 'number' &&
    before.changed < previous.scannedAt - RACY_MS;
  const sourcesSame = !!previous && (previous.sources === null ? sources === null : trusted(previous.sources, sources));

  if (!previous || !sourcesSame) {
    const read = await full(dir);
    return { ...read, reused: [], files: record(scannedAt, sources, now, read.articles, read.warnings) };
  }

  const changed: Dirent[] = [];
  const reused: { file: string; hash: string }[] = [];
  for (const e of txt) {
    const before = previous.files[e.name];
    if (before && trusted(before, now.get(e.name))) {
      if (before.hash) reused.push({ file: e.name, hash: before.hash });
    } else changed.push(e);
  }
  const sameNames = txt.length === Object.keys(previous.files).length && txt.every((e) => e.name in previous.files);

  let sourceWarnings = previous.sourceWarnings;
  let part: CorpusRead = { dir, articles: [], warnings: [] };
  if (changed.length > 0 || !sameNames) {
    // readCorpus over the changed files only (it still reads sources.json for their metadata).
    part = await full(dir, {}, { only: new Set(changed.map((e) => e.name)) });
    sourceWarnings = part.warnings.filter((w) => w.file === SOURCES_FILE);
  }

  // Per-file warnings in file-name order, as readCorpus gives them: fresh for files read now, recorded for the others.
  const fresh = new Map(part.warnings.filter((w) => w.file !== SOURCES_FILE).map((w) => [w.file, w]));
  const warnings: CorpusWarning[] = [...sourceWarnings];
  for (const e of txt) {
    const w = fresh.get(e.name);
    if (w) warnings.push(w);
    else {
      const had = previous.files[e.name]?.warning;
      if (had && trusted(previous.files[e.name], now.get(e.name))) warnings.push(had);
    }
  }
  const files = record(scannedAt, sources, now, part.articles, warnings);
  for (const r of reused) files.files[r.file]!.hash = r.hash;
  return { dir, articles: part.articles, warnings, reused, files };
}

/** The record of a read: signatures as scanned (before reading, so a change during the read shows next time). */
function record(scannedAt: number, sources: FileEntry | null, sigs: Map<string, FileEntry>, articles: CorpusRead['articles'], warnings: CorpusWarning[]): CorpusFiles {
  const files: Record<string, FileEntry> = {};
  for (const [name, e] of sigs) files[name] = { sig: e.sig, changed: e.changed };
  for (const a of articles) if (files[a.file]) files[a.file]!.hash = a.hash;
  const sourceWarnings: CorpusWarning[] = [];
  for (const w of warnings) {
    if (w.file === SOURCES_FILE) sourceWarnings.push(w);
    else if (files[w.file]) files[w.file]!.warning = w;
  }
  return { scannedAt, sources: sources && { sig: sources.sig, changed: sources.changed }, sourceWarnings, files };
}
