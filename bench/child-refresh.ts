/**
 * Runs the refresh benchmark in a process of its own, as the bot would be when a moderator refreshes:
 * started from the snapshot and warmed up, holding one index. (Run in the benchmark's own process, it
 * would carry the heap of the sections before it — four full builds — and time their collection.)
 * `node --import tsx bench/child-refresh.ts CORPUS RUNS [--verify]` prints the section's JSON on stdout.
 */
import { benchRefresh } from './refresh.ts';

const [corpusDir, runs, flag] = process.argv.slice(2);
if (!corpusDir || !runs) throw new Error('usage: child-refresh.ts CORPUS RUNS [--verify]');
const result = await benchRefresh(corpusDir, { runs: Number(runs), verify: flag === '--verify' });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
