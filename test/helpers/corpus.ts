import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex } from '../../src/index/build.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { IndexStore, type StoreIO } from '../../src/index/store.ts';
import { createLogger, type Logger } from '../../src/log.ts';

/** The project's seed articles (copied unchanged from ../shared/seeds). */
export const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

let seeds: Promise<CorpusIndex> | undefined;

/** The index of the seed articles, built once per test file. */
export function seedIndex(): Promise<CorpusIndex> {
  seeds ??= indexOf(SEEDS);
  return seeds;
}

/** The real text of every article file of a corpus folder, by file name. */
export async function fileTexts(dir: string, files: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f, await readFile(path.join(dir, f), 'utf8'));
  return out;
}

let seedFiles: Promise<Map<string, string>> | undefined;

/** The text of every seed article file, read once per test file: what quotes must be copied from. */
export function seedTexts(): Promise<Map<string, string>> {
  seedFiles ??= seedIndex().then((index) => fileTexts(SEEDS, index.articles.keys()));
  return seedFiles;
}

/** Builds an index of any corpus folder. */
export async function indexOf(dir: string): Promise<CorpusIndex> {
  const read = await readCorpus(dir);
  return buildIndex(read.articles, read.warnings);
}

/** A temporary folder holding a copy of the seeds (or nothing), removed by the returned cleanup. */
export async function tempCorpus(withSeeds = true): Promise<{ dir: string; root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'quotebot-'));
  const dir = path.join(root, 'corpus');
  if (withSeeds) await cp(SEEDS, dir, { recursive: true });
  else await mkdir(dir);
  return { dir, root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * A temporary corpus the test writes: `files` (name → text, ending with a line break), `sources` as
 * its sources.json when given, and the index built from it; `cleanup` removes the folder.
 */
export async function writtenCorpus(files: Record<string, string>, sources?: Record<string, unknown>) {
  const corpus = await tempCorpus(false);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(corpus.dir, name), text.endsWith('\n') ? text : `${text}\n`);
  if (sources) await writeFile(path.join(corpus.dir, 'sources.json'), JSON.stringify(sources));
  return { ...corpus, index: await indexOf(corpus.dir) };
}

/**
 * For the test that calls it: a copy of the seeds in a temporary folder (removed when the test
 * finishes) and `open`, which opens a new store on it with its own captured log — by default with
 * the snapshot in `snapshotDir`, optionally with faulty disk operations or another snapshot folder.
 */
export async function tempStore() {
  const corpus = await tempCorpus();
  onTestFinished(corpus.cleanup);
  const snapshotDir = path.join(corpus.root, 'snap');
  const open = async (io: Partial<StoreIO> = {}, dir = snapshotDir) => {
    const logs = memoryLogger();
    const store = new IndexStore({ corpusDir: corpus.dir, snapshotDir: dir, log: logs.log, io });
    return { store, report: await store.open(), logs };
  };
  return { corpus, snapshotDir, open };
}

/** A logger whose lines are kept in memory for assertions. */
export function memoryLogger(): { log: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const log = createLogger('debug', { write: (s: string) => void chunks.push(s) } as never);
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), text: () => chunks.join('') };
}
