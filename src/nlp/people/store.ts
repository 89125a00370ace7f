import { TEMPLATES } from './features.ts';
import { type Weights, weightTable } from './perceptron.ts';

/**
 * The trained person tagger, committed as `model.json` (provenance in README.md beside it). Stored
 * compactly: the kept features' 32-bit keys (hashes of template and value, so no word of the
 * training text is stored), ascending, as little-endian unsigned integers in base64, and their
 * weights (O, B, I) as little-endian 16-bit integers in base64, all divided by `scale`.
 */
export interface StoredModel {
  format: 'quotebot-people-perceptron/2';
  templates: string[];
  scale: number;
  trans: number[];
  keys: string;
  weights: string;
}

const FORMAT = 'quotebot-people-perceptron/2';
const TAGS = 3;

/** Keeps the features with a weight of at least `prune` in absolute value, quantised. */
export function storeModel(w: Weights, prune: number): { model: StoredModel; kept: number; total: number } {
  const size = w.mask + 1;
  const weight = (s: number, k: number) => w.table[s * 4 + 1 + k]! / w.scale;
  let max = 0;
  for (let s = 0; s < size; s++) if (w.keys[s * 4] !== 0) for (let k = 0; k < TAGS; k++) max = Math.max(max, Math.abs(weight(s, k)));
  const scale = 32_000 / Math.max(max, 1e-9);
  const slots: number[] = [];
  let total = 0;
  for (let s = 0; s < size; s++) {
    if (w.keys[s * 4] === 0) continue;
    total++;
    const ws = [0, 1, 2].map((k) => weight(s, k));
    if (Math.max(...ws.map(Math.abs)) >= prune) slots.push(s);
  }
  slots.sort((a, b) => w.keys[a * 4]! - w.keys[b * 4]!);
  const keys = Uint32Array.from(slots, (s) => w.keys[s * 4]!);
  const q = new Int16Array(slots.length * TAGS);
  slots.forEach((s, r) => {
    for (let k = 0; k < TAGS; k++) q[r * TAGS + k] = Math.round(weight(s, k) * scale);
  });
  const b64 = (a: Uint32Array | Int16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return { model: { format: FORMAT, templates: [...TEMPLATES], scale, trans: [...w.trans], keys: b64(keys), weights: b64(q) }, kept: slots.length, total };
}

/** Reads a stored model into weights the tagger uses. */
export function loadModel(m: StoredModel): Weights {
  if (m.format !== FORMAT) throw new Error(`people model: unknown format ${String(m.format)}; retrain it (npm run train:people)`);
  const missing = TEMPLATES.filter((t, i) => m.templates[i] !== t);
  if (missing.length || m.templates.length !== TEMPLATES.length) throw new Error('people model: its feature templates differ from the code; retrain it (npm run train:people)');
  const kb = Buffer.from(m.keys, 'base64');
  const wb = Buffer.from(m.weights, 'base64');
  // Copies: a Buffer's offset need not be aligned for a typed-array view.
  const keys = new Uint32Array(kb.buffer.slice(kb.byteOffset, kb.byteOffset + kb.byteLength));
  const ints = new Int16Array(wb.buffer.slice(wb.byteOffset, wb.byteOffset + wb.byteLength));
  if (ints.length !== keys.length * TAGS) throw new Error('people model: damaged (keys and weights differ in number)');
  // The integers themselves, over `scale` once summed: a word's emission is then exact in any order.
  return weightTable(keys, ints, Float32Array.from(m.trans), m.scale);
}
