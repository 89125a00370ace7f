/**
 * Trains the person tagger (src/nlp/people/) on the CoNLL-2003 English training split and writes
 * src/nlp/people/model.json.
 *
 *   npm run train:people -- [--data ../shared/benchmarks/people-conll2003] [--epochs 8] [--prune 0.05]
 *                           [--seed 1] [--dev] [--out src/nlp/people/model.json]
 *
 * The CoNLL file is turned into articles with the benchmark's own converter (convert.mjs, beside the
 * data), so that training reads text exactly as the bot reads news: the project's cleaning, wink-nlp's
 * sentences, tokens and POS, and the people extractor's words. Gold PER spans are mapped onto those
 * words by character offsets. `--dev` also reports mention-level figures on the dev split (the
 * `dev/` corpus and `dev-gold.json`), never on the training data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanArticle } from '../src/corpus/clean.ts';
import { type Word, wordsOf } from '../src/nlp/person-words.ts';
import { articleContext } from '../src/nlp/people/features.ts';
import { B, I, Learner, O, tag, type Weights } from '../src/nlp/people/perceptron.ts';
import { loadModel, storeModel } from '../src/nlp/people/store.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const root = path.resolve(import.meta.dirname, '..');
const data = path.resolve(arg('--data', path.join(root, '../shared/benchmarks/people-conll2003')));
const epochs = Number(arg('--epochs', '8'));
const prune = Number(arg('--prune', '0.05'));
const seed = Number(arg('--seed', '1'));
const out = path.resolve(arg('--out', path.join(root, 'src/nlp/people/model.json')));
const withDev = process.argv.includes('--dev');

interface GoldFile {
  files: Record<string, { title: string; entities: { type: string; text: string; sentence: number }[] }>;
}

/** An article's sentences as the extractor's words, each word's gold tag, and its PER names. */
interface Doc {
  sentences: Word[][];
  gold: Uint8Array[];
}

/** Reads a converted corpus folder and its gold file into tagged sentences. */
function readDocs(dir: string, gold: GoldFile): Doc[] {
  const docs: Doc[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const g = gold.files[file];
    if (!g) continue;
    // Character spans of the PER mentions: each entity is found in its line after the previous one.
    const lineStarts: number[] = [];
    let at = 0;
    for (const line of text.split('\n\n')) {
      lineStarts.push(at);
      at += line.length + 2;
    }
    const lines = text.split('\n\n');
    const cursor = new Map<number, number>();
    const per: [number, number][] = [];
    for (const e of g.entities) {
      const line = lines[e.sentence] ?? '';
      const from = cursor.get(e.sentence) ?? 0;
      const k = line.indexOf(e.text, from);
      if (k < 0) continue;
      cursor.set(e.sentence, k + e.text.length);
      if (e.type === 'PER') per.push([lineStarts[e.sentence]! + k, lineStarts[e.sentence]! + k + e.text.length]);
    }
    const clean = cleanArticle(text, g.title);
    const doc: Doc = { sentences: [], gold: [] };
    let index = 0;
    for (const para of clean.paragraphs) {
      for (const st of splitParagraph(file, text, para, index)) {
        index++;
        const ws = wordsOf(st);
        const tags = new Uint8Array(ws.length);
        for (let i = 0; i < ws.length; i++) {
          const s = st.sentence.start + ws[i]!.start;
          const e = st.sentence.start + ws[i]!.end;
          const span = per.find(([a, b]) => s < b && e > a && s >= a - 1);
          if (!span) continue;
          tags[i] = i > 0 && tags[i - 1] !== O && st.sentence.start + ws[i - 1]!.end > span[0] ? I : B;
        }
        doc.sentences.push(ws);
        doc.gold.push(tags);
      }
    }
    docs.push(doc);
  }
  return docs;
}

function mulberry32(a: number) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mention-level precision, recall and F1 of exact spans. */
function evaluate(model: Weights, docs: Doc[], margins?: { right: number[]; wrong: number[] }): { p: number; r: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const spans = (tags: Uint8Array) => {
    const s = new Set<string>();
    for (let i = 0; i < tags.length; i++) {
      if (tags[i] !== B) continue;
      let j = i;
      while (tags[j + 1] === I) j++;
      s.add(`${i}:${j}`);
    }
    return s;
  };
  for (const d of docs) {
    const ctx = articleContext(d.sentences);
    d.sentences.forEach((ws, k) => {
      const gold = spans(d.gold[k]!);
      const tagged = tag(model, ws, ctx);
      for (const x of tagged) (gold.has(`${x.first}:${x.last}`) ? margins?.right : margins?.wrong)?.push(x.margin);
      const found = new Set(tagged.map((x) => `${x.first}:${x.last}`));
      for (const f of found) if (gold.has(f)) tp++;
      else fp++;
      for (const g of gold) if (!found.has(g)) fn++;
    });
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { p, r, f1: (2 * p * r) / Math.max(1e-9, p + r) };
}

/** Runs the benchmark's converter on a CoNLL file into a temporary corpus. */
function convert(conll: string, tmp: string): { dir: string; gold: GoldFile } {
  const dir = path.join(tmp, 'corpus');
  const goldFile = path.join(tmp, 'gold.json');
  execFileSync(process.execPath, [path.join(data, 'convert.mjs'), conll, dir, goldFile, '--prefix', 'train'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, gold: JSON.parse(readFileSync(goldFile, 'utf8')) as GoldFile };
}

const fmt = (x: number) => `${(100 * x).toFixed(1)}%`;
const t0 = Date.now();
const tmp = mkdtempSync(path.join(tmpdir(), 'train-people-'));
try {
  const train = convert(path.join(data, 'eng.train.conll'), tmp);
  const docs = readDocs(train.dir, train.gold);
  const learner = new Learner();
  for (const d of docs) {
    const ctx = articleContext(d.sentences);
    d.sentences.forEach((ws, k) => {
      learner.add(ws, ctx, d.gold[k]!);
    });
  }
  const dev = withDev ? readDocs(path.join(data, 'dev'), JSON.parse(readFileSync(path.join(data, 'dev-gold.json'), 'utf8')) as GoldFile) : [];
  process.stderr.write(`${docs.length} training articles, ${learner.size} sentences read in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const rand = mulberry32(seed);
  const order = Array.from({ length: learner.size }, (_, i) => i);
  for (let e = 1; e <= epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const wrong = learner.epoch(order);
    let line = `epoch ${e}: ${wrong} words wrong`;
    if (withDev) {
      const m = evaluate(learner.averaged(), dev);
      line += `; dev mentions P ${fmt(m.p)} R ${fmt(m.r)} F1 ${fmt(m.f1)}`;
    }
    process.stderr.write(`${line}\n`);
  }
  const { model, kept, total } = storeModel(learner.averaged(), prune);
  const json = JSON.stringify(model);
  writeFileSync(out, `${json}\n`);
  let line = `model: ${kept} of ${total} feature values kept (|w| >= ${prune}), ${(json.length / 1024).toFixed(0)} KiB -> ${path.relative(root, out)}`;
  if (withDev) {
    const margins = { right: [] as number[], wrong: [] as number[] };
    const m = evaluate(loadModel(model), dev, margins);
    line += `; stored model on dev mentions: P ${fmt(m.p)} R ${fmt(m.r)} F1 ${fmt(m.f1)}`;
    // How sure the tagger is of the names it finds, right and wrong: where to set the tagger's SURE.
    for (const cut of [0, 2, 5, 10, 15, 20, 30, 40]) {
      const r = margins.right.filter((x) => x < cut).length;
      const w = margins.wrong.filter((x) => x < cut).length;
      line += `\n  margin < ${cut}: ${r} right, ${w} wrong spans`;
    }
    line += `\n  all: ${margins.right.length} right, ${margins.wrong.length} wrong`;
  }
  process.stderr.write(`${line}\ntotal ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
