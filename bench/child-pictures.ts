/**
 * Runs the picture benchmark in a process of its own, started from the snapshot as the bot is.
 * `node --import tsx bench/child-pictures.ts CORPUS SNAPSHOT_DIR` prints the section's JSON on stdout.
 */
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { benchPictures } from './pictures.ts';

const [corpusDir, snapshotDir] = process.argv.slice(2);
if (!corpusDir || !snapshotDir) throw new Error('usage: child-pictures.ts CORPUS SNAPSHOT_DIR');
const store = new IndexStore({ corpusDir, snapshotDir, log: createLogger('error') });
await store.open();
process.stdout.write(`${JSON.stringify(await benchPictures(store.index, corpusDir))}\n`);
process.exit(0);
