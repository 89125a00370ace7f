import { IndexStore } from '../index/store.ts';
import { type Config, snapshotDirFor } from '../config.ts';
import type { Logger } from '../log.ts';

/** Opens the corpus for a front end: snapshot if valid, else a build; one log line about which. */
export async function openStore(config: Pick<Config, 'CORPUS_DIR' | 'SNAPSHOT_DIR'>, log: Logger): Promise<IndexStore> {
  const store = new IndexStore({ corpusDir: config.CORPUS_DIR, snapshotDir: snapshotDirFor(config.SNAPSHOT_DIR, config.CORPUS_DIR), log });
  const report = await store.open();
  const idx = store.index;
  log.info(
    { from: report.from, ms: Math.round(report.ms), articles: idx.articles.size, sentences: idx.sentences.length },
    `index ready from ${report.from === 'snapshot' ? 'snapshot' : 'a full build'}: ${idx.articles.size} articles, ${idx.sentences.length} sentences in ${Math.round(report.ms)} ms`,
  );
  return store;
}
