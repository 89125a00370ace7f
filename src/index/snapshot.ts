import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Derived } from '../answers/derive.ts';
import type { CorpusWarning } from '../corpus/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { INDEX_VERSION } from './build.ts';
import { MINISEARCH_OPTIONS } from './search.ts';
import type { CorpusIndex, IndexedDoc } from './types.ts';

const FORMAT = 'quotebot-snapshot';
export const SNAPSHOT_FILE = 'index.json';

interface SnapshotFile {
  format: typeof FORMAT;
  version: number;
  key: string;
  builtAt: string;
  articles: ArticleAnalysis[];
  warnings: CorpusWarning[];
  derived: Derived;
  search: unknown;
}

/** Why a snapshot could not be used. The caller rebuilds and logs this once. */
export class SnapshotUnusable extends Error {}

/**
 * Writes the index to `dir/index.json` atomically: a temporary file in the same folder, flushed to
 * disk, then renamed over the old one. A crash at any point leaves the old snapshot whole.
 */
export async function saveSnapshot(dir: string, index: CorpusIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, SNAPSHOT_FILE);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const body: SnapshotFile = {
    format: FORMAT,
    version: INDEX_VERSION,
    key: index.key,
    builtAt: index.builtAt,
    articles: [...index.articles.values()],
    warnings: index.warnings,
    derived: index.derived,
    search: index.search.toJSON(),
  };
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(body));
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return target;
}

/**
 * Loads `dir/index.json` if it exists and matches `expectedKey` (the current corpus content and
 * index version). Throws SnapshotUnusable saying why otherwise (missing, truncated, corrupt, stale).
 */
export async function loadSnapshot(dir: string, expectedKey: string): Promise<CorpusIndex> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotUnusable(code === 'ENOENT' ? 'no snapshot yet' : `snapshot unreadable (${code})`);
  }
  let snap: SnapshotFile;
  try {
    snap = JSON.parse(raw) as SnapshotFile;
  } catch {
    throw new SnapshotUnusable('snapshot is truncated or corrupt (not valid JSON)');
  }
  if (snap?.format !== FORMAT) throw new SnapshotUnusable('snapshot is not a quotebot snapshot');
  if (snap.version !== INDEX_VERSION) throw new SnapshotUnusable(`snapshot is from index version ${snap.version}, this code builds version ${INDEX_VERSION}`);
  if (snap.key !== expectedKey) throw new SnapshotUnusable('snapshot is stale (the corpus changed since it was made)');
  if (!Array.isArray(snap.articles) || typeof snap.search !== 'object' || snap.search === null) {
    throw new SnapshotUnusable('snapshot is corrupt (missing parts)');
  }
  let search: MiniSearch<IndexedDoc>;
  try {
    search = MiniSearch.loadJS<IndexedDoc>(snap.search as never, MINISEARCH_OPTIONS);
  } catch (err) {
    throw new SnapshotUnusable(`snapshot is corrupt (search index: ${(err as Error).message})`);
  }
  const articles = new Map(snap.articles.map((a) => [a.meta.file, a]));
  const sentences = snap.articles.flatMap((a) => a.sentences);
  const byKey = new Map<string, number[]>();
  sentences.forEach((s, id) => {
    const same = byKey.get(s.key);
    if (same) same.push(id);
    else byKey.set(s.key, [id]);
  });
  if (search.documentCount !== sentences.length) throw new SnapshotUnusable('snapshot is corrupt (index and sentences disagree)');
  return { key: snap.key, articles, sentences, byKey, search, derived: snap.derived, warnings: snap.warnings ?? [], builtAt: snap.builtAt };
}
