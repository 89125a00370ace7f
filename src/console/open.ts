import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OperatorError } from '../cli.ts';
import { type Config, snapshotDirFor } from '../config.ts';
import type { BuildProgress } from '../index/build.ts';
import { IndexStore } from '../index/store.ts';
import type { Logger } from '../log.ts';

export interface OpenOptions {
  /** Build progress (a first build of a big corpus takes seconds): the console shows a bar. */
  onProgress?: (p: BuildProgress) => void;
}

/**
 * Checks the corpus folder before reading it: a missing path or a file is the operator's mistake, said
 * in one line with what to do. A folder with no `.txt` article is served (articles may come, and
 * `/refresh` reads them) with a warning that names its sub-folders, e.g. `--corpus ../shared/corpora`
 * (a folder of corpora) rather than one corpus in it.
 */
export function checkCorpusFolder(dir: string, log: Logger): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OperatorError(
      code === 'ENOENT'
        ? `The corpus folder ${dir} does not exist. Pass --corpus DIR (or set CORPUS_DIR) to a folder of .txt articles, e.g. --corpus seeds.`
        : `The corpus folder ${dir} cannot be read (${code ?? (err as Error).message}). Pass --corpus DIR (or set CORPUS_DIR) to a readable folder of .txt articles.`,
    );
  }
  if (!isDir) throw new OperatorError(`The corpus path ${dir} is a file, not a folder. Pass --corpus DIR (or set CORPUS_DIR) to the folder that holds the .txt articles.`);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new OperatorError(`The corpus folder ${dir} cannot be listed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  if (entries.some((e) => e.name.toLowerCase().endsWith('.txt'))) return;
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (folders.length) {
    const shown = folders.slice(0, 6).join(', ') + (folders.length > 6 ? `, and ${folders.length - 6} more` : '');
    log.warn(`the corpus folder ${dir} has no .txt articles, only sub-folders (${shown}); sub-folders are not read. Did you mean --corpus ${path.join(dir, folders[0]!)}?`);
  } else {
    log.warn(`the corpus folder ${dir} has no .txt articles; add some and /refresh`);
  }
}

/** Opens the corpus for a front end: snapshot if valid, else a build; one log line about which. */
export async function openStore(config: Pick<Config, 'CORPUS_DIR' | 'SNAPSHOT_DIR'>, log: Logger, opts: OpenOptions = {}): Promise<IndexStore> {
  checkCorpusFolder(config.CORPUS_DIR, log);
  const store = new IndexStore({ corpusDir: config.CORPUS_DIR, snapshotDir: snapshotDirFor(config.SNAPSHOT_DIR, config.CORPUS_DIR), log });
  const report = await store.open(opts.onProgress);
  const idx = store.index;
  log.info(
    { from: report.from, ms: Math.round(report.ms), articles: idx.articles.size, sentences: idx.sentences.length },
    `index ready from ${report.from === 'snapshot' ? 'snapshot' : 'a full build'}: ${idx.articles.size} articles, ${idx.sentences.length} sentences in ${Math.round(report.ms)} ms`,
  );
  return store;
}
