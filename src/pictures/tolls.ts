import type { ArticleLookup } from '../answers/format.ts';
import type { CasualtyFigure, CasualtyItem, CasualtyReport } from '../answers/types.ts';
import { fitText, textWidth } from './font.ts';
import { shortSource } from './sources.ts';
import { PAD, r, SIZE, svgDocument, text, THEME, WIDTH } from './svg.ts';
import { axisTicks, dayOfIso } from './time.ts';
import type { TollModel, TollPanel, TollPoint } from './types.ts';

/**
 * A casualties answer as a picture: for each event whose toll was reported more than once, a line
 * chart of the figures over the reports' publication dates (or over report order when a report is
 * undated, said on the chart), one line per kind — killed, wounded, missing, … —, each point
 * labelled with its figure as the report writes it ("About 200") and its source. A figure with no
 * number ("hundreds") is listed under the chart. A report for one country of a wider event is left out.
 */

/** Events drawn at most; the picture says how many more changed. */
export const MAX_PANELS = 3;

const KIND_STYLE: Record<string, { colour: string; shape: 'circle' | 'square' | 'triangle' | 'diamond'; dash?: string }> = {
  killed: { colour: '#ff6b6b', shape: 'circle' },
  wounded: { colour: '#ffb454', shape: 'square', dash: '6 3' },
  missing: { colour: '#a6b8ff', shape: 'triangle', dash: '2 3' },
  combined: { colour: '#e58fc0', shape: 'diamond', dash: '8 3 2 3' },
};
const OTHER_STYLE = { colour: '#2ec4a0', shape: 'circle' as const, dash: '1 3' };
const styleOf = (kind: string) => KIND_STYLE[kind] ?? OTHER_STYLE;

const PLOT_H = 160;
const PLOT_L = PAD + 40;
const PLOT_R = WIDTH - PAD - 12;

/** Every figure of a report, one point per kind. */
function reportPoints(rep: CasualtyReport, order: number, lookup: ArticleLookup): TollPoint[] {
  const out: TollPoint[] = [];
  const add = (kind: string, f: CasualtyFigure | null) => {
    if (!f) return;
    out.push({ kind, value: f.value, text: f.text, published: rep.published, order, quote: rep.quote, source: rep.source, sourceLabel: shortSource(rep.source, lookup, false, true) });
  };
  add('killed', rep.killed);
  add('wounded', rep.wounded);
  add('missing', rep.missing);
  if (rep.combined) add(rep.combined.of.join(' or '), rep.combined);
  for (const a of rep.affected) add(a.kind, a);
  return out;
}

/** Kinds of the toll itself, drawn as lines; trapped, rescued, homeless, displaced are listed under the chart. */
const AFFECTED = new Set(['trapped', 'rescued', 'homeless', 'displaced']);
const plottable = (pt: TollPoint): pt is TollPoint & { value: number } => pt.value !== null && !AFFECTED.has(pt.kind);

/**
 * An event worth a chart: reported at least twice with a figure of its toll (not only one country's
 * part, not only "hundreds"). Decided from the answer alone, so a front end knows before rendering.
 */
export function chartable(item: CasualtyItem): boolean {
  const reports = item.reports?.filter((rep) => !rep.part) ?? [];
  return reports.filter((rep) => [rep.killed, rep.wounded, rep.missing, rep.combined].some((f) => f && f.value !== null)).length >= 2;
}

/** The events of a casualties answer whose toll was reported at least twice (at most `MAX_PANELS`); null when none was. */
export function tollModel(items: CasualtyItem[], query: string, lookup: ArticleLookup): { model: TollModel; note?: string } | null {
  const changing = items.filter(chartable);
  if (!changing.length) return null;
  const panels: TollPanel[] = changing.slice(0, MAX_PANELS).map((item) => {
    const reports = item.reports!.filter((rep) => !rep.part);
    const axis = item.order === 'figure' || reports.some((rep) => dayOfIso(rep.published) === null) ? 'order' : 'published';
    const panel: TollPanel = { event: item.event ?? 'An event', date: item.date, axis, reports: reports.length, points: reports.flatMap((rep, k) => reportPoints(rep, k + 1, lookup)) };
    if (item.order === 'figure') panel.byFigure = true;
    return panel;
  });
  const title = query.trim() ? `Casualties: ${query.trim()}` : 'Casualties: how the tolls changed';
  const model: TollModel = { kind: 'tolls', title, panels, total: changing.length, shown: panels.length };
  const note = changing.length > panels.length ? `The picture charts the first ${panels.length} of ${changing.length} events whose toll was reported more than once.` : undefined;
  return note ? { model, note } : { model };
}

/** A rounded-up axis maximum and its step: 1, 2 or 5 times a power of ten. */
function niceScale(max: number): { top: number; step: number } {
  const raw = Math.max(1, max) / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  const whole = Math.max(1, Math.round(step));
  return { top: Math.ceil((max * 1.12) / whole) * whole, step: whole };
}

function marker(shape: string, x: number, y: number, colour: string): string {
  if (shape === 'square') return `<rect x="${r(x - 4)}" y="${r(y - 4)}" width="8" height="8" fill="${colour}"/>`;
  if (shape === 'triangle') return `<path d="M${r(x)},${r(y - 5)} l5,9 l-10,0 z" fill="${colour}"/>`;
  if (shape === 'diamond') return `<path d="M${r(x)},${r(y - 5)} l5,5 l-5,5 l-5,-5 z" fill="${colour}"/>`;
  return `<circle cx="${r(x)}" cy="${r(y)}" r="4.5" fill="${colour}"/>`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** One event's chart, from `top`; returns its SVG and the height used. */
function panelSvg(p: TollPanel, top: number): { body: string[]; height: number } {
  const body: string[] = [];
  let y = top + 14;
  body.push(text(PAD, y, fitText(p.event, WIDTH - 2 * PAD, 13.5, true), { size: 13.5, bold: true }));
  y += 15;
  const how =
    p.axis === 'published' ? 'by publication date' : p.byFigure ? 'undated, so in the answer’s order: by figure, lowest first, not by time' : 'in report order: some reports are undated';
  body.push(text(PAD, y, fitText(`${p.reports} reports${p.date ? ` · event date ${p.date}` : ''}, ${how}`, WIDTH - 2 * PAD, SIZE.small), { size: SIZE.small, fill: p.axis === 'order' ? THEME.accent : THEME.muted }));
  const plotTop = y + 26;
  const plotBottom = plotTop + PLOT_H;
  const plotted = p.points.filter(plottable);
  const { top: yTop, step } = niceScale(Math.max(1, ...plotted.map((pt) => pt.value)));
  const yAt = (v: number) => plotBottom - (v / yTop) * PLOT_H;
  // Grid and the toll axis.
  for (let v = 0; v <= yTop; v += step) {
    body.push(`<line x1="${PLOT_L}" y1="${r(yAt(v))}" x2="${PLOT_R}" y2="${r(yAt(v))}" stroke="${v === 0 ? THEME.faint : THEME.grid}" stroke-width="1"/>`);
    body.push(text(PLOT_L - 6, yAt(v) + 4, v.toLocaleString('en-US'), { size: SIZE.small, fill: THEME.muted, anchor: 'end' }));
  }
  // Report time: days of publication, or the reports' places in the story.
  const xs = p.points.map((pt) => (p.axis === 'published' ? dayOfIso(pt.published)! : pt.order));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = p.axis === 'published' ? Math.max(0.5, (hi - lo) * 0.08) : 0.5;
  const x0 = lo - pad;
  const x1 = hi + pad;
  const inner = PLOT_R - PLOT_L - 40;
  const xAt = (x: number) => PLOT_L + 20 + ((x - x0) / (x1 - x0)) * inner;
  if (p.axis === 'published') {
    for (const t of axisTicks(x0, x1, inner, 58)) {
      body.push(`<line x1="${r(xAt(t.day))}" y1="${plotBottom}" x2="${r(xAt(t.day))}" y2="${plotBottom + 4}" stroke="${THEME.faint}"/>`);
      body.push(text(xAt(t.day), plotBottom + 16, t.year ? `${t.label} ${t.year}` : t.label, { size: SIZE.small, fill: THEME.muted, anchor: 'middle' }));
    }
  } else {
    for (let k = 1; k <= p.reports; k++) body.push(text(xAt(k), plotBottom + 16, `report ${k}`, { size: SIZE.small, fill: THEME.muted, anchor: 'middle' }));
  }
  // Points of one kind at one x stand side by side.
  const seen = new Map<string, number>();
  const at = plotted.map((pt) => {
    const x = p.axis === 'published' ? dayOfIso(pt.published)! : pt.order;
    const key = `${pt.kind} ${x}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { pt, x: xAt(x) + n * 9, y: yAt(pt.value) };
  });
  const kinds = [...new Set(plotted.map((pt) => pt.kind))];
  for (const kind of kinds) {
    const s = styleOf(kind);
    const line = at.filter((a) => a.pt.kind === kind).sort((a, b) => a.x - b.x);
    if (line.length > 1) {
      body.push(`<polyline points="${line.map((a) => `${r(a.x)},${r(a.y)}`).join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    }
  }
  // Labels keep clear of the points and of the lines between them (sampled every few pixels).
  const taken: Box[] = at.map((a) => ({ x: a.x - 5, y: a.y - 5, w: 10, h: 10 }));
  for (const kind of kinds) {
    const line = at.filter((a) => a.pt.kind === kind).sort((a, b) => a.x - b.x);
    for (let i = 1; i < line.length; i++) {
      const [a, b] = [line[i - 1]!, line[i]!];
      const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 6);
      for (let k = 1; k < steps; k++) taken.push({ x: a.x + ((b.x - a.x) * k) / steps - 1.5, y: a.y + ((b.y - a.y) * k) / steps - 1.5, w: 3, h: 3 });
    }
  }
  for (const a of at) {
    const s = styleOf(a.pt.kind);
    body.push(marker(s.shape, a.x, a.y, s.colour));
    const fig = fitText(a.pt.text, 120, SIZE.label, true);
    const src = fitText(a.pt.sourceLabel, 110, SIZE.small);
    const w = Math.max(textWidth(fig, SIZE.label, true), textWidth(src, SIZE.small));
    const h = 26;
    // Beside the point first, then further off; failing all, the spot that overlaps least.
    const near: Box[] = [
      { x: a.x - w / 2, y: a.y - h - 7, w, h },
      { x: a.x + 9, y: a.y - h / 2, w, h },
      { x: a.x - w / 2, y: a.y + 8, w, h },
      { x: a.x - w - 9, y: a.y - h / 2, w, h },
      { x: a.x + 9, y: a.y - h - 4, w, h },
      { x: a.x + 9, y: a.y + 4, w, h },
      { x: a.x - w - 9, y: a.y - h - 4, w, h },
      { x: a.x - w - 9, y: a.y + 4, w, h },
    ];
    const far = [1, 2, 3, 4].flatMap((k) => [
      { x: a.x - w / 2, y: a.y - h - 7 - k * (h + 2), w, h },
      { x: a.x + 9 + k * 24, y: a.y - h - 4 - k * (h + 2), w, h },
      { x: a.x - w - 9 - k * 24, y: a.y - h - 4 - k * (h + 2), w, h },
      { x: a.x - w / 2, y: a.y + 8 + k * (h + 2), w, h },
    ]);
    const spots = [...near, ...far].map((b) => ({ ...b, x: Math.max(PLOT_L + 2, Math.min(b.x, WIDTH - PAD - b.w)) })).filter((b) => b.y >= plotTop - 22 && b.y + b.h <= plotBottom + 2);
    const clash = (b: Box) => taken.reduce((n, t) => n + (overlaps(t, b) ? Math.min(t.x + t.w, b.x + b.w) - Math.max(t.x, b.x) : 0), 0);
    const spot = spots.find((b) => clash(b) === 0) ?? [...spots].sort((x, y) => clash(x) - clash(y))[0] ?? near[0]!;
    if (spot !== near[0] && Math.hypot(spot.x + w / 2 - a.x, spot.y + h / 2 - a.y) > 40) {
      body.push(`<line x1="${r(a.x)}" y1="${r(a.y)}" x2="${r(Math.max(spot.x, Math.min(a.x, spot.x + w)))}" y2="${r(spot.y + (spot.y > a.y ? 0 : h))}" stroke="${s.colour}" stroke-opacity="0.5"/>`);
    }
    taken.push(spot);
    body.push(text(spot.x, spot.y + 11, fig, { size: SIZE.label, bold: true, fill: s.colour }));
    body.push(text(spot.x, spot.y + 24, src, { size: SIZE.small, fill: THEME.muted }));
  }
  y = plotBottom + 34;
  // Key: each kind's marker and name.
  let kx = PLOT_L;
  for (const kind of kinds) {
    const s = styleOf(kind);
    const label = kind === 'killed' ? 'killed / dead' : kind;
    body.push(marker(s.shape, kx + 4, y - 4, s.colour), text(kx + 12, y, label, { size: SIZE.small }));
    kx += 12 + textWidth(label, SIZE.small) + 16;
  }
  for (const pt of p.points.filter((x) => !plottable(x))) {
    y += 15;
    const when = p.axis === 'published' ? pt.published?.slice(0, 10) : `report ${pt.order}`;
    const what = pt.value === null ? 'No exact figure' : 'Also reported';
    body.push(text(PAD, y, fitText(`${what}: “${pt.text}” ${pt.kind} (${pt.sourceLabel}, ${when})`, WIDTH - 2 * PAD, SIZE.small), { size: SIZE.small, fill: THEME.muted }));
  }
  return { body, height: y + 10 - top };
}

/** The SVG of a toll model: a title, then one chart per event. */
export function tollSvg(model: TollModel): string {
  const body: string[] = [];
  let y = PAD + SIZE.title;
  body.push(text(PAD, y, fitText(model.title, WIDTH - 2 * PAD, SIZE.title, true), { size: SIZE.title, bold: true }));
  y += 16;
  const sub =
    model.shown < model.total
      ? `The first ${model.shown} of ${model.total} events whose toll was reported more than once`
      : `${model.total === 1 ? 'The event' : `${model.total} events`} whose toll was reported more than once: each figure as written`;
  body.push(text(PAD, y, fitText(sub, WIDTH - 2 * PAD, SIZE.small, model.shown < model.total), { size: SIZE.small, fill: model.shown < model.total ? THEME.accent : THEME.muted, bold: model.shown < model.total }));
  y += 6;
  model.panels.forEach((p, i) => {
    if (i > 0) body.push(`<line x1="${PAD}" y1="${r(y + 4)}" x2="${WIDTH - PAD}" y2="${r(y + 4)}" stroke="${THEME.grid}"/>`);
    const drawn = panelSvg(p, y + 6);
    body.push(...drawn.body);
    y += 6 + drawn.height;
  });
  return svgDocument(WIDTH, y + PAD - 4, body);
}
