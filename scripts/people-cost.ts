/**
 * What the people step costs against wink-nlp's own time, on one thread, for the same articles:
 *
 *   npx tsx scripts/people-cost.ts [--corpus seeds] [--limit 600] [--runs 3]
 *
 * Reads every article as indexing does (cleaning, wink-nlp sentences and tokens), then times
 * `nlp.readDoc` over the same paragraphs and `extractPeople` over the tokens (the tagger, its words and
 * the evidence rules), alternating, and prints the medians and their ratio: of wall time, and of the
 * process's CPU time (user + system, GC threads included), which a busy shared machine inflates less.
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

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const dir = path.resolve(arg('--corpus', 'seeds'));
const limit = Number(arg('--limit', '600'));
const runs = Number(arg('--runs', '3'));

const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, limit);
const paragraphs: string[] = [];
const articles: ArticleTokens[] = [];
for (const f of files) {
  const text = readFileSync(path.join(dir, f), 'utf8');
  const clean = cleanArticle(text);
  const a: ArticleTokens = { meta: { file: f }, sentences: [] };
  for (const p of clean.paragraphs) {
    paragraphs.push(text.slice(p.start, p.end));
    a.sentences.push(...splitParagraph(f, text, p, a.sentences.length));
  }
  articles.push(a);
}
setFlagsFromString('--expose-gc');
const scavenge = runInNewContext('gc') as (o: { type: 'minor' }) => void;
const gc = () => scavenge({ type: 'minor' });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wink: number[] = [];
const people: number[] = [];
const winkCpu: number[] = [];
const peopleCpu: number[] = [];
for (let r = 0; r < runs; r++) {
  gc();
  let t = performance.now();
  let c = cpu();
  for (const p of paragraphs) nlp.readDoc(p);
  wink.push(performance.now() - t);
  winkCpu.push(cpu() - c);
  gc();
  t = performance.now();
  c = cpu();
  let n = 0;
  for (const a of articles) n += extractPeople(a).length;
  people.push(performance.now() - t);
  peopleCpu.push(cpu() - c);
  if (!n && articles.length > 10) throw new Error('no people found');
}
const w = median(wink);
const p = median(people);
const wc = median(winkCpu);
const pc = median(peopleCpu);
const least = (xs: number[]) => Math.min(...xs);
process.stdout.write(
  `${files.length} articles of ${dir}, ${runs} runs: wink readDoc ${w.toFixed(0)} ms, people ${p.toFixed(0)} ms (medians); people / wink = ${(p / w).toFixed(2)}; ` +
    `CPU time: wink ${wc.toFixed(0)} ms, people ${pc.toFixed(0)} ms, ratio ${(pc / wc).toFixed(2)} (medians); ` +
    `least CPU time: wink ${least(winkCpu).toFixed(0)} ms, people ${least(peopleCpu).toFixed(0)} ms, ratio ${(least(peopleCpu) / least(winkCpu)).toFixed(2)}\n`,
);
