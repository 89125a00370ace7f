/**
 * Runs the answer-latency benchmark in a process of its own, as the bot answers: started from the
 * snapshot, holding one index. (Run in the benchmark's own process, the timings would include the
 * collection of the heap the ingest section left.)
 * `node --import tsx bench/child-answers.ts CORPUS SNAPSHOT_DIR` prints the section's JSON on stdout.
 */
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { benchAnswers } from './answers.ts';

const [corpusDir, snapshotDir] = process.argv.slice(2);
if (!corpusDir || !snapshotDir) throw new Error('usage: child-answers.ts CORPUS SNAPSHOT_DIR');
const store = new IndexStore({ corpusDir, snapshotDir, log: createLogger('error') });
await store.open();
process.stdout.write(`${JSON.stringify(benchAnswers(store.index, { iterations: 300 }))}\n`);
process.exit(0);
