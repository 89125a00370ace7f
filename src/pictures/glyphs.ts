import { type Face, faces } from './font.ts';

/**
 * Text as the font's own outlines. resvg can lay out `<text>` itself, but shaping and outlining
 * every glyph costs about 5 ms per line of text — most of a picture's render time. The pictures
 * need neither shaping nor kerning (left-to-right runs, one font), so text is drawn here as one
 * `<path>` per run: each glyph's TrueType outline (`glyf`, simple and composite glyphs) placed at the
 * pen position and advanced by its `hmtx` width — the same widths layout measures with.
 */

interface Point {
  x: number;
  y: number;
  on: boolean;
}
type Contour = Point[];

const cache = new WeakMap<Face, Map<number, Contour[]>>();

/** The outline of glyph `g`: its contours in font units (y up). */
function outline(face: Face, g: number, depth = 0): Contour[] {
  let byGlyph = cache.get(face);
  if (!byGlyph) {
    byGlyph = new Map();
    cache.set(face, byGlyph);
  }
  const had = byGlyph.get(g);
  if (had) return had;
  const contours = depth > 8 ? [] : readGlyph(face, g, depth);
  byGlyph.set(g, contours);
  return contours;
}

function readGlyph(face: Face, g: number, depth: number): Contour[] {
  const { buf } = face;
  const long = buf.readInt16BE(face.table('head') + 50) === 1;
  const loca = face.table('loca');
  const at = (i: number) => (long ? buf.readUInt32BE(loca + 4 * i) : buf.readUInt16BE(loca + 2 * i) * 2);
  const start = at(g);
  if (at(g + 1) === start) return [];
  const p = face.table('glyf') + start;
  const n = buf.readInt16BE(p);
  return n >= 0 ? simpleGlyph(buf, p, n) : compositeGlyph(face, buf, p + 10, depth);
}

function simpleGlyph(buf: Buffer, p: number, contours: number): Contour[] {
  const ends: number[] = [];
  for (let i = 0; i < contours; i++) ends.push(buf.readUInt16BE(p + 10 + 2 * i));
  const count = contours ? ends[contours - 1]! + 1 : 0;
  let q = p + 10 + 2 * contours;
  q += 2 + buf.readUInt16BE(q);
  const flags: number[] = [];
  while (flags.length < count) {
    const f = buf[q++]!;
    flags.push(f);
    if (f & 8) for (let k = buf[q++]!; k > 0; k--) flags.push(f);
  }
  const coords = (short: number, same: number) => {
    const out: number[] = [];
    let v = 0;
    for (const f of flags) {
      if (f & short) {
        const d = buf[q++]!;
        v += f & same ? d : -d;
      } else if (!(f & same)) {
        v += buf.readInt16BE(q);
        q += 2;
      }
      out.push(v);
    }
    return out;
  };
  const xs = coords(2, 16);
  const ys = coords(4, 32);
  const out: Contour[] = [];
  let first = 0;
  for (const end of ends) {
    const c: Contour = [];
    for (let i = first; i <= end; i++) c.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 1) === 1 });
    out.push(c);
    first = end + 1;
  }
  return out;
}

function compositeGlyph(face: Face, buf: Buffer, p: number, depth: number): Contour[] {
  const out: Contour[] = [];
  for (;;) {
    const flags = buf.readUInt16BE(p);
    const glyph = buf.readUInt16BE(p + 2);
    p += 4;
    let dx: number;
    let dy: number;
    if (flags & 1) {
      dx = buf.readInt16BE(p);
      dy = buf.readInt16BE(p + 2);
      p += 4;
    } else {
      dx = buf.readInt8(p);
      dy = buf.readInt8(p + 1);
      p += 2;
    }
    // Point-matched placement (ARGS_ARE_XY_VALUES unset) is rare in Latin fonts: placed at the origin.
    if (!(flags & 2)) dx = dy = 0;
    let [a, b, c, d] = [1, 0, 0, 1];
    const f2dot14 = (at: number) => buf.readInt16BE(at) / 16384;
    if (flags & 8) {
      a = d = f2dot14(p);
      p += 2;
    } else if (flags & 0x40) {
      a = f2dot14(p);
      d = f2dot14(p + 2);
      p += 4;
    } else if (flags & 0x80) {
      [a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
      p += 8;
    }
    for (const contour of outline(face, glyph, depth + 1)) out.push(contour.map((pt) => ({ x: a * pt.x + c * pt.y + dx, y: b * pt.x + d * pt.y + dy, on: pt.on })));
    if (!(flags & 0x20)) return out;
  }
}

const n1 = (v: number) => String(Math.round(v * 10) / 10);

/** A glyph's outline as path data at `k` px per font unit, its origin at (0, 0): quadratic curves, as TrueType draws them. */
function glyphPath(face: Face, g: number, k: number): string {
  const parts: string[] = [];
  for (const contour of outline(face, g)) {
    if (contour.length < 2) continue;
    const px = (pt: { x: number; y: number }) => `${n1(pt.x * k)},${n1(-pt.y * k)}`;
    const mid = (a: Point, b: Point) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
    // Start on an on-curve point (or between two off-curve ones).
    const firstOn = contour.findIndex((pt) => pt.on);
    const pts = firstOn < 0 ? [mid(contour[0]!, contour[1]!), ...contour] : [...contour.slice(firstOn), ...contour.slice(0, firstOn)];
    let d = `M${px(pts[0]!)}`;
    let ctrl: Point | null = null;
    for (let i = 1; i <= pts.length; i++) {
      const pt = pts[i % pts.length]!;
      if (pt.on) {
        d += ctrl ? `Q${px(ctrl)} ${px(pt)}` : `L${px(pt)}`;
        ctrl = null;
      } else if (ctrl) {
        d += `Q${px(ctrl)} ${px(mid(ctrl, pt))}`;
        ctrl = pt;
      } else ctrl = pt;
    }
    parts.push(`${d}Z`);
  }
  return parts.join('');
}

/**
 * The glyphs a document uses, each defined once (`<defs>`) and placed with `<use>`: a picture of
 * 60 events draws thousands of glyphs from a hundred shapes. Filled while a document is written
 * (synchronously), emptied by `takeGlyphDefs` when it is closed.
 */
const used = new Map<string, string>();

/** A run of text at (x, y) on its baseline, `size` px: one `<use>` of a glyph definition per character. */
export function textGlyphs(s: string, x: number, y: number, size: number, bold = false): string {
  const face = bold ? faces().bold : faces().regular;
  const k = size / face.unitsPerEm;
  const prefix = `g${bold ? 'b' : 'r'}${String(size).replace('.', '_')}-`;
  const baseline = n1(y);
  let out = '';
  let pen = x;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const g = face.glyphOf(cp);
    const id = prefix + g;
    let d = used.get(id);
    if (d === undefined) {
      d = glyphPath(face, g, k);
      used.set(id, d);
    }
    // A glyph with no outline (a space) needs no element.
    if (d) out += `<use href="#${id}" x="${n1(pen)}" y="${baseline}"/>`;
    pen += face.advance(cp) * k;
  }
  return out;
}

/** The `<defs>` of every glyph used since the last call. */
export function takeGlyphDefs(): string {
  const defs = [...used].filter(([, d]) => d).map(([id, d]) => `<path id="${id}" d="${d}"/>`);
  used.clear();
  return defs.length ? `<defs>${defs.join('')}</defs>` : '';
}
