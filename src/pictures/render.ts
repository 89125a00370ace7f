import { renderAsync } from '@resvg/resvg-js';
import { type ArticleLookup, answerRows } from '../answers/format.ts';
import type { Answer, TimelineItem } from '../answers/types.ts';
import { DISCORD_LIMITS } from '../limits.ts';
import { ZOOM } from './svg.ts';
import { timelineModel, timelineSvg } from './timeline.ts';
import { chartable, tollModel, tollSvg } from './tolls.ts';
import type { Picture, PictureModel } from './types.ts';

/**
 * An answer as a picture, when it has one: a timeline answer with dated events, or a casualties
 * answer with an event whose toll was reported more than once. The SVG is laid out here (cheap;
 * its text already glyph outlines of the bundled font, so every machine draws the same pixels);
 * resvg turns it into a PNG on libuv's thread pool (`renderAsync`), so the event loop keeps serving
 * while it renders. A PNG over Discord's attachment limit is rendered again smaller.
 */

/** What an answer would be drawn as (no rendering): null when it has no picture. */
export function pictureModel(answer: Answer, lookup: ArticleLookup): { model: PictureModel; note?: string } | null {
  // A timeline's dates without a year are drawn apart from the axis, as the text writes them.
  if (answer.command === 'timeline' && answer.items.length > 0) return timelineModel(answerRows(answer) as TimelineItem[], answer.query, lookup);
  if (answer.command === 'casualties') return tollModel(answer.items, answer.query, lookup);
  return null;
}

const FILE_NAME: Record<PictureModel['kind'], string> = { timeline: 'timeline.png', tolls: 'casualties.png' };

/**
 * The file name of the answer's picture, or null when it has none — decided from the answer alone,
 * at no cost, so that a front end knows before rendering (Discord defers its reply then).
 */
export function pictureName(answer: Answer): string | null {
  if (answer.command === 'timeline') return answer.items.length ? FILE_NAME.timeline : null;
  if (answer.command === 'casualties') return answer.items.some(chartable) ? FILE_NAME.tolls : null;
  return null;
}

/** Logical height past which a picture is rendered at `TALL_ZOOM` rather than `ZOOM` (600 px wide, above Discord's 400 px preview: its smallest text 14 px). */
const TALL = 1200;
const TALL_ZOOM = 1;

/** Renders an SVG to PNG. Its text is already outlines (glyphs.ts): no font is loaded, none from the system. */
export async function svgToPng(svg: string, zoom: number = ZOOM): Promise<{ png: Buffer; width: number; height: number }> {
  const img = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: false },
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
  // A tall picture (many events) is rendered at `TALL_ZOOM`: rendering costs by the pixel, and it
  // is scaled down to Discord's preview width all the same.
  const tall = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0) > TALL;
  let zoom = tall ? TALL_ZOOM : ZOOM;
  let out = await svgToPng(svg, zoom);
  while (out.png.length > DISCORD_LIMITS.attachmentBytes && zoom > 0.5) {
    zoom /= 1.5;
    out = await svgToPng(svg, zoom);
  }
  const picture: Picture = { name: FILE_NAME[drawn.model.kind], ...out, model: drawn.model, ms: performance.now() - t0 };
  if (drawn.note) picture.note = drawn.note;
  return picture;
}

/** Pictures kept per index (the same question asked again, a burst of the same command): most recent last. */
const CACHE_SIZE = 16;
const cache = new WeakMap<object, Map<string, Promise<Picture | null>>>();
/** Renders run one at a time: the thread pool keeps a core for the event loop and the other answers. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The picture of `answer` on the index `key` (the answer's own index), rendered once: the same
 * command and query on the same index share one picture, and renders wait their turn.
 */
export function pictureOf(key: object, answer: Answer, lookup: ArticleLookup): Promise<Picture | null> {
  let byQuery = cache.get(key);
  if (!byQuery) {
    byQuery = new Map();
    cache.set(key, byQuery);
  }
  const id = `${answer.command}\u0000${answer.query}\u0000${answer.items.length}`;
  const had = byQuery.get(id);
  if (had) {
    byQuery.delete(id);
    byQuery.set(id, had);
    return had;
  }
  const run = queue.then(() => renderPicture(answer, lookup));
  queue = run.catch(() => undefined);
  byQuery.set(id, run);
  // A failed render is not kept: the next ask tries again.
  run.catch(() => byQuery?.delete(id));
  while (byQuery.size > CACHE_SIZE) byQuery.delete(byQuery.keys().next().value!);
  return run;
}
