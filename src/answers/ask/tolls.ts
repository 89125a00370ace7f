import type { CorpusIndex } from '../../index/types.ts';
import { wordTermsOf } from '../../nlp/terms.ts';
import type { CasualtyItem } from '../types.ts';
import { expandTerms, rankArticles } from './rank.ts';
import { escapeRegex } from './signals.ts';

/** How-many questions about a toll: the toll items as the question asks them, most relevant first. */

/**
 * The item as the report that counts the group asked about ("How many guerrillas were killed?":
 * "The sources said 30 guerrillas and 12 government soldiers were killed", not the whole "At least
 * 40 soldiers and guerrillas … died"): a report whose figure (dead, wounded, missing, or a combined
 * "killed or wounded") the sentence writes before that noun, two words apart at most ("12
 * government soldiers"), and not joined to another noun ("40 soldiers and guerrillas" counts neither
 * alone; "30 guerrillas and 12 … soldiers" counts each). Unchanged when no report does.
 */
export function countedReport(item: CasualtyItem, counted: string): CasualtyItem {
  const noun = counted.replace(/(?:es|s)$/, '');
  const counts = (f: { text: string } | null, quote: string) =>
    Boolean(f) && new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegex(f!.text)}\\s+(?:(?!(?:and|or|of)\\s)[\\p{L}-]+\\s+){0,2}${escapeRegex(noun)}(?:e?s)?(?![\\p{L}])(?!\\s+(?:and|or)\\s+\\p{Ll})`, 'iu').test(quote);
  for (const r of item.reports ?? []) {
    for (const f of [r.killed, r.wounded, r.missing, r.combined]) {
      const src = r.sources.find((s) => counts(f, s.quote));
      if (!f || !src) continue;
      if (src.quote === item.quote && src.source === item.source) return item;
      return {
        ...item,
        killed: r.killed?.value ?? null,
        wounded: r.wounded?.value ?? null,
        killedText: r.killed?.text ?? null,
        woundedText: r.wounded?.text ?? null,
        missing: r.missing?.value ?? null,
        missingText: r.missing?.text ?? null,
        combined: r.combined,
        atLeast: Boolean(f.atLeast),
        kind: r.kind,
        quote: src.quote,
        source: src.source,
        sources: [src, ...item.sources.filter((s) => s !== src && !(s.quote === src.quote && s.source === src.source))],
      };
    }
  }
  return item;
}

/** Tolls in the order of their stories' relevance to the question (stable for ties). */
export function byRelevance(index: CorpusIndex, items: CasualtyItem[], terms: string[]): CasualtyItem[] {
  const articles = rankArticles(index, expandTerms(index, terms));
  const files = [...index.articles.keys()];
  const rankOf = new Map(articles.map((a, r) => [files[a.n]!, r]));
  const best = (it: CasualtyItem) => Math.min(...it.sources.map((s) => rankOf.get(s.source) ?? Number.POSITIVE_INFINITY));
  // Tolls of one article: the one whose sentence says more of the question first ("injured in the general strike", not the quake it mentions).
  const asked = new Set(terms);
  const said = (it: CasualtyItem) => Math.max(0, ...it.sources.map((s) => new Set(wordTermsOf(s.quote).filter((t) => asked.has(t))).size));
  return items
    .map((it, i) => ({ it, i, r: best(it), m: said(it) }))
    .sort((a, b) => a.r - b.r || b.m - a.m || a.i - b.i)
    .map((x) => x.it);
}
