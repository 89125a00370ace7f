import type { ArticleLookup } from '../answers/format.ts';
import type { TimelineItem } from '../answers/types.ts';
import { fitText, textWidth } from './font.ts';
import { layoutLabels } from './layout.ts';
import { OTHER_COLOUR, PAD, PALETTE, r, SIZE, spans, svgDocument, text, THEME, WIDTH } from './svg.ts';
import { commonOutlet, shortSource } from './sources.ts';
import { axisTicks, periodOf, type Tick } from './time.ts';
import type { Precision, TimelineMark, TimelineModel } from './types.ts';

/**
 * A timeline answer as a picture: time runs down a vertical axis, each event a mark at its date —
 * a dot for a day, a bar over the month or the year the text gives — and beside it its date (as the
 * answer gives it and as the quote writes it), its source and the first words of its quote. Colours
 * tell the source articles apart (a legend names them). A long silence is an axis break, so events
 * years apart do not squeeze the rest. Beyond `MAX_MARKS` events, the most told are kept and the
 * picture says so.
 */

/** Events a picture shows at most: each keeps a readable label. */
export const MAX_MARKS = 60;
/** Colours for source articles; past that many articles, the rest share "other sources". */
const GROUPS = PALETTE.length;
/** Height of one label block (two lines) and the gap to the next. */
const ROW = 36;
const AXIS_X = PAD + 64;
/** Bars of months and years stand right of the axis, in lanes so that they do not hide each other. */
const LANES = 3;
const LANE_W = 6;
const LABEL_X = AXIS_X + 16 + LANES * LANE_W;
const LABEL_W = WIDTH - PAD - LABEL_X;
/** A silence longer than this share of the whole span (and than 45 days) breaks the axis. */
const BREAK_SHARE = 0.3;
const BREAK_GAP = 30;

const precisionOf = (date: string): Precision => (/^(?:\d{4}|X{4})$/.test(date) ? 'year' : /^(?:\d{4}|X{4})-\d\d$/.test(date) ? 'month' : 'day');

/** The marks of a timeline answer (at most `MAX_MARKS`, the most told first when there are more), in the answer's order. */
export function timelineModel(items: TimelineItem[], query: string, lookup: ArticleLookup): { model: TimelineModel; note?: string } {
  const rank = (p: Precision) => (p === 'day' ? 2 : p === 'month' ? 1 : 0);
  let kept = items.map((item, i) => ({ item, i }));
  if (kept.length > MAX_MARKS) {
    kept = [...kept]
      .sort((a, b) => (b.item.alsoIn?.length ?? 0) - (a.item.alsoIn?.length ?? 0) || rank(precisionOf(b.item.date)) - rank(precisionOf(a.item.date)) || a.i - b.i)
      .slice(0, MAX_MARKS)
      .sort((a, b) => a.i - b.i);
  }
  const counts = new Map<string, number>();
  for (const { item } of kept) counts.set(item.source, (counts.get(item.source) ?? 0) + 1);
  const bySize = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
  const own = bySize.length > GROUPS ? bySize.slice(0, GROUPS - 1) : bySize;
  const outlet = commonOutlet(counts.keys(), lookup);
  const groups: TimelineModel['groups'] = own.map((s, g) => ({ label: shortSource(s, lookup, true, false, outlet), colour: PALETTE[g]!, count: counts.get(s)! }));
  if (own.length < bySize.length) {
    const rest = bySize.slice(own.length);
    groups.push({ label: `${rest.length} other articles`, colour: OTHER_COLOUR, count: rest.reduce((n, s) => n + counts.get(s)!, 0) });
  }
  const marks: TimelineMark[] = kept.map(({ item }) => {
    const g = own.indexOf(item.source);
    return {
      date: item.date,
      dateText: item.dateText,
      precision: precisionOf(item.date),
      quote: item.quote,
      words: fitText(item.quote, LABEL_W, SIZE.label),
      source: item.source,
      sourceLabel: shortSource(item.source, lookup, false, false, outlet),
      alsoIn: item.alsoIn?.length ?? 0,
      future: Boolean(item.future),
      noYear: item.date.startsWith('XXXX'),
      group: g < 0 ? groups.length - 1 : g,
    };
  });
  const note =
    items.length > kept.length ? `The picture shows ${kept.length} of ${items.length} dated events: those told by the most articles, then the most precisely dated.` : undefined;
  const model: TimelineModel = { kind: 'timeline', title: query.trim() ? `Timeline: ${query.trim()}` : 'Timeline', marks, groups, total: items.length, shown: kept.length };
  if (outlet) model.outlet = outlet;
  return note ? { model, note } : { model };
}

interface Placed {
  mark: TimelineMark;
  start: number;
  end: number;
}

/** Ticks stand at least this far apart (px). */
const TICK_GAP = 34;
/** How much of a mark's place is its time (the rest its rank): crowded days get room, order and dates stay true. */
const LINEAR = 0.2;

/**
 * The axis, stretched where events crowd: a point's place (0…1) is part its time, part its rank
 * among the marks' times, interpolated between them — monotone, so order holds and every tick
 * stands at its true date on the same scale as the marks.
 */
function stretch(seg: Placed[], s0: number, s1: number): (t: number) => number {
  const times = [...new Set([s0, s1, ...seg.flatMap((p) => (p.mark.precision === 'day' ? [p.start + 0.5] : [p.start, p.end]))])].sort((a, b) => a - b);
  const span = Math.max(1e-9, s1 - s0);
  const at = times.map((t, i) => LINEAR * ((t - s0) / span) + (1 - LINEAR) * (i / Math.max(1, times.length - 1)));
  return (t) => {
    let lo = 0;
    let hi = times.length - 1;
    if (t <= times[0]!) return at[0]!;
    if (t >= times[hi]!) return at[hi]!;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! <= t) lo = mid;
      else hi = mid;
    }
    return at[lo]! + ((t - times[lo]!) / (times[hi]! - times[lo]!)) * (at[hi]! - at[lo]!);
  };
}

/** Runs of marks without a long silence inside: each gets its own stretch of axis. */
function segments(placed: Placed[]): Placed[][] {
  if (!placed.length) return [];
  const sorted = [...placed];
  const span = Math.max(1, Math.max(...sorted.map((p) => p.end)) - sorted[0]!.start);
  const out: Placed[][] = [[sorted[0]!]];
  let reach = sorted[0]!.end;
  for (const p of sorted.slice(1)) {
    const gap = p.start - reach;
    if (gap > BREAK_SHARE * span && gap > 45) out.push([p]);
    else out[out.length - 1]!.push(p);
    reach = Math.max(reach, p.end);
  }
  return out;
}

/** The SVG of a timeline model. */
export function timelineSvg(model: TimelineModel): string {
  const body: string[] = [];
  let y = PAD + SIZE.title;
  body.push(text(PAD, y, fitText(model.title, WIDTH - 2 * PAD, SIZE.title, true), { size: SIZE.title, bold: true }));
  y += 18;
  const articles = new Set(model.marks.map((m) => m.source)).size;
  const from = `${articles} ${model.outlet ? `${model.outlet} ` : ''}article${articles === 1 ? '' : 's'}`;
  const sub = `${model.shown} dated event${model.shown === 1 ? '' : 's'} from ${from}, oldest at the top; time stretched where events crowd`;
  body.push(text(PAD, y, fitText(sub, WIDTH - 2 * PAD, SIZE.small), { size: SIZE.small, fill: THEME.muted }));
  if (model.shown < model.total) {
    y += 15;
    body.push(text(PAD, y, fitText(`Showing ${model.shown} of ${model.total}: the events told by the most articles`, WIDTH - 2 * PAD, SIZE.small, true), { size: SIZE.small, fill: THEME.accent, bold: true }));
  }
  y += 8;
  // Legend: a swatch and a name per source article, as many per row as fit.
  let x = PAD;
  y += 14;
  for (const g of model.groups) {
    const label = fitText(`${g.label} (${g.count})`, WIDTH - 2 * PAD - 16, SIZE.small);
    const w = 16 + textWidth(label, SIZE.small) + 12;
    if (x > PAD && x + w > WIDTH - PAD) {
      x = PAD;
      y += 16;
    }
    body.push(`<rect x="${r(x)}" y="${r(y - 9)}" width="10" height="10" rx="2" fill="${g.colour}"/>`, text(x + 15, y, label, { size: SIZE.small }));
    x += w;
  }
  y += 16;
  body.push(...precisionKey(PAD, y));
  y += 16;

  const placed: Placed[] = model.marks.filter((m) => !m.noYear).map((mark) => ({ mark, ...periodOf(mark.date, mark.precision) }));
  placed.sort((a, b) => a.start - b.start);
  const segs = segments(placed);
  segs.forEach((seg, si) => {
    if (si > 0) {
      body.push(...axisBreak(y + 2));
      y += BREAK_GAP;
    }
    const top = y + 6;
    const h = Math.max(seg.length * ROW, 48);
    const s0 = seg[0]!.start;
    const s1 = Math.max(...seg.map((p) => p.end));
    const warp = stretch(seg, s0, s1);
    const at = (t: number) => (s1 === s0 ? top + h / 2 : top + 6 + warp(t) * (h - 12));
    body.push(`<line x1="${AXIS_X}" y1="${r(top)}" x2="${AXIS_X}" y2="${r(top + h)}" stroke="${THEME.faint}" stroke-width="2"/>`);
    // Ticks: those of the step the whole span calls for first (month starts, years), then finer
    // ones where the stretched axis has room, each far enough from the others.
    const placedTicks: { t: Tick; y: number }[] = [];
    for (const t of [...axisTicks(s0, s1, h), ...axisTicks(s0, s1, h * 6)]) {
      const ty = at(t.day);
      if (placedTicks.some((p) => Math.abs(p.y - ty) < TICK_GAP)) continue;
      placedTicks.push({ t, y: ty });
    }
    placedTicks.sort((a, b) => a.y - b.y);
    let lastYear: number | undefined;
    for (const { t, y: ty } of placedTicks) {
      const year = new Date(t.day * 86_400_000).getUTCFullYear();
      body.push(`<line x1="${AXIS_X - 5}" y1="${r(ty)}" x2="${AXIS_X}" y2="${r(ty)}" stroke="${THEME.faint}" stroke-width="1.5"/>`);
      body.push(text(AXIS_X - 8, ty + 4, t.label, { size: SIZE.small, fill: THEME.muted, anchor: 'end' }));
      if (t.label !== String(year) && year !== lastYear) body.push(text(AXIS_X - 8, ty + 16, String(year), { size: SIZE.small, fill: THEME.faint, anchor: 'end' }));
      lastYear = year;
    }
    const centre = (p: Placed) => (p.mark.precision === 'day' ? at(p.start + 0.5) : at((p.start + p.end) / 2));
    const tops = layoutLabels(
      seg.map((p) => centre(p) - ROW / 2 + 2),
      ROW,
      top,
      top + h,
    );
    const lanes: number[] = [];
    seg.forEach((p, i) => {
      let lane = 0;
      if (p.mark.precision !== 'day') {
        lane = lanes.findIndex((end) => end <= p.start);
        if (lane < 0) lane = Math.min(lanes.length, LANES - 1);
        lanes[lane] = Math.max(lanes[lane] ?? 0, p.end);
      }
      body.push(...markSvg(p, at, tops[i]!, model, lane));
    });
    y = top + h + 8;
  });

  const undated = model.marks.filter((m) => m.noYear);
  if (undated.length) {
    y += 6;
    body.push(text(PAD, y + 10, 'Year not given (and no article date): as written, in no order of time', { size: SIZE.small, fill: THEME.muted, bold: true }));
    y += 20;
    for (const m of undated) {
      body.push(...labelSvg(m, LABEL_X, y, model), diamond(AXIS_X, y + 12, model.groups[m.group]!.colour));
      y += ROW;
    }
  }
  return svgDocument(WIDTH, y + PAD, body);
}

/** What the mark shapes mean. */
function precisionKey(x: number, y: number): string[] {
  const out: string[] = [];
  const c = THEME.muted;
  out.push(`<circle cx="${x + 4}" cy="${y - 4}" r="4" fill="${c}"/>`, text(x + 12, y, 'a day', { size: SIZE.small, fill: c }));
  out.push(`<rect x="${x + 56}" y="${y - 10}" width="6" height="12" rx="2" fill="${c}"/>`, text(x + 66, y, 'a month or year', { size: SIZE.small, fill: c }));
  out.push(`<circle cx="${x + 164}" cy="${y - 4}" r="3.5" fill="none" stroke="${c}" stroke-width="1.5"/>`, text(x + 172, y, 'ahead of its article (a plan, a forecast)', { size: SIZE.small, fill: c }));
  return out;
}

function axisBreak(y: number): string[] {
  const zig = `M${AXIS_X - 7},${r(y + 8)} l14,-5 M${AXIS_X - 7},${r(y + 14)} l14,-5`;
  return [
    `<line x1="${AXIS_X}" y1="${r(y)}" x2="${AXIS_X}" y2="${r(y + BREAK_GAP - 6)}" stroke="${THEME.faint}" stroke-width="2" stroke-dasharray="2 3"/>`,
    `<path d="${zig}" stroke="${THEME.muted}" stroke-width="1.5" fill="none"/>`,
    text(LABEL_X, y + 14, 'axis break: a long time without events', { size: SIZE.small, fill: THEME.faint }),
  ];
}

const diamond = (x: number, y: number, colour: string) => `<path d="M${r(x)},${r(y - 5)} l5,5 l-5,5 l-5,-5 z" fill="none" stroke="${colour}" stroke-width="1.5"/>`;

/** A mark on the axis, its leader line, and its label. */
function markSvg(p: Placed, at: (t: number) => number, labelTop: number, model: TimelineModel, lane: number): string[] {
  const colour = model.groups[p.mark.group]!.colour;
  const out: string[] = [];
  const my = p.mark.precision === 'day' ? at(p.start + 0.5) : at((p.start + p.end) / 2);
  const ly = labelTop + 12;
  const fill = p.mark.future ? THEME.background : colour;
  const mx = p.mark.precision === 'day' ? AXIS_X : AXIS_X + 8 + lane * LANE_W;
  out.push(`<path d="M${r(mx + 4)},${r(my)} L${LABEL_X - 8},${r(ly)} L${LABEL_X - 3},${r(ly)}" stroke="${colour}" stroke-opacity="0.55" stroke-width="1" fill="none"/>`);
  if (p.mark.precision === 'day') {
    out.push(`<circle cx="${AXIS_X}" cy="${r(my)}" r="4.5" fill="${fill}" stroke="${colour}" stroke-width="1.5"/>`);
  } else {
    const y0 = Math.min(at(p.start), my - 4);
    const h = Math.max(at(p.end) - at(p.start), 8);
    out.push(`<rect x="${r(mx - 2)}" y="${r(y0)}" width="4" height="${r(h)}" rx="2" fill="${fill}" fill-opacity="${p.mark.future ? 1 : 0.9}" stroke="${colour}" stroke-width="1"/>`);
  }
  out.push(...labelSvg(p.mark, LABEL_X, labelTop, model));
  return out;
}

/** A mark's two lines: its date, the date as written, its source; then the first words of its quote. */
function labelSvg(m: TimelineMark, x: number, top: number, model: TimelineModel): string[] {
  const colour = model.groups[m.group]!.colour;
  // A date without a year is shown as the text writes it ("on 26 December"), as in the text answer.
  const date = m.noYear ? fitText(m.dateText, 160, SIZE.small) : m.date;
  const said = m.noYear ? '' : ` “${fitText(m.dateText, 120, SIZE.small)}”`;
  const more = m.alsoIn ? ` +${m.alsoIn} more` : '';
  const tag = m.future ? ' ahead' : '';
  const used = textWidth(date, SIZE.small, true) + textWidth(said + tag, SIZE.small) + textWidth(` · ${more}`, SIZE.small);
  const source = fitText(m.sourceLabel, Math.max(40, LABEL_W - used), SIZE.small);
  const line1 = spans(x, top + 11, [
    { s: date, fill: colour, bold: true },
    { s: said, fill: THEME.muted },
    ...(tag ? [{ s: tag, fill: THEME.accent }] : []),
    { s: ` · ${source}${more}`, fill: THEME.muted },
  ], SIZE.small);
  const line2 = text(x, top + 26, m.words, { size: SIZE.label });
  return [line1, line2];
}
