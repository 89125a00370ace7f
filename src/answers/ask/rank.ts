import type { CorpusIndex } from '../../index/types.ts';
import type { ArticleAnalysis } from '../../nlp/analyze.ts';
import type { QueryTerm } from './expand.ts';
import type { AnswerKind } from './route.ts';
import { attributedTo, holdsAnswer, signalsOf } from './signals.ts';
import { storyCoverage, titleTerms, topBy } from './story.ts';
import { WEIGHTS } from './weights.ts';

export { expandTerms, type QueryTerm } from './expand.ts';
export { WEIGHTS } from './weights.ts';

/**
 * The answer ranker: the story first, then the sentence. Articles are scored by BM25 over all their
 * sentences (the lead and the title count more); the sentences of the best few are then scored by
 * their own BM25, their article's score, the question terms of their neighbours, how close together
 * the question's terms stand, and whether they hold the kind of thing asked for (a person, a date, a
 * figure, a place, a cause, the words of the person asked about). Every weight is in `weights.ts`, by name.
 */
interface Layout {
  articles: ArticleAnalysis[];
  /** Sentence id → article number. */
  articleOf: Int32Array;
  /** Article number → its first sentence id. */
  firstId: Int32Array;
  articleLength: Float64Array;
  avgArticleLength: number;
  avgSentenceLength: number;
}

const layouts = new WeakMap<CorpusIndex, Layout>();

function layoutOf(index: CorpusIndex): Layout {
  let l = layouts.get(index);
  if (l) return l;
  const articles = [...index.articles.values()];
  const articleOf = new Int32Array(index.sentences.length);
  const firstId = new Int32Array(articles.length + 1);
  const articleLength = new Float64Array(articles.length);
  const lengths = index.postings.lengths;
  let id = 0;
  let total = 0;
  articles.forEach((a, n) => {
    firstId[n] = id;
    for (let k = 0; k < a.sentences.length; k++, id++) {
      articleOf[id] = n;
      articleLength[n]! += lengths[id] ?? 0;
    }
    total += articleLength[n]!;
  });
  firstId[articles.length] = id;
  l = {
    articles,
    articleOf,
    firstId,
    articleLength,
    avgArticleLength: total / (articles.length || 1),
    avgSentenceLength: total / (index.sentences.length || 1),
  };
  layouts.set(index, l);
  return l;
}

const KIND_WEIGHT: Record<Exclude<AnswerKind, 'quote' | 'any'>, () => number> = {
  person: () => WEIGHTS.kindPerson,
  date: () => WEIGHTS.kindDate,
  number: () => WEIGHTS.kindNumber,
  place: () => WEIGHTS.kindPlace,
  reason: () => WEIGHTS.kindReason,
  manner: () => WEIGHTS.kindReason,
  name: () => WEIGHTS.kindName,
};

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

export interface RankOptions {
  kind: AnswerKind;
  /** The question's words (lower case), to tell an answer from what the question already says. */
  asked: Set<string>;
  /** "What did X say": X as asked. */
  speaker?: string;
  /** A source the question names for a figure or fact ("How many … did NBC News say …"): its words weigh more (`saidSource`). */
  source?: string;
  /** Terms of the speaker's name: they find the article, not the sentence. */
  speakerTerms?: string[];
  /**
   * What the figure asked for measures (`measure.ts`): a figure of another measure fits less. For a
   * date, the kind of date asked ("what time …", "in what year …", `datePatternOf`): a sentence
   * without one does not fit.
   */
  measure?: RegExp;
  /** Only sentences this keeps. */
  filter?: (id: number) => boolean;
  /** Give each sentence's features (tuning, tests). */
  explain?: boolean;
}

export interface Ranked {
  id: number;
  score: number;
  /** Article rank (0 = best). */
  articleRank: number;
  /** Question terms the sentence has, by term. */
  matched: number;
  /** It holds the kind of answer asked for (for "what did X say": it is X's words). */
  fits: boolean;
  /** With `explain`: what the score is made of. */
  features?: Features;
}

/** What a sentence's score is made of: each feature times its weight in `WEIGHTS` (`said` carries its own). */
export interface Features {
  /** The sentence's own BM25, over the question's total idf. */
  bm25: number;
  /** Its article's score: BM25 over the best article's, plus its coverage of the question (`rankArticles`). */
  article: number;
  /** 1 in the best story. */
  top: number;
  context: number;
  proximity: number;
  phrase: number;
  coverage: number;
  /** 1 for the story's first sentence. */
  lead: number;
  /** 1 / (1 + the sentence's position in its story). */
  position: number;
  /** 1 when it holds the kind of answer asked for (times that kind's weight over `kind`). */
  kind: number;
  /** 1 for a sentence of fewer than `shortTerms` terms (a caption, "Watch: … »", a fragment). */
  short: number;
  /** 1 for a sentence that opens with a quotation mark (someone's words, seldom the facts asked for). */
  quotation: number;
  said: number;
}

const NO_FEATURES: Features = { bm25: 0, article: 0, top: 0, context: 0, proximity: 0, phrase: 0, coverage: 0, lead: 0, position: 0, kind: 0, short: 0, quotation: 0, said: 0 };

/** The weighted sum of a sentence's features. */
export function scoreOf(f: Features): number {
  return (
    f.bm25 +
    WEIGHTS.article * f.article +
    WEIGHTS.topStory * f.top +
    WEIGHTS.context * f.context +
    WEIGHTS.proximity * f.proximity +
    WEIGHTS.phrase * f.phrase +
    WEIGHTS.coverage * f.coverage +
    WEIGHTS.leadSentence * f.lead +
    WEIGHTS.position * f.position +
    WEIGHTS.kind * f.kind +
    WEIGHTS.short * f.short +
    WEIGHTS.quotation * f.quotation +
    f.said
  );
}

/**
 * The `limit` articles most relevant to the terms, best first, with their scores. Only the best are
 * sorted (a common word touches most of a large corpus).
 */
export function rankArticles(index: CorpusIndex, query: QueryTerm[], limit: number = WEIGHTS.articles): { n: number; score: number }[] {
  const l = layoutOf(index);
  const p = index.postings;
  const nArticles = l.articles.length;
  const score = new Float64Array(nArticles);
  const tf = new Float64Array(nArticles);
  const touched = new Int32Array(nArticles);
  const own = new Uint8Array(nArticles);
  const all: number[] = [];
  const termIdf: number[] = [];
  const { k1, bArticle: b } = WEIGHTS;
  for (const q of query) {
    // One article frequency per question term, over all its forms (each form weighted); the term's rarity is its own forms': common neighbours by word vector add to tf, not to df.
    let nTouched = 0;
    let nOwn = 0;
    for (const f of q.forms) {
      const end = p.offsets[f.id + 1]!;
      for (let k = p.offsets[f.id]!; k < end; k++) {
        const sid = p.docs[k]!;
        const n = l.articleOf[sid]!;
        if (tf[n] === 0) touched[nTouched++] = n;
        if (!f.vector && own[n] === 0) {
          own[n] = 1;
          nOwn++;
        }
        const lead = sid - l.firstId[n]! < WEIGHTS.leadSentences ? WEIGHTS.lead : 1;
        tf[n]! += p.freqs[k]! * lead * f.weight;
      }
    }
    const w = idf(nArticles, nOwn);
    termIdf.push(w);
    for (let i = 0; i < nTouched; i++) {
      const n = touched[i]!;
      const t = tf[n]!;
      const norm = k1 * (1 - b + (b * l.articleLength[n]!) / l.avgArticleLength);
      if (score[n] === 0) all.push(n);
      score[n]! += (w * (t * (k1 + 1))) / (t + norm);
      tf[n] = 0;
      own[n] = 0;
    }
  }
  // The best few by body, then their titles: a title's words count for the article.
  const head = topBy(all, score, Math.max(limit * 4, limit)).map((n) => ({ n, score: score[n]! }));
  for (const r of head) {
    const title = titleTerms(l.articles[r.n]!);
    if (!title.size) continue;
    query.forEach((q, qi) => {
      if (title.has(q.term)) r.score += WEIGHTS.title * termIdf[qi]!;
    });
  }
  // Then how much of the question each holds: in all, in its lead, in its best sentence.
  const top = Math.max(...head.map((r) => r.score)) || 1;
  for (const r of head) {
    const c = storyCoverage(p, query, termIdf, l.firstId[r.n]!, l.firstId[r.n + 1]!, WEIGHTS.storyLeadSentences);
    r.score = r.score / top + WEIGHTS.storyAll * c.all + WEIGHTS.storyLead * c.lead + WEIGHTS.storyBest * c.best;
  }
  head.sort((x, y) => y.score - x.score || x.n - y.n);
  return head.slice(0, limit);
}

/** Sentences of the best articles, best first. */
export function rankSentences(index: CorpusIndex, asked: QueryTerm[], opts: RankOptions): Ranked[] {
  if (!asked.length) return [];
  const l = layoutOf(index);
  const p = index.postings;
  const top = rankArticles(index, asked);
  if (!top.length) return [];
  const best = top[0]!.score || 1;
  const articles = top.filter((a) => a.score >= WEIGHTS.articleFloor * best);
  // The story's score is on the scale of the best BM25 (1) plus its coverage: no further normalising.
  const N = index.sentences.length;
  const { k1, bSentence: b } = WEIGHTS;
  // A neighbour by word vector finds the story, not the sentence: the sentence must say what was asked.
  const query = asked.map((q) => ({ term: q.term, forms: q.forms.filter((f) => !f.vector) })).filter((q) => q.forms.length);
  if (!query.length) return [];
  // Term id → (question term, form weight, sentence idf).
  const speakerSet = new Set(opts.speakerTerms ?? []);
  const formOf = new Map<string, { q: number; weight: number; idf: number }>();
  let idfTotal = 0;
  query.forEach((q, qi) => {
    let top = 0;
    for (const f of q.forms) {
      const df = p.offsets[f.id + 1]! - p.offsets[f.id]!;
      const w = idf(N, df);
      formOf.set(p.terms[f.id]!, { q: qi, weight: f.weight, idf: w });
      if (f.weight === 1) top = w;
    }
    if (!speakerSet.has(q.term)) idfTotal += top || Math.max(...q.forms.map((f) => idf(N, p.offsets[f.id + 1]! - p.offsets[f.id]!) * f.weight));
  });
  idfTotal ||= 1;

  /** Per sentence: the BM25 of its terms (speaker terms left out), the question terms it has, their positions. */
  const own = (sid: number) => {
    const terms = index.sentences[sid]!.terms.split(' ');
    const len = p.lengths[sid] ?? terms.length;
    const perQ = new Map<number, { tf: number; w: number; idf: number; first: number }>();
    // Question terms that follow each other in the question and in the sentence ("five-year contract").
    let pairs = 0;
    let prevQ = -2;
    let prevPos = -2;
    terms.forEach((t, pos) => {
      const f = formOf.get(t);
      if (!f) return;
      if (f.q === prevQ + 1 && pos === prevPos + 1) pairs++;
      prevQ = f.q;
      prevPos = pos;
      const cur = perQ.get(f.q);
      if (!cur) perQ.set(f.q, { tf: 1, w: f.weight, idf: f.idf, first: pos });
      else {
        cur.tf++;
        if (f.weight * f.idf > cur.w * cur.idf) [cur.w, cur.idf] = [f.weight, f.idf];
      }
    });
    let bm25 = 0;
    const positions: number[] = [];
    for (const [qi, m] of perQ) {
      positions.push(m.first);
      if (speakerSet.has(query[qi]!.term)) continue;
      const norm = k1 * (1 - b + (b * len) / l.avgSentenceLength);
      bm25 += (m.w * m.idf * (m.tf * (k1 + 1))) / (m.tf + norm);
    }
    return { bm25: bm25 / idfTotal, qs: new Set(perQ.keys()), positions, pairs };
  };

  const out: Ranked[] = [];
  // A long question tells which sentence it wants by its words: the prior of early sentences counts less.
  const damp = WEIGHTS.positionTerms > 0 ? Math.min(1, WEIGHTS.positionTerms / query.length) : 1;
  articles.forEach((art, rank) => {
    const a = l.articles[art.n]!;
    const first = l.firstId[art.n]!;
    const count = a.sentences.length;
    const mine = Array.from({ length: count }, (_, k) => own(first + k));
    for (let k = 0; k < count; k++) {
      const sid = first + k;
      if (opts.filter && !opts.filter(sid)) continue;
      const m = mine[k]!;
      const f: Features = { ...NO_FEATURES, bm25: m.bm25, article: art.score, top: rank === 0 ? 1 : 0, lead: k === 0 ? damp : 0, position: damp / (1 + k) };
      // Question terms next door that this sentence lacks: the answer often sits beside the words of the question.
      for (const j of [k - 1, k + 1]) {
        const n = mine[j];
        if (!n) continue;
        let add = 0;
        for (const qi of n.qs) if (!m.qs.has(qi) && !speakerSet.has(query[qi]!.term)) add += 1;
        f.context = Math.max(f.context, add / query.length);
      }
      if (m.positions.length >= 2) {
        const span = Math.max(...m.positions) - Math.min(...m.positions) + 1;
        f.proximity = ((m.positions.length - 1) / (span - 1 || 1)) * (m.positions.length / query.length);
      }
      if (query.length > 1) f.phrase = m.pairs / (query.length - 1);
      f.coverage = m.qs.size / query.length;
      if ((p.lengths[sid] ?? 0) < WEIGHTS.shortTerms) f.short = 1;
      if (!opts.speaker && /^["“]/.test(a.sentences[k]!.text)) f.quotation = 1;
      const sig = signalsOf(a, k);
      let fits = false;
      // "What time …": a time of day is the answer ("at about 0825 local time"), a day without one is none.
      const dated = opts.kind === 'date' && opts.measure !== undefined;
      // A dateline's day is the report's ("Murdochville, Quebec, April 3 - …"): only the news after it is read.
      const holds = dated ? opts.measure!.test(sig.body) : opts.kind !== 'quote' && opts.kind !== 'any' && holdsAnswer(sig, opts.kind, opts.asked);
      if (holds) {
        const unmeasured = !dated && opts.measure && !opts.measure.test(a.sentences[k]!.text);
        f.kind = (KIND_WEIGHT[opts.kind as keyof typeof KIND_WEIGHT]() / WEIGHTS.kind) * (unmeasured ? WEIGHTS.unmeasured : 1);
        fits = true;
      }
      if (opts.speaker) {
        const by = attributedTo(a, k, opts.speaker);
        if (by) f.said = by === 'named' ? WEIGHTS.saidNamed : WEIGHTS.saidPronoun;
        fits = by !== undefined;
      } else if (opts.source && attributedTo(a, k, opts.source) === 'named') f.said = WEIGHTS.saidSource;
      const score = scoreOf(f);
      out.push({ id: sid, score, articleRank: rank, matched: m.qs.size, fits, ...(opts.explain ? { features: f } : {}) });
    }
  });
  out.sort((x, y) => y.score - x.score || x.id - y.id);
  return out;
}
