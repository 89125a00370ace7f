import type { CorpusIndex } from '../../index/types.ts';
import { nearestTerms } from './neighbours.ts';
import { termId } from './sorted.ts';
import { synonymsOf } from './synonyms.ts';

/** Shares of a question term that its other forms carry. */
export const FORM_WEIGHTS = {
  /** A related form ("nominee" for "nomination") or a near spelling of a word no article has. */
  related: 0.5,
  /** A synonym of news reporting ("killed" for "died"). */
  synonym: 0.3,
  /**
   * A term whose word vector is close (`neighbours.ts`: "earthquak" for "quak", "murder" for "slay"):
   * this share times the cosine. It counts for the story only (`rankArticles`), not the sentence.
   */
  vector: 0.6,
};

/** Neighbours by word vector: at most `k` per question term, of cosine ≥ `sim` (tuned on the 70% half). */
export const VECTOR = { k: 2, sim: 0.6 };

/** A question term with the forms that may stand for it. */
export interface QueryTerm {
  term: string;
  /** Term ids in the postings, with the weight of each form (1 for the term itself). */
  /** `vector`: a neighbour by word vector only (it finds the story, not the sentence). */
  forms: { id: number; weight: number; vector?: boolean }[];
}

/**
 * Endings that derive a word from another, as they stand after stemming: "sing" → "singer",
 * "terror" → "terrorist", "iraq" → "iraqi", "nomin" → "nomine", "republic" → "republican". Other
 * letters make another word that only begins alike: "singh", "superb", "rivera", "landmin".
 */
const DERIVING = /^(?:e|i|er|or|ist|ian|an|al|ial|ic|ish|ism|ee|ess|es|s|y|ie)$/;

/** First position whose term is >= `term`. */
function lowerBound(terms: string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The question's terms with their forms in the index: the term itself, derived forms that share its
 * stem's beginning ("terror" → "terrorist", "nomin" → "nomine"), and the synonyms of `synonyms.ts`.
 */
export function expandTerms(index: CorpusIndex, terms: string[]): QueryTerm[] {
  const vocab = index.postings.terms;
  const out: QueryTerm[] = [];
  for (const term of new Set(terms)) {
    const forms = new Map<number, number>();
    const add = (id: number, w: number) => {
      if (id >= 0 && (forms.get(id) ?? 0) < w) forms.set(id, w);
    };
    const exact = termId(vocab, term);
    add(exact, 1);
    // A word no article has, likely misspelt ("islmaabad"): the indexed words one or two edits away.
    if (exact < 0 && term.length >= 4 && !/\d/.test(term)) for (const id of nearSpellings(vocab, term)) add(id, FORM_WEIGHTS.related);
    if (term.length >= 4 && !/\d/.test(term)) {
      // Longer forms: the term as a prefix, up to 3 more letters.
      for (let i = lowerBound(vocab, term); i < vocab.length && vocab[i]!.startsWith(term); i++) {
        if (vocab[i]!.length - term.length <= 3 && DERIVING.test(vocab[i]!.slice(term.length))) add(i, FORM_WEIGHTS.related);
      }
      // Shorter forms: a prefix of the term, from 4 letters and at most 3 shorter.
      for (let n = Math.max(4, term.length - 3); n < term.length; n++) if (DERIVING.test(term.slice(n))) add(termId(vocab, term.slice(0, n)), FORM_WEIGHTS.related);
    }
    for (const s of synonymsOf(term)) add(termId(vocab, s), FORM_WEIGHTS.synonym);
    // Neighbours by word vector that are no form already: they count for the story only (`rankArticles`).
    const byVector = new Set<number>();
    if (FORM_WEIGHTS.vector > 0 && !/\d/.test(term))
      for (const nb of nearestTerms(index, term, VECTOR.k, VECTOR.sim)) {
        if (forms.has(nb.id)) continue;
        byVector.add(nb.id);
        add(nb.id, FORM_WEIGHTS.vector * nb.sim);
      }
    if (forms.size) out.push({ term, forms: [...forms].map(([id, weight]) => (byVector.has(id) ? { id, weight, vector: true } : { id, weight })) });
  }
  return out;
}

/** Ids of the terms within one edit (two for long words) of `term`, same first letter. */
function nearSpellings(vocab: string[], term: string): number[] {
  const max = term.length >= 8 ? 2 : 1;
  const out: number[] = [];
  const c = term[0]!;
  for (let i = lowerBound(vocab, c); i < vocab.length && vocab[i]![0] === c; i++) {
    const v = vocab[i]!;
    if (Math.abs(v.length - term.length) <= max && editDistance(term, v, max) <= max) out.push(i);
  }
  return out;
}

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(d);
      if (d < low) low = d;
    }
    if (low > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

