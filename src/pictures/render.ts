import { renderAsync } from '@resvg/resvg-js';
import type { ArticleLookup } from '../answers/format.ts';
import type { Answer } from '../answers/types.ts';
import { DISCORD_LIMITS } from '../limits.ts';
import { FONT_FAMILY, FONT_FILES } from './font.ts';
import { ZOOM } from './svg.ts';
import { timelineModel, timelineSvg } from './timeline.ts';
import { tollModel, tollSvg } from './tolls.ts';
import type { Picture, PictureModel } from './types.ts';

/**
 * An answer as a picture, when it has one: a timeline answer with dated events, or a casualties
 * answer with an event whose toll was reported more than once. The SVG is laid out here (cheap);
 * resvg turns it into a PNG on libuv's thread pool (`renderAsync`), so the event loop keeps serving
 * while it renders. A PNG over Discord's attachment limit is rendered again smaller.
 */

/** What an answer would be drawn as (no rendering): null when it has no picture. */
export function pictureModel(answer: Answer, lookup: ArticleLookup): { model: PictureModel; note?: string } | null {
  if (answer.command === 'timeline' && answer.items.length > 0) return timelineModel(answer.items, answer.query, lookup);
  if (answer.command === 'casualties') return tollModel(answer.items, answer.query, lookup);
  return null;
}

/** Whether an answer comes with a picture (a front end defers its reply then). */
export const hasPicture = (answer: Answer, lookup: ArticleLookup): boolean => pictureModel(answer, lookup) !== null;

const FILE_NAME: Record<PictureModel['kind'], string> = { timeline: 'timeline.png', tolls: 'casualties.png' };

/** Renders an SVG to PNG with the bundled font only. */
export async function svgToPng(svg: string, zoom: number = ZOOM): Promise<{ png: Buffer; width: number; height: number }> {
  const img = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: 'off',
  });
  return { png: img.asPng(), width: img.width, height: img.height };
}

/** The answer's picture, or null when it has none. */
export async function renderPicture(answer: Answer, lookup: ArticleLookup): Promise<Picture | null> {
  const t0 = performance.now();
  const drawn = pictureModel(answer, lookup);
  if (!drawn) return null;
  const svg = drawn.model.kind === 'timeline' ? timelineSvg(drawn.model) : tollSvg(drawn.model);
  let zoom = ZOOM;
  let out = await svgToPng(svg, zoom);
  while (out.png.length > DISCORD_LIMITS.attachmentBytes && zoom > 0.5) {
    zoom /= 1.5;
    out = await svgToPng(svg, zoom);
  }
  const picture: Picture = { name: FILE_NAME[drawn.model.kind], ...out, model: drawn.model, ms: performance.now() - t0 };
  if (drawn.note) picture.note = drawn.note;
  return picture;
}
