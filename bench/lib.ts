/**
 * Shared pieces of the benchmark: statistics, the machine description, where snapshots go, and
 * realistic queries drawn from a corpus's own sentences.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import type { CorpusIndex } from '../src/index/types.ts';
import { queryTerms } from '../src/nlp/terms.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Summary of repeated measurements (milliseconds unless said otherwise). */
export interface Stats {
  n: number;
  median: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return {
    n: s.length,
    median: round(median),
    p50: round(percentile(s, 50)),
    p99: round(percentile(s, 99)),
    min: round(s[0] ?? Number.NaN),
    max: round(s[s.length - 1] ?? Number.NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
export const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);

/** Runs `fn` and returns its wall time in ms along with its result. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** The machine the figures come from. */
export function machine(): Record<string, unknown> {
  const model = (() => {
    try {
      return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
    } catch {
      return undefined;
    }
  })();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: model ?? cpus()[0]?.model,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    loadavg: loadavg().map((x) => round(x)),
  };
}

/** Where the benchmark keeps its snapshot of a corpus (git-ignored, reused across runs). */
export function benchSnapshotDir(corpusDir: string): string {
  const abs = path.resolve(corpusDir);
  const id = createHash('sha1').update(abs).digest('hex').slice(0, 12);
  return path.join(ROOT, '.cache', 'bench', `${path.basename(abs)}-${id}`);
}

/** A small deterministic PRNG (mulberry32), so every run draws the same queries. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many sentences contain each normalised term (from the index's postings). */
export function documentFrequency(index: CorpusIndex): Map<string, number> {
  const df = new Map<string, number>();
  const p = index.postings;
  if (p) for (let t = 0; t < p.terms.length; t++) df.set(p.terms[t]!, p.offsets[t + 1]! - p.offsets[t]!);
  else for (const s of index.sentences) for (const w of new Set(s.terms.split(' ').filter(Boolean))) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

/**
 * Queries a reader could type: a random sentence's rarer words (1 to 3 of them, as written, the
 * rarest first), words that occur in more than one sentence so the query is not just that sentence.
 */
export function rareWordQueries(index: CorpusIndex, count: number, seed = 42): string[] {
  const rand = rng(seed);
  const df = documentFrequency(index);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20 && index.sentences.length > 0; tries++) {
    const s = index.sentences[Math.floor(rand() * index.sentences.length)]!;
    const words = [...new Set(s.text.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [])];
    const scored = words
      .map((w) => ({ w, d: df.get(queryTerms(w)[0] ?? '') ?? 0 }))
      .filter((x) => x.d >= 2)
      .sort((a, b) => a.d - b.d);
    if (scored.length === 0) continue;
    const k = 1 + Math.floor(rand() * Math.min(3, scored.length));
    out.push(
      scored
        .slice(0, k)
        .map((x) => x.w)
        .join(' '),
    );
  }
  return out;
}

/** Names the corpus knows, from /who's precomputed list. */
export function knownNames(index: CorpusIndex, count: number, seed = 7): string[] {
  const names = index.derived.people.map((p) => p.name);
  const rand = rng(seed);
  return Array.from({ length: Math.min(count, names.length * 4) }, () => names[Math.floor(rand() * names.length)]!).filter(Boolean);
}

/** Prints a table of rows (objects with the same keys) to stderr-friendly text. */
export function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(nothing)';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown): string => {
    if (typeof v === 'number') return String(round(v));
    // A small object (`{ n, p99 }`) as "n 262, p99 1004".
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).map(([k, x]) => `${k} ${cell(x)}`).join(', ');
    return String(v ?? '');
  };
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i]!)).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}
