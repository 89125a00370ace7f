import { TEMPLATES } from './features.ts';
import type { Weights } from './perceptron.ts';

/**
 * The trained person tagger, committed as `model.json` (provenance in README.md beside it). Stored
 * compactly: per feature template, the kept values joined by newlines and their weights (O, B, I)
 * as little-endian 16-bit integers in base64, all divided by `scale`.
 */
export interface StoredModel {
  format: 'quotebot-people-perceptron/1';
  templates: string[];
  scale: number;
  trans: number[];
  tables: Record<string, { values: string; weights: string }>;
}

const TAGS = 3;

/** Keeps the rows with a weight of at least `prune` in absolute value, quantised. */
export function storeModel(w: Weights, prune: number): { model: StoredModel; kept: number; total: number } {
  let max = 0;
  for (const x of w.weights) max = Math.max(max, Math.abs(x));
  const scale = 32_000 / Math.max(max, 1e-9);
  const tables: StoredModel['tables'] = {};
  let kept = 0;
  let total = 0;
  TEMPLATES.forEach((name, t) => {
    const values: string[] = [];
    const q: number[] = [];
    for (const [v, row] of w.tables[t]!) {
      total++;
      const ws = [0, 1, 2].map((k) => w.weights[row * TAGS + k]!);
      if (Math.max(...ws.map(Math.abs)) < prune) continue;
      if (v.includes('\n')) continue;
      values.push(v);
      for (const x of ws) q.push(Math.round(x * scale));
    }
    kept += values.length;
    if (!values.length) return;
    tables[name] = { values: values.join('\n'), weights: Buffer.from(Int16Array.from(q).buffer).toString('base64') };
  });
  return { model: { format: 'quotebot-people-perceptron/1', templates: [...TEMPLATES], scale, trans: [...w.trans], tables }, kept, total };
}

/** Reads a stored model into weights the tagger uses. */
export function loadModel(m: StoredModel): Weights {
  if (m.format !== 'quotebot-people-perceptron/1') throw new Error(`people model: unknown format ${String(m.format)}`);
  const missing = TEMPLATES.filter((t, i) => m.templates[i] !== t);
  if (missing.length || m.templates.length !== TEMPLATES.length) throw new Error('people model: its feature templates differ from the code; retrain it (npm run train:people)');
  const tables = TEMPLATES.map(() => new Map<string, number>());
  const chunks: Float32Array[] = [];
  let rows = 0;
  TEMPLATES.forEach((name, t) => {
    const table = m.tables[name];
    if (!table) return;
    const values = table.values.split('\n');
    const bytes = Buffer.from(table.weights, 'base64');
    const ints = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    if (ints.length !== values.length * TAGS) throw new Error(`people model: table ${name} is damaged`);
    const f = new Float32Array(ints.length);
    for (let k = 0; k < ints.length; k++) f[k] = ints[k]! / m.scale;
    chunks.push(f);
    for (const v of values) tables[t]!.set(v, rows++);
  });
  const weights = new Float32Array(rows * TAGS);
  let at = 0;
  for (const c of chunks) {
    weights.set(c, at);
    at += c.length;
  }
  return { tables, weights, trans: Float32Array.from(m.trans) };
}
