import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Derived } from '../facts/derive.ts';
import type { CorpusWarning } from '../corpus/types.ts';
import type { ArticleAnalysis } from '../nlp/analyze.ts';
import type { Sentence } from '../nlp/types.ts';
import { INDEX_VERSION } from './version.ts';
import { searchOver } from './compact-search.ts';
import type { CorpusFiles } from './corpus-files.ts';
import type { Postings } from './postings.ts';
import { byWording, type CorpusIndex } from './types.ts';

/**
 * The snapshot: one JSON file, written atomically (temporary file, fsync, rename), checked at load by
 * a SHA-256 of its content, so a truncated, corrupt or edited snapshot is rebuilt, never served.
 *
 * Layout, chosen for load and save speed at archive scale (see BENCHMARKS.md):
 * - the search index is stored as its flat postings (base64 of typed arrays), not as MiniSearch JSON:
 *   loading it is a copy, and MiniSearch reads it directly (`compact-search.ts`);
 * - each sentence is a row `[start, end, text, key, terms]` (its file and position are implied);
 * - each article's JSON is kept in memory as bytes (copied from the file when loaded), so saving after
 *   a refresh encodes only the articles that changed;
 * - `files` records what the corpus read saw, so the next start skips reading unchanged files.
 */
const FORMAT = 'quotebot-snapshot';
export const SNAPSHOT_FILE = 'index.json';
/** The JSON that closes every snapshot: its checksum. */
const CHECK = ',"check":"';

/** Why a snapshot could not be used. The caller rebuilds and logs this once. */
export class SnapshotUnusable extends Error {}

type SentenceRow = [start: number, end: number, text: string, key: string, terms: string];

interface ArticleRecord {
  meta: ArticleAnalysis['meta'];
  hash: string;
  facts: ArticleAnalysis['facts'];
  dropped: ArticleAnalysis['dropped'];
  sentences: SentenceRow[];
}

interface SnapshotHead {
  format: typeof FORMAT;
  version: number;
  key: string;
  builtAt: string;
  warnings: CorpusWarning[];
  files: CorpusFiles | null;
  derived: Derived;
  search: { documentCount: number; endian: 'le'; terms: string[]; offsets: string; docs: string; freqs: string; lengths: string };
  /** Length in bytes of each article's JSON, in order (how the loader finds them to keep them). */
  lengths: number[];
  articles: ArticleRecord[];
  check: string;
}

/** Each article's JSON, as the bytes last written or read: a save re-encodes only new articles. */
const articleJson = new WeakMap<ArticleAnalysis, Buffer>();


function jsonOf(a: ArticleAnalysis): Buffer {
  let text = articleJson.get(a);
  if (text === undefined) {
    const record: ArticleRecord = {
      meta: a.meta,
      hash: a.hash,
      facts: a.facts,
      dropped: a.dropped,
      sentences: a.sentences.map((s) => [s.start, s.end, s.text, s.key, s.terms]),
    };
    text = Buffer.from(JSON.stringify(record), 'utf8');
    articleJson.set(a, text);
  }
  return text;
}

/** The bytes of a typed array in base64, as ASCII bytes. */
const b64 = (a: Int32Array) => Buffer.from(Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'), 'latin1');

function fromB64(s: unknown, what: string): Int32Array {
  if (typeof s !== 'string') throw new SnapshotUnusable(`snapshot is corrupt (search index: ${what} missing)`);
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length % 4 !== 0) throw new SnapshotUnusable(`snapshot is corrupt (search index: ${what} truncated)`);
  const out = new Int32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Writes the index to `dir/index.json` atomically: a temporary file in the same folder, flushed to
 * disk, then renamed over the old one. A crash or an error at any point leaves the old snapshot whole
 * and no temporary file behind.
 */
export async function saveSnapshot(dir: string, index: CorpusIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, SNAPSHOT_FILE);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    const articles = [...index.articles.values()];
    const texts = articles.map(jsonOf);
    const p = index.postings;
    // The head as separate pieces, each encoded on its own: one 25 MB string (mostly the base64
    // postings) cost more to flatten and encode than everything else in a save.
    const j = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
    const text = (s: string) => Buffer.from(s, 'utf8');
    const chunks: Buffer[] = [
      text(`{"format":${JSON.stringify(FORMAT)},"version":${INDEX_VERSION},"key":${JSON.stringify(index.key)},"builtAt":${JSON.stringify(index.builtAt)},"warnings":`),
      j(index.warnings),
      text(',"files":'),
      j(index.files ?? null),
      text(',"derived":'),
      j(index.derived),
      text(`,"search":{"documentCount":${p.lengths.length},"endian":"le","terms":`),
      j(p.terms),
      text(',"offsets":"'),
      b64(p.offsets),
      text('","docs":"'),
      b64(p.docs),
      text('","freqs":"'),
      b64(p.freqs),
      text('","lengths":"'),
      b64(p.lengths),
      text('"},"lengths":'),
      j(texts.map((t) => t.length)),
      text(',"articles":['),
    ];
    // Each article's bytes are written as they are kept (no 60 MB string or copy is built: a copy per
    // save was a fifth of a refresh's garbage), by the thread pool while this thread computes the
    // checksum of the same bytes.
    const comma = Buffer.from(',');
    texts.forEach((t, i) => {
      if (i > 0) chunks.push(comma);
      chunks.push(t);
    });
    chunks.push(Buffer.from(']'));
    const writing = fh.writev(chunks);
    const hash = createHash('sha256');
    for (const c of chunks) hash.update(c);
    const check = hash.digest('hex');
    const { bytesWritten } = await writing;
    if (bytesWritten !== chunks.reduce((n, c) => n + c.length, 0)) throw new Error('short write');
    await fh.write(`${CHECK}${check}"}`);
    await fh.sync();
    await fh.close();
    await rename(tmp, target);
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  return target;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const corrupt = (why: string) => new SnapshotUnusable(`snapshot is corrupt (${why})`);

/**
 * Loads `dir/index.json`, whatever corpus it was made of: the caller compares keys (a stale snapshot
 * is still a good cache of unchanged articles). Throws SnapshotUnusable saying why (missing,
 * truncated, corrupt, older version).
 */
export async function loadSnapshot(dir: string): Promise<CorpusIndex> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotUnusable(code === 'ENOENT' ? 'no snapshot yet' : `snapshot unreadable (${code})`);
  }
  const text = buf.toString('utf8');
  let snap: SnapshotHead;
  try {
    snap = JSON.parse(text) as SnapshotHead;
  } catch {
    throw new SnapshotUnusable('snapshot is truncated or corrupt (not valid JSON)');
  }
  if (!isObject(snap) || snap.format !== FORMAT) throw new SnapshotUnusable('snapshot is not a quotebot snapshot');
  if (snap.version !== INDEX_VERSION) throw new SnapshotUnusable(`snapshot is from index version ${snap.version}, this code builds version ${INDEX_VERSION}`);
  if (typeof snap.key !== 'string') throw corrupt('no key');

  // Integrity: the checksum covers every byte before it.
  const at = buf.lastIndexOf(CHECK);
  if (at < 0 || typeof snap.check !== 'string' || createHash('sha256').update(buf.subarray(0, at)).digest('hex') !== snap.check) {
    throw corrupt('checksum mismatch');
  }
  return fromHead(snap, buf);
}

/** Rebuilds the index from a parsed, checksum-verified snapshot, checking its shape throughout. */
function fromHead(snap: SnapshotHead, buf: Buffer): CorpusIndex {
  if (!Array.isArray(snap.articles) || !Array.isArray(snap.lengths) || snap.lengths.length !== snap.articles.length) throw corrupt('missing parts');
  if (!isObject(snap.derived) || !['people', 'tolls', 'timeline'].every((k) => Array.isArray((snap.derived as unknown as Record<string, unknown>)[k]))) {
    throw corrupt('derived answers missing');
  }
  if (!isObject(snap.search) || snap.search.endian !== 'le' || !littleEndian) throw corrupt('search index missing');
  if (typeof snap.builtAt !== 'string' || !Array.isArray(snap.warnings) || !(snap.files === null || isObject(snap.files))) throw corrupt('missing parts');

  // Where each article's JSON is, to keep its bytes for the next save (one copy, so the rest of the file can go).
  const end = buf.lastIndexOf(`]${CHECK}`);
  const start = end - snap.lengths.reduce((n, l) => n + l, 0) - Math.max(0, snap.lengths.length - 1);
  if (start < 1 || buf[start - 1] !== 0x5b /* [ */) throw corrupt('article layout');
  const region = Buffer.from(buf.subarray(start, end));
  let pos = 0;
  const articles = new Map<string, ArticleAnalysis>();
  const sentences: Sentence[] = [];
  for (let i = 0; i < snap.articles.length; i++) {
    const r = snap.articles[i]!;
    if (!isObject(r) || !isObject(r.meta) || typeof r.meta.file !== 'string' || typeof r.hash !== 'string' || !Array.isArray(r.sentences)) throw corrupt('an article is malformed');
    const file = r.meta.file;
    const own: Sentence[] = r.sentences.map((row, index) => {
      if (!Array.isArray(row) || row.length !== 5) throw corrupt('a sentence is malformed');
      const [start, end, text, key, terms] = row;
      if (!Number.isInteger(start) || typeof text !== 'string' || end !== start + text.length || typeof key !== 'string' || typeof terms !== 'string') {
        throw corrupt('a sentence is malformed');
      }
      return { file, index, start, end, text, key, terms };
    });
    const a: ArticleAnalysis = { meta: r.meta, hash: r.hash, sentences: own, facts: r.facts, dropped: r.dropped };
    if (articles.has(file)) throw corrupt('an article appears twice');
    articles.set(file, a);
    for (const s of own) sentences.push(s);
    const len = snap.lengths[i]!;
    articleJson.set(a, region.subarray(pos, pos + len));
    pos += len + 1;
  }

  const postings = postingsOf(snap.search, sentences.length);
  const index: CorpusIndex = {
    key: snap.key,
    articles,
    sentences,
    byKey: byWording(sentences),
    search: searchOver(postings),
    postings,
    derived: snap.derived,
    warnings: snap.warnings,
    builtAt: snap.builtAt,
  };
  if (snap.files) index.files = snap.files;
  return index;
}

function postingsOf(s: SnapshotHead['search'], sentences: number): Postings {
  if (s.documentCount !== sentences || !Array.isArray(s.terms)) throw corrupt('index and sentences disagree');
  const p: Postings = { terms: s.terms, offsets: fromB64(s.offsets, 'offsets'), docs: fromB64(s.docs, 'docs'), freqs: fromB64(s.freqs, 'freqs'), lengths: fromB64(s.lengths, 'lengths') };
  const T = p.terms.length;
  if (p.offsets.length !== T + 1 || p.offsets[0] !== 0 || p.offsets[T] !== p.docs.length || p.freqs.length !== p.docs.length || p.lengths.length !== sentences) {
    throw corrupt('search index sizes disagree');
  }
  for (let t = 0; t < T; t++) {
    if (typeof p.terms[t] !== 'string' || p.offsets[t + 1]! < p.offsets[t]! || (t > 0 && !(p.terms[t - 1]! < p.terms[t]!))) throw corrupt('search index terms');
  }
  for (let k = 0; k < p.docs.length; k++) {
    const d = p.docs[k]!;
    if (d < 0 || d >= sentences || p.freqs[k]! < 1) throw corrupt('search index postings');
  }
  return p;
}
