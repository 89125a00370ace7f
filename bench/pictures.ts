/**
 * 7. Picture render time: the /timeline picture of each of the corpus's most common topics (Reuters:
 * the `topics` of sources.json; elsewhere words drawn from the corpus), and the toll chart of every
 * event whose toll was reported more than once, each rendered alone. Timed from the answer to the
 * PNG (layout, SVG, resvg on the thread pool, PNG encoding), wall clock and the process's CPU time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answer } from '../src/answers/engine.ts';
import { lookupIn } from '../src/answers/format.ts';
import type { Answer, CasualtyItem } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { renderPicture } from '../src/pictures/render.ts';
import { chartable } from '../src/pictures/tolls.ts';
import { rareWordQueries, round, stats } from './lib.ts';

const TARGET_MS = 300;

/** The corpus's most common topics (sources.json `topics`), else words drawn from it. */
function topics(corpusDir: string, index: CorpusIndex, n: number): string[] {
  try {
    const meta = JSON.parse(readFileSync(path.join(corpusDir, 'sources.json'), 'utf8')) as Record<string, { topics?: string[] }>;
    const count = new Map<string, number>();
    for (const m of Object.values(meta)) for (const t of m.topics ?? []) count.set(t, (count.get(t) ?? 0) + 1);
    if (count.size) return [...count].sort((a, b) => b[1] - a[1]).slice(0, n).map(([t]) => t);
  } catch {
    // no sources.json: words of the corpus
  }
  return rareWordQueries(index, n, 43).map((q) => q.split(' ')[0]!);
}

async function measure(index: CorpusIndex, answers: Answer[]) {
  const lookup = lookupIn(index);
  const wall: number[] = [];
  const cpu: number[] = [];
  const events: number[] = [];
  let bytes = 0;
  let height = 0;
  let slowest = { ms: 0, query: '' };
  for (const a of answers.slice(0, 3)) await renderPicture(a, lookup); // warm-up
  for (const a of answers) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const p = await renderPicture(a, lookup);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (!p) continue;
    wall.push(ms);
    cpu.push((c.user + c.system) / 1000);
    events.push(p.model.kind === 'timeline' ? p.model.shown : p.model.panels[0]!.points.length);
    bytes = Math.max(bytes, p.png.length);
    height = Math.max(height, p.height);
    if (ms > slowest.ms) slowest = { ms: round(ms), query: a.query };
  }
  const w = stats(wall);
  return { n: w.n, median: w.median, p99: w.p99, max: w.max, cpuP99: stats(cpu).p99, target: TARGET_MS, marksMedian: stats(events).median, maxKiB: round(bytes / 1024, 0), maxHeightPx: height, slowest: slowest.query };
}

export async function benchPictures(index: CorpusIndex, corpusDir: string): Promise<Record<string, unknown>[]> {
  const timelines = topics(corpusDir, index, 40).map((t) => answer(index, 'timeline', t, { limit: Number.POSITIVE_INFINITY }));
  const all = answer(index, 'casualties', '', { limit: Number.POSITIVE_INFINITY });
  const tolls = (all.items as CasualtyItem[])
    .filter(chartable)
    .slice(0, 40)
    .map((i): Answer => ({ command: 'casualties', query: i.event ?? '', items: [i] }));
  const rows: Record<string, unknown>[] = [{ picture: '/timeline <topic>', ...(await measure(index, timelines)) }];
  if (tolls.length) rows.push({ picture: 'toll chart (one event)', ...(await measure(index, tolls)) });
  return rows;
}
