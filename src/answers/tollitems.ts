import type { TollEntry, TollReport } from '../facts/tolls/build.ts';
import { headline } from '../facts/tolls/figures.ts';
import { mainReports } from '../facts/tolls/stories.ts';
import type { CorpusIndex } from '../index/types.ts';
import type { TollFigure } from '../nlp/tolls.ts';
import type { CasualtyFigure, CasualtyItem, CasualtyKind, CasualtyMark, CasualtyReport, CasualtySource } from './types.ts';

/** A stored toll entry as an answer item: its quotes, read from the index, and the story of its toll. */


const fig = (f: TollFigure | null | undefined): CasualtyFigure | null => (f ? { value: f.value, text: f.text, atLeast: f.atLeast } : null);

function toReport(index: CorpusIndex, r: TollReport): CasualtyReport | undefined {
  const sources: CasualtySource[] = [];
  for (const ref of r.refs) {
    const a = index.articles.get(ref.file);
    const s = a?.sentences[ref.sentence];
    if (a && s) sources.push({ quote: s.text, source: ref.file, published: a.meta.published ?? null });
  }
  const first = sources[0];
  if (!first) return undefined;
  const h = headline(r);
  const dates = sources.map((x) => x.published).filter((d): d is string => Boolean(d)).sort();
  return {
    kind: h.kind as CasualtyKind,
    figure: fig(h.figure),
    killed: fig(r.killed),
    wounded: fig(r.wounded),
    missing: fig(r.missing),
    combined: r.combined ? { ...fig(r.combined)!, of: r.combined.of } : null,
    affected: (r.affected ?? []).map((a) => ({ kind: a.kind, ...fig(a.figure)! })),
    victims: r.victims?.names ?? [],
    update: Boolean(r.update),
    part: Boolean(r.part),
    published: dates[0] ?? null,
    quote: first.quote,
    source: first.source,
    sources,
  };
}

const mark = (r: CasualtyReport): CasualtyMark | null =>
  r.figure ? { kind: r.kind, value: r.figure.value, text: r.figure.text, atLeast: r.figure.atLeast, published: r.published, quote: r.quote, source: r.source } : null;

/** The item of one event: its lead report's figures at the top, every report in order, and the story of its toll. */
export function toItem(index: CorpusIndex, e: TollEntry): CasualtyItem | undefined {
  const all = e.reports.map((r) => toReport(index, r));
  const reports = all.filter((r): r is CasualtyReport => Boolean(r));
  const lead = all[e.lead] ?? reports[reports.length - 1];
  if (!lead) return undefined;
  const main = mainReports(e.reports).map((r) => all[e.reports.indexOf(r)]);
  const marks = main.map((r) => r && mark(r)).filter((m): m is CasualtyMark => Boolean(m));
  const valued = marks.filter((m) => m.value !== null);
  const highest = valued.reduce<CasualtyMark | null>((b, m) => (!b || m.value! > b.value! ? m : b), null);
  const lowest = valued.reduce<CasualtyMark | null>((b, m) => (!b || m.value! < b.value! ? m : b), null);
  const steps: string[] = [];
  for (const m of marks) if (steps[steps.length - 1] !== m.text) steps.push(m.text);
  const head = e.reports[e.lead] ?? e.reports[e.reports.length - 1]!;
  const sources = reports.flatMap((r) => r.sources);
  const published = sources.map((s) => s.published).filter((d): d is string => Boolean(d)).sort();
  // The lead report's sentence first, then every other one in report order.
  const ordered = [...lead.sources, ...sources.filter((s) => !lead.sources.includes(s))];
  return {
    killed: head.killed?.value ?? null,
    wounded: head.wounded?.value ?? null,
    atLeast: Boolean((head.killed ?? head.wounded ?? head.missing ?? head.combined)?.atLeast),
    killedText: head.killed?.text ?? null,
    woundedText: head.wounded?.text ?? null,
    noCasualties: head.none,
    event: e.event,
    date: e.date,
    published: published[0] ?? null,
    quote: lead.quote,
    source: lead.source,
    sources: ordered,
    kind: lead.kind,
    missing: head.missing?.value ?? null,
    missingText: head.missing?.text ?? null,
    combined: lead.combined,
    affected: lead.affected,
    victims: lead.victims,
    historical: Boolean(head.historical),
    reports,
    order: e.order,
    latest: e.order === 'published' && marks.length ? marks[marks.length - 1]! : null,
    highest,
    range: lowest && highest && lowest.value !== highest.value ? { low: lowest, high: highest } : null,
    change: steps.length > 1 ? steps.join(' → ') : null,
  };
}
