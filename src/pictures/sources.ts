import type { ArticleLookup } from '../answers/format.ts';

/**
 * How a picture names a source: its outlet and title ("NDTV", "Reuters · BAHIA COCOA REVIEW"), else
 * its file name; cut to fit where it is drawn. `titleFirst` (legends): the title, which tells
 * articles of one outlet apart, before the outlet; `outletOnly` (beside a figure): the outlet when there is one.
 */
export function shortSource(file: string, lookup: ArticleLookup, titleFirst = false, outletOnly = false): string {
  const meta = lookup(file);
  const title = meta?.title?.replace(/\s+/g, ' ').trim();
  const outlet = meta?.outlet?.replace(/\s+/g, ' ').trim();
  if (outletOnly && outlet) return outlet;
  const parts = titleFirst ? [title, outlet] : [outlet, title];
  const label = parts.filter(Boolean).join(' · ');
  return label || file;
}
