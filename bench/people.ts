/**
 * 8. The people step against wink-nlp's own time, on one thread, for the same articles: every article
 * is read as indexing reads it (cleaning, wink-nlp sentences and tokens), then `nlp.readDoc` over the
 * same paragraphs and `extractPeople` over the tokens (the tagger, its words and the evidence rules)
 * are timed, alternating. The ratio that counts is of CPU time (user + system, GC threads included),
 * which a busy shared machine inflates less than wall time. Each phase starts on a freshly scavenged
 * young generation, so that neither pays for collecting the other's short-lived garbage; the least
 * of the runs is given beside the median (the run least disturbed by other work on the machine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cleanArticle } from '../src/corpus/clean.ts';
import { extractPeople } from '../src/nlp/people.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';
import type { ArticleTokens } from '../src/nlp/types.ts';
import { nlp } from '../src/nlp/wink.ts';

export interface PeopleCostOptions {
  /** The first `limit` articles by file name. */
  limit: number;
  runs: number;
}

export interface PeopleCost {
  articles: number;
  runs: number;
  wallMs: { wink: number; people: number; ratio: number };
  cpuMs: { wink: number; people: number; ratio: number };
  leastCpuMs: { wink: number; people: number; ratio: number };
}

const round = (x: number, d = 0) => Number(x.toFixed(d));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function benchPeople(corpusDir: string, opts: PeopleCostOptions): PeopleCost {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort().slice(0, opts.limit);
  const paragraphs: string[] = [];
  const articles: ArticleTokens[] = [];
  for (const f of files) {
    const text = readFileSync(path.join(corpusDir, f), 'utf8');
    const a: ArticleTokens = { meta: { file: f }, sentences: [] };
    for (const p of cleanArticle(text).paragraphs) {
      paragraphs.push(text.slice(p.start, p.end));
      a.sentences.push(...splitParagraph(f, text, p, a.sentences.length));
    }
    articles.push(a);
  }
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (o: { type: 'minor' }) => void;
  const scavenge = () => collect({ type: 'minor' });
  const wall = { wink: [] as number[], people: [] as number[] };
  const used = { wink: [] as number[], people: [] as number[] };
  for (let r = 0; r < opts.runs; r++) {
    scavenge();
    let t = performance.now();
    let c = cpu();
    for (const p of paragraphs) nlp.readDoc(p);
    wall.wink.push(performance.now() - t);
    used.wink.push(cpu() - c);
    scavenge();
    t = performance.now();
    c = cpu();
    let n = 0;
    for (const a of articles) n += extractPeople(a).length;
    wall.people.push(performance.now() - t);
    used.people.push(cpu() - c);
    if (!n && articles.length > 10) throw new Error('the people step found no one');
  }
  const pair = (w: number, p: number) => ({ wink: round(w), people: round(p), ratio: round(p / w, 3) });
  return {
    articles: files.length,
    runs: opts.runs,
    wallMs: pair(median(wall.wink), median(wall.people)),
    cpuMs: pair(median(used.wink), median(used.people)),
    leastCpuMs: pair(Math.min(...used.wink), Math.min(...used.people)),
  };
}

// As a child of bench/run.ts: corpus, limit and runs as arguments, the result as JSON on stdout.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'people.ts') && process.argv[2]) {
  const [corpus, limit, runs] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(benchPeople(path.resolve(corpus!), { limit: Number(limit), runs: Number(runs) }))}\n`);
}
