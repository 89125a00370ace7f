import { textWidth } from './font.ts';
import { takeGlyphDefs, textGlyphs } from './glyphs.ts';

/**
 * What every picture shares: a dark theme (Discord's dark mode and most terminals' image viewers),
 * a palette that stays apart for colour-blind readers (Okabe–Ito, lightened for a dark ground), and
 * small helpers that write SVG as text. Sizes are logical pixels: a picture is laid out `WIDTH` wide,
 * so that shown at ~400 px (Discord's preview) its smallest text stays about 10 px, and rendered at
 * `ZOOM`× for a sharp full view.
 */

export const WIDTH = 480;
export const ZOOM = 2;
export const PAD = 14;

export const THEME = {
  background: '#1e1f22',
  panel: '#26282c',
  text: '#e8e9eb',
  muted: '#a3a8b0',
  faint: '#5d626a',
  grid: '#34373c',
  accent: '#f0c674',
} as const;

export const SIZE = { title: 16, label: 12.5, small: 11 } as const;

/** Colours of the source articles (timeline) in order of use; "other" for the rest. */
export const PALETTE = ['#56b4e9', '#e69f00', '#2ec4a0', '#f0e442', '#e58fc0', '#ff7f50', '#a6b8ff', '#b9e769'] as const;
export const OTHER_COLOUR = '#9aa0a6';

/** Escapes text for an SVG text node or attribute. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** Rounds a coordinate to tenths: shorter SVG, same picture. */
export const r = (n: number): string => String(Math.round(n * 10) / 10);

interface TextOptions {
  size?: number;
  fill?: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  italic?: boolean;
}

/**
 * One line of text at (x, y) on its baseline, drawn as glyph outlines (see glyphs.ts); the words
 * stay in the SVG as the group's `aria-label`.
 */
export function text(x: number, y: number, s: string, o: TextOptions = {}): string {
  const size = o.size ?? SIZE.label;
  const bold = o.bold ?? false;
  const shift = o.anchor === 'middle' ? textWidth(s, size, bold) / 2 : o.anchor === 'end' ? textWidth(s, size, bold) : 0;
  return `<g aria-label="${esc(s)}" fill="${o.fill ?? THEME.text}">${textGlyphs(s, x - shift, y, size, bold)}</g>`;
}

/** Several runs of text on one line, each with its own style, one after another. */
export function spans(x: number, y: number, runs: { s: string; fill?: string; bold?: boolean }[], size: number = SIZE.label): string {
  const out: string[] = [];
  let at = x;
  for (const run of runs) {
    out.push(text(at, y, run.s, { size, ...(run.fill ? { fill: run.fill } : {}), bold: run.bold ?? false }));
    at += textWidth(run.s, size, run.bold ?? false);
  }
  return `<g>${out.join('')}</g>`;
}

/** The whole document: its size and background. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}">`,
    `<rect width="100%" height="100%" fill="${THEME.background}"/>`,
    takeGlyphDefs(),
    ...body,
    '</svg>',
  ].join('\n');
}
