/**
 * The benchmark (not a test: nothing here asserts a time).
 *
 *   npm run bench -- [--corpus DIR] [--json] [--only ingest,start,memory,answers,refresh,e2e,pictures,people] [--runs N] [--verify]
 *
 * Sections: 1 ingest, 2 cold start, 3 memory (from the cold-start processes), 4 answer latency,
 * 5 refresh (4 and 5 each in a fresh process started from the snapshot, as the bot runs), 6 end to end through the Discord double, 7 picture render time (in a fresh process too), 8 the people step against wink-nlp's own time (the first 3,000 articles, in a fresh process). Targets (Reuters, this 2-core machine) are in
 * BENCHMARKS.md with the results. Progress goes to stderr; with --json, stdout is one JSON object.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { benchIngest } from './ingest.ts';
import { benchSnapshotDir, machine, ROOT, table } from './lib.ts';
import { benchStart } from './start.ts';

const SECTIONS = ['ingest', 'start', 'memory', 'answers', 'refresh', 'e2e', 'pictures', 'people'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.join(ROOT, 'seeds') },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    verify: { type: 'boolean', default: false },
    'no-single-thread': { type: 'boolean', default: false },
  },
});

const corpusDir = path.resolve(values.corpus);
const only = new Set((values.only?.split(',').map((s) => s.trim()) ?? SECTIONS) as Section[]);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section "${s}"; sections: ${SECTIONS.join(', ')}`);
const runsOverride = values.runs ? Number(values.runs) : undefined;
const say = (s: string) => process.stderr.write(`${s}\n`);

const results: Record<string, unknown> = { machine: machine(), corpus: corpusDir, command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim() };
/** Makes sure a current snapshot of the corpus is in the benchmark's cache (built and saved if not). */
async function ensureSnapshot(): Promise<void> {
  await new IndexStore({ corpusDir, snapshotDir: benchSnapshotDir(corpusDir), log: createLogger('error') }).open();
}

async function main(): Promise<void> {
  say(`benchmark of ${corpusDir}`);
  const articles = (await readdir(corpusDir)).filter((n) => n.endsWith('.txt')).length;
  const large = articles > 1000;

  if (only.has('ingest')) {
    say('1. ingest');
    const r = await benchIngest(corpusDir, { runs: runsOverride ?? (large ? 3 : 5), singleThread: !values['no-single-thread'] });
    results.ingest = r.result;
  }
  if (only.has('start') || only.has('memory')) {
    say('2. cold start (and 3. memory)');
    results.start = await benchStart(corpusDir, { runs: runsOverride ?? 5, rebuildRuns: large ? 1 : 3 });
  }
  if (only.has('answers')) {
    say('4. answer latency');
    await ensureSnapshot();
    results.answers = await inChild('child-answers.ts', [corpusDir, benchSnapshotDir(corpusDir)]);
  }
  if (only.has('refresh')) {
    say('5. refresh');
    results.refresh = await inChild('child-refresh.ts', [corpusDir, String(runsOverride ?? 5), ...(values.verify ? ['--verify'] : [])]);
  }
  if (only.has('e2e')) {
    say('6. end to end');
    const { benchE2E } = await import('./e2e.ts');
    results.e2e = await benchE2E(corpusDir, { waves: [1, 50, 500] });
  }
  if (only.has('pictures')) {
    say('7. pictures');
    await ensureSnapshot();
    results.pictures = await inChild('child-pictures.ts', [corpusDir, benchSnapshotDir(corpusDir)]);
  }
  if (only.has('people')) {
    say('8. people step against wink');
    results.people = await inChild('people.ts', [corpusDir, '3000', String(runsOverride ?? 5)]);
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const out: string[] = [`machine: ${JSON.stringify(results.machine)}`, `corpus: ${corpusDir} (${articles} articles)`];
  for (const [k, v] of Object.entries(results)) {
    if (k === 'machine' || k === 'corpus' || k === 'command') continue;
    out.push('', `== ${k}`);
    out.push(Array.isArray(v) ? table(v as Record<string, unknown>[]) : outline(v));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Nested results as indented lines; a Stats object as one line (ms). */
function outline(v: unknown, indent = ''): string {
  if (typeof v !== 'object' || v === null) return `${indent}${String(v)}`;
  return Object.entries(v)
    .map(([k, x]) => {
      if (x && typeof x === 'object' && 'median' in x && 'p99' in x) {
        const s = x as { median: number; p99: number; min: number; max: number; n: number };
        return `${indent}${k}: median ${s.median}, p99 ${s.p99}, min ${s.min}, max ${s.max} (n=${s.n})`;
      }
      if (x && typeof x === 'object' && !Array.isArray(x)) return `${indent}${k}:\n${outline(x, `${indent}  `)}`;
      return `${indent}${k}: ${Array.isArray(x) ? JSON.stringify(x) : String(x)}`;
    })
    .join('\n');
}

/** Runs `bench/<script>` in a fresh process (stderr passed through) and parses the JSON it prints. */
function inChild(script: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${script} exited with ${code}`))));
  });
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
