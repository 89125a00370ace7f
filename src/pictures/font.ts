import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The one font of every picture: DejaVu Sans Condensed (the `dejavu-fonts-ttf` package, TrueType),
 * read by path from the package and drawn as its own glyph outlines (glyphs.ts): resvg loads no
 * font, none from the system, so every machine renders the same pixels. Its
 * wide coverage (Latin with every accent, Greek, Cyrillic, many symbols) suits quotes from anywhere;
 * condensed, it fits a few words of a quote beside each mark.
 *
 * Layout needs text widths before rendering: they are read from the font's own metrics (`cmap` →
 * glyph → `hmtx` advance). Text is drawn as the font's glyph outlines (glyphs.ts) at those advances,
 * so what is measured is what is drawn.
 */

const require = createRequire(import.meta.url);
/** The font files, resolved inside the package (literal names: no path comes from input). */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf'),
} as const;

export interface Face {
  buf: Buffer;
  /** Where a table starts in `buf` (throws when the font has none). */
  table: (tag: string) => number;
  unitsPerEm: number;
  /** The glyph of a code point (0, the missing glyph, when the font has none). */
  glyphOf: (cp: number) => number;
  /** Advance width (font units) by code point, filled on demand. */
  advance: (cp: number) => number;
}

/** Reads the tables a width needs from a TrueType file: head, hhea, hmtx and a Unicode cmap (format 4 or 12). */
function readFace(buf: Buffer): Face {
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    tables.set(buf.toString('latin1', at, at + 4), buf.readUInt32BE(at + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no ${tag} table`);
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));
  const cmap = table('cmap');
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0, n = buf.readUInt16BE(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = cmap + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(sub);
    if (format === 12 && (platform === 3 || platform === 0)) format12 = sub;
    if (format === 4 && ((platform === 3 && encoding === 1) || platform === 0)) format4 ??= sub;
  }
  const glyphOf = (cp: number): number => {
    if (format12 !== undefined) {
      const groups = buf.readUInt32BE(format12 + 12);
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = format12 + 16 + mid * 12;
        const start = buf.readUInt32BE(g);
        const end = buf.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return buf.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    }
    if (format4 === undefined || cp > 0xffff) return 0;
    const segX2 = buf.readUInt16BE(format4 + 6);
    const ends = format4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      if (buf.readUInt16BE(ends + s) < cp) continue;
      const start = buf.readUInt16BE(starts + s);
      if (start > cp) return 0;
      const delta = buf.readUInt16BE(deltas + s);
      const range = buf.readUInt16BE(ranges + s);
      if (range === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + s + range + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const glyphs = new Map<number, number>();
  return {
    buf,
    table,
    unitsPerEm,
    glyphOf: (cp) => {
      let g = glyphs.get(cp);
      if (g === undefined) {
        g = glyphOf(cp);
        glyphs.set(cp, g);
      }
      return g;
    },
    advance: (cp) => {
      let w = cache.get(cp);
      if (w === undefined) {
        w = glyphAdvance(glyphOf(cp));
        cache.set(cp, w);
      }
      return w;
    },
  };
}

let loaded: { regular: Face; bold: Face } | undefined;
/** The two faces, read once per process. */
export const faces = () => (loaded ??= { regular: readFace(readFileSync(FONT_FILES.regular)), bold: readFace(readFileSync(FONT_FILES.bold)) });

/** How wide `text` is at `size` px (bold or not): the advances the glyphs are drawn with. */
export function textWidth(text: string, size: number, bold = false): number {
  const m = bold ? faces().bold : faces().regular;
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0)!);
  return (units / m.unitsPerEm) * size;
}

/**
 * `text` cut to fit `width` px: whole words while they fit, then "…"; a first word too long for the
 * line is cut inside. Returns the text unchanged when it fits.
 */
export function fitText(text: string, width: number, size: number, bold = false): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (textWidth(flat, size, bold) <= width) return flat;
  const room = width - textWidth('…', size, bold);
  const space = textWidth(' ', size, bold);
  // Whole words while they fit (widths added up word by word: one pass over the text).
  let out = '';
  let used = 0;
  for (const w of flat.split(' ')) {
    const next = used + (out ? space : 0) + textWidth(w, size, bold);
    if (next > room) break;
    out = out ? `${out} ${w}` : w;
    used = next;
  }
  if (!out) {
    for (const ch of flat) {
      const next = used + textWidth(ch, size, bold);
      if (next > room) break;
      out += ch;
      used = next;
    }
  }
  return `${out.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Splits `text` into at most `lines` lines of `width` px, the last one cut with "…" when the text goes on. */
export function wrapText(text: string, width: number, size: number, lines: number, bold = false): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let cur = '';
  let i = 0;
  for (; i < words.length && out.length < lines - 1; i++) {
    const next = cur ? `${cur} ${words[i]}` : words[i]!;
    if (cur && textWidth(next, size, bold) > width) {
      out.push(cur);
      cur = words[i]!;
    } else cur = next;
  }
  const rest = [cur, ...words.slice(i)].filter(Boolean).join(' ');
  if (rest) out.push(fitText(rest, width, size, bold));
  return out;
}
