import type { Postings } from '../../index/postings.ts';
import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import { wordTermsOf } from '../../nlp/terms.ts';
import type { QueryTerm } from './expand.ts';

/**
 * How much of the question a story holds, read from the postings of the question's terms within the
 * story's sentences: over the whole story, in its first sentences (the lead, which the headline and
 * summary a reader saw are written from), and in its best single sentence (the words of the question
 * standing together, as they do around an answer). Each is a share of the question's weight (idf), a
 * related form counting its form weight.
 */
export interface StoryCoverage {
  /** Share of the question's weight found anywhere in the story. */
  all: number;
  /** Share found in the first `leadSentences` sentences. */
  lead: number;
  /** The best sentence's share. */
  best: number;
}

/** First position in `docs[lo, hi)` holding a sentence id >= `id`. */
function lowerBound(docs: Int32Array, lo: number, hi: number, id: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The coverage of the story whose sentences are ids `first … end - 1`, for question terms weighted
 * `weights` (one per term of `query`).
 */
export function storyCoverage(p: Postings, query: QueryTerm[], weights: number[], first: number, end: number, leadSentences: number): StoryCoverage {
  const count = end - first;
  const perSentence = new Float64Array(count);
  let total = 0;
  let all = 0;
  let lead = 0;
  const hit = new Float64Array(count);
  query.forEach((q, qi) => {
    const w = weights[qi]!;
    total += w;
    hit.fill(0);
    let inStory = 0;
    let inLead = 0;
    for (const f of q.forms) {
      const stop = p.offsets[f.id + 1]!;
      for (let k = lowerBound(p.docs, p.offsets[f.id]!, stop, first); k < stop && p.docs[k]! < end; k++) {
        const at = p.docs[k]! - first;
        if (hit[at]! < f.weight) hit[at] = f.weight;
        if (f.weight > inStory) inStory = f.weight;
        if (at < leadSentences && f.weight > inLead) inLead = f.weight;
      }
    }
    all += w * inStory;
    lead += w * inLead;
    if (inStory) for (let at = 0; at < count; at++) perSentence[at]! += w * hit[at]!;
  });
  let best = 0;
  for (let at = 0; at < count; at++) if (perSentence[at]! > best) best = perSentence[at]!;
  return total ? { all: all / total, lead: lead / total, best: best / total } : { all: 0, lead: 0, best: 0 };
}

/** The `k` ids with the highest scores, best first (ties by id). */
export function topBy(ids: number[], score: Float64Array, k: number): number[] {
  if (ids.length <= k * 8) return ids.sort((x, y) => score[y]! - score[x]! || x - y).slice(0, k);
  // A threshold from a sample narrows the sort to the few that can be among the best.
  let kept: number[] = [];
  let threshold = Number.NEGATIVE_INFINITY;
  const sample = ids.filter((_, i) => i % 8 === 0).sort((x, y) => score[y]! - score[x]!);
  threshold = score[sample[Math.min(sample.length - 1, k)]!]!;
  kept = ids.filter((n) => score[n]! >= threshold);
  if (kept.length < k) kept = ids;
  return kept.sort((x, y) => score[y]! - score[x]! || x - y).slice(0, k);
}

/** The terms of an article's title (its words count for the article). */
const titles = new WeakMap<ArticleAnalysis, Set<string>>();
export function titleTerms(a: ArticleAnalysis): Set<string> {
  let t = titles.get(a);
  if (!t) {
    t = new Set(a.meta.title ? wordTermsOf(a.meta.title) : []);
    titles.set(a, t);
  }
  return t;
}
