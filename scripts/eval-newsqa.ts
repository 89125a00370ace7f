/**
 * In-process NewsQA scoring for tuning the answer ranker: the same hit rule as
 * ../shared/benchmarks/questions-newsqa/score.mjs (an item quoting the question's own article that
 * contains an answer span, spacing/quotes/case folded), without a process per batch. Questions are
 * split by a hash of their story's file name, 70% "tune" and 30% "held" (held back: never looked at
 * while tuning), and the figures are given for both halves, by question form, and by failure kind.
 *
 *   npx tsx scripts/eval-newsqa.ts [--dir ../shared/benchmarks/questions-newsqa] [--out verdicts.json]
 *
 * Reads the benchmark from its shared folder at run time; writes nothing into the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reply } from '../src/answers/engine.ts';
import { openStore } from '../src/console/open.ts';
import { createLogger } from '../src/log.ts';
import { halfOf } from './newsqa-half.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' }, split: { type: 'string' } } });
const dir = path.resolve(values.dir ?? '../shared/benchmarks/questions-newsqa');
const corpus = path.join(dir, 'dev');
const gold = JSON.parse(readFileSync(path.join(dir, 'dev-gold.json'), 'utf8')) as {
  questions: { id: string; file: string; question: string; answers: string[]; type: string; sentence: string }[];
};

const norm = (s: string) =>
  String(s ?? '')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();


const log = createLogger('warn');
const store = await openStore({ CORPUS_DIR: corpus, SNAPSHOT_DIR: path.join(tmpdir(), 'quotebot-eval-snap') }, log);
const index = store.index;

interface Row {
  id: string;
  half: string;
  type: string;
  rank: number;
  articleRank: number;
  question: string;
  answers: string[];
  file: string;
  sentence: string;
  got: { source: string; quote: string }[];
  ms: number;
}

const rows: Row[] = [];
for (const q of gold.questions) {
  const t = performance.now();
  const r = reply(index, q.question) as { items?: { quote?: string; source?: string; alsoIn?: { quote: string; source: string }[] }[] };
  const ms = performance.now() - t;
  const items = r.items ?? [];
  const ans = q.answers.map(norm);
  let rank = 0;
  let articleRank = 0;
  items.forEach((it, k) => {
    const pairs = [{ quote: it.quote ?? '', source: it.source ?? '' }, ...(it.alsoIn ?? [])].filter((p) => p.quote);
    const here = pairs.filter((p) => path.basename(p.source) === q.file);
    if (!articleRank && here.length) articleRank = k + 1;
    if (!rank && here.some((p) => ans.some((x) => norm(p.quote).includes(x)))) rank = k + 1;
  });
  rows.push({
    id: q.id,
    half: halfOf(q.file),
    type: q.type,
    rank,
    articleRank,
    question: q.question,
    answers: q.answers,
    file: q.file,
    sentence: q.sentence,
    got: items.slice(0, 3).map((it) => ({ source: it.source ?? '', quote: it.quote ?? '' })),
    ms,
  });
}

const pct = (x: number, n: number) => (n ? ((100 * x) / n).toFixed(1) : '-').padStart(5);
const line = (name: string, rs: Row[]) => {
  const n = rs.length;
  const top1 = rs.filter((r) => r.rank === 1).length;
  const top3 = rs.filter((r) => r.rank >= 1 && r.rank <= 3).length;
  const art1 = rs.filter((r) => r.articleRank === 1).length;
  const mrr = rs.reduce((s, r) => s + (r.rank >= 1 && r.rank <= 10 ? 1 / r.rank : 0), 0) / (n || 1);
  // Failures at rank 1: the right article first but a wrong sentence, or another article first.
  const wrongSentence = rs.filter((r) => r.rank !== 1 && r.articleRank === 1).length;
  return `${name.padEnd(12)} n=${String(n).padStart(4)} top1 ${pct(top1, n)} top3 ${pct(top3, n)} MRR ${mrr.toFixed(3)} art1 ${pct(art1, n)} | miss: wrong sentence ${pct(wrongSentence, n)} wrong article ${pct(n - top1 - wrongSentence, n)}`;
};
const out: string[] = [];
out.push(line('all', rows));
for (const h of ['tune', 'held']) out.push(line(h, rows.filter((r) => r.half === h)));
for (const t of [...new Set(rows.map((r) => r.type))].sort()) out.push(line(`  ${t}`, rows.filter((r) => r.type === t)));
const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
out.push(`ms: p50 ${ms[Math.floor(ms.length * 0.5)]!.toFixed(1)} p99 ${ms[Math.floor(ms.length * 0.99)]!.toFixed(1)} max ${ms.at(-1)!.toFixed(1)}`);
process.stdout.write(`${out.join('\n')}\n`);
if (values.out) writeFileSync(values.out, JSON.stringify(rows, null, 1));
