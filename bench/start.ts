/**
 * 2. Cold start and 3. memory: a fresh process opening the corpus, from its snapshot and without one.
 * Timed by the parent from spawn to the child's "ready" line, so Node's and tsx's start-up count.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SNAPSHOT_FILE } from '../src/index/snapshot.ts';
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { benchSnapshotDir, mib, ROOT, round, stats } from './lib.ts';

interface ChildRun {
  wallMs: number;
  readyMs: number;
  firstAnswerMs: number;
  from: string;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  sentences: number;
  articles: number;
  /** After `store.warmUp()`, as the long-running front ends do. */
  warm?: { warmUpMs: number; rss: number; heapUsed: number; external: number };
}

function runChild(corpusDir: string, snapshotDir: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let wallMs = 0;
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench', 'child-open.ts'), corpusDir, snapshotDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      if (!wallMs && d.includes(10)) wallMs = performance.now() - t0;
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const [ready, mem, warmed] = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      if (code !== 0 || !ready || !mem) return reject(new Error(`child exited with ${code}: ${out}`));
      resolve({ ...(mem as unknown as ChildRun), wallMs, readyMs: Number(ready.readyMs), from: String(ready.from), ...(warmed ? { warm: warmed as unknown as ChildRun['warm'] } : {}) });
    });
  });
}

const memoryOf = (runs: ChildRun[]) => {
  const r = runs[runs.length - 1]!;
  const k = r.sentences / 1000;
  return {
    rssMiB: mib(r.rss),
    heapUsedMiB: mib(r.heapUsed),
    externalMiB: mib(r.external),
    rssPer1000SentencesMiB: round(mib(r.rss) / k, 3),
    heapPer1000SentencesMiB: round(mib(r.heapUsed) / k, 3),
    ...(r.warm ? { afterWarmUp: { warmUpMs: round(r.warm.warmUpMs), rssMiB: mib(r.warm.rss), heapUsedMiB: mib(r.warm.heapUsed), externalMiB: mib(r.warm.external) } } : {}),
  };
};

export async function benchStart(corpusDir: string, opts: { runs: number; rebuildRuns: number }): Promise<Record<string, unknown>> {
  const snapDir = benchSnapshotDir(corpusDir);
  // Make sure a current snapshot exists (the ingest section leaves one; otherwise build it here).
  await new IndexStore({ corpusDir, snapshotDir: snapDir, log: createLogger('error') }).open();
  const size = (await stat(path.join(snapDir, SNAPSHOT_FILE))).size;

  const warm: ChildRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await runChild(corpusDir, snapDir);
    if (r.from !== 'snapshot') throw new Error(`expected a start from the snapshot, got ${r.from}`);
    warm.push(r);
    process.stderr.write(`  start from snapshot ${i + 1}/${opts.runs}: ${Math.round(r.wallMs)} ms\n`);
  }
  const cold: ChildRun[] = [];
  for (let i = 0; i < opts.rebuildRuns; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'quotebot-bench-snap-'));
    try {
      const r = await runChild(corpusDir, dir);
      cold.push(r);
      process.stderr.write(`  start with a full build ${i + 1}/${opts.rebuildRuns}: ${Math.round(r.wallMs)} ms\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    fromSnapshot: stats(warm.map((r) => r.wallMs)),
    fromSnapshotInChild: stats(warm.map((r) => r.readyMs)),
    firstAnswerFromSnapshot: stats(warm.map((r) => r.firstAnswerMs)),
    fullRebuild: cold.length ? stats(cold.map((r) => r.wallMs)) : null,
    snapshotMiB: mib(size),
    sentences: warm[0]?.sentences,
    memoryFromSnapshot: memoryOf(warm),
    memoryAfterRebuild: cold.length ? memoryOf(cold) : null,
  };
}
