/**
 * Coordinate search over the answer ranker's weights (`src/answers/ask/rank.ts` WEIGHTS,
 * `expand.ts` FORM_WEIGHTS) on the NewsQA dev split, optionally with BBC stories added as
 * distractors so the stories compete in a corpus the size of the acceptance one. Questions are split
 * 70/30 by a hash of their story (`eval-newsqa.ts`): a change is kept only when it raises the tuned
 * 70%'s top-1 + top-3 + MRR and (with --strict) does not lower the held-back 30%'s. Prints each kept
 * change; writes nothing into the repository (the weights are then set by hand in rank.ts).
 *
 *   npx tsx scripts/tune-ranker.ts [--distractors 370] [--strict] [--rounds 2] [--params lead,storyLead,…] [--set lead=1.5,…]
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORM_WEIGHTS, VECTOR } from '../src/answers/ask/expand.ts';
import { WEIGHTS } from '../src/answers/ask/rank.ts';
import { reply } from '../src/answers/engine.ts';
import { openStore } from '../src/console/open.ts';
import { createLogger } from '../src/log.ts';
import { halfOf } from './newsqa-half.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '../shared/benchmarks/questions-newsqa' },
    bbc: { type: 'string', default: '../shared/corpora/bbc-news-2004-2005' },
    distractors: { type: 'string', default: '0' },
    strict: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '2' },
    params: { type: 'string', default: 'lead,storyAll,storyLead,storyBest,storyLeadSentences,articles,articleFloor,bArticle,article,topStory,context,coverage,position,proximity,quotation' },
    set: { type: 'string', default: '' },
  },
});
const dir = path.resolve(values.dir);
const gold = (JSON.parse(readFileSync(path.join(dir, 'dev-gold.json'), 'utf8')) as { questions: { file: string; question: string; answers: string[] }[] }).questions;

// The corpus: the dev stories, and every sixth BBC story up to --distractors of them (370 in all).
const corpus = mkdtempSync(path.join(tmpdir(), 'quotebot-tune-'));
mkdirSync(corpus, { recursive: true });
for (const f of readdirSync(path.join(dir, 'dev'))) if (f.endsWith('.txt')) copyFileSync(path.join(dir, 'dev', f), path.join(corpus, f));
const bbc = Number(values.distractors) > 0 ? readdirSync(values.bbc).filter((f) => f.endsWith('.txt')).sort().filter((_, i) => (i + 1) % 6 === 0).slice(0, Number(values.distractors)) : [];
for (const f of bbc) copyFileSync(path.join(values.bbc, f), path.join(corpus, `bbc-${f}`));

const norm = (s: string) =>
  String(s ?? '')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const store = await openStore({ CORPUS_DIR: corpus, SNAPSHOT_DIR: `${corpus}-snapshot` }, createLogger('warn'));
type Tally = { n: number; top1: number; top3: number; rr: number };
function evaluate(): Record<'tune' | 'held', Tally> {
  const res = { tune: { n: 0, top1: 0, top3: 0, rr: 0 }, held: { n: 0, top1: 0, top3: 0, rr: 0 } };
  for (const q of gold) {
    const r = reply(store.index, q.question) as { items?: { quote?: string; source?: string; alsoIn?: { quote: string; source: string }[] }[] };
    const ans = q.answers.map(norm);
    let rank = 0;
    (r.items ?? []).forEach((it, k) => {
      const pairs = [{ quote: it.quote ?? '', source: it.source ?? '' }, ...(it.alsoIn ?? [])].filter((p) => p.quote);
      if (!rank && pairs.some((p) => path.basename(p.source) === q.file && ans.some((x) => norm(p.quote).includes(x)))) rank = k + 1;
    });
    const t = res[halfOf(q.file)];
    t.n++;
    if (rank === 1) t.top1++;
    if (rank >= 1 && rank <= 3) t.top3++;
    if (rank) t.rr += 1 / rank;
  }
  return res;
}
const objective = (t: Tally) => (t.top1 + t.top3 + t.rr) / (t.n || 1);
const pct = (x: number, n: number) => ((100 * x) / (n || 1)).toFixed(1);
const fmt = (r: Record<'tune' | 'held', Tally>) => (['tune', 'held'] as const).map((h) => `${h} ${pct(r[h].top1, r[h].n)}/${pct(r[h].top3, r[h].n)}`).join(' ');

const tables: Record<string, Record<string, number>> = {
  W: WEIGHTS as unknown as Record<string, number>,
  F: FORM_WEIGHTS as unknown as Record<string, number>,
  V: VECTOR as unknown as Record<string, number>,
};
/** "lead" is WEIGHTS.lead; "F.synonym" FORM_WEIGHTS.synonym; "V.sim" VECTOR.sim. */
const slot = (name: string): [Record<string, number>, string] => {
  const [t, k] = name.includes('.') ? (name.split('.') as [string, string]) : ['W', name];
  const table = tables[t];
  if (!table || !(k in table)) throw new Error(`no weight ${name}`);
  return [table, k];
};
for (const kv of values.set.split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  const [table, key] = slot(k!);
  table[key] = Number(v);
}
const INTEGER = new Set(['articles', 'leadSentences', 'storyLeadSentences', 'shortTerms', 'k']);

let base = evaluate();
let best = objective(base.tune);
process.stdout.write(`corpus ${gold.length} questions, ${readdirSync(corpus).length} stories (${bbc.length} BBC); start ${fmt(base)}\n`);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const name of values.params.split(',')) {
    const [table, key] = slot(name);
    const v0 = table[key]!;
    const candidates = INTEGER.has(key) ? [v0 - 1, v0 + 1].filter((x) => x >= 1) : [v0 * 0.5, v0 * 0.75, v0 * 1.25, v0 * 1.6].filter((x) => x !== v0);
    for (const c of candidates) {
      table[key] = c;
      const r = evaluate();
      if (objective(r.tune) > best + 0.002 && (!values.strict || objective(r.held) >= objective(base.held) - 0.001)) {
        best = objective(r.tune);
        base = r;
        process.stdout.write(`  ${name} ${v0} -> ${c}: ${fmt(r)}\n`);
        break;
      }
      table[key] = v0;
    }
  }
  process.stdout.write(`round ${round + 1}: ${fmt(base)}\n`);
}
rmSync(corpus, { recursive: true, force: true });
rmSync(`${corpus}-snapshot`, { recursive: true, force: true });
