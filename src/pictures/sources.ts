import type { ArticleLookup } from '../answers/format.ts';

/**
 * How a picture names a source: its outlet and title ("NDTV", "Reuters · BAHIA COCOA REVIEW"), else
 * its file name; cut to fit where it is drawn. `titleFirst` (legends): the title, which tells
 * articles of one outlet apart, before the outlet; `outletOnly` (beside a figure): the outlet when there is one;
 * `sharedOutlet`: the outlet of every source, left out beside a title.
 */
export function shortSource(file: string, lookup: ArticleLookup, titleFirst = false, outletOnly = false, sharedOutlet?: string): string {
  const meta = lookup(file);
  const title = meta?.title?.replace(/\s+/g, ' ').trim();
  const own = meta?.outlet?.replace(/\s+/g, ' ').trim();
  // An outlet every source shares is said once, not beside each title.
  const outlet = own === sharedOutlet && title ? undefined : own;
  if (outletOnly && outlet) return outlet;
  const parts = titleFirst ? [title, outlet] : [outlet, title];
  const label = parts.filter(Boolean).join(' · ');
  return label || file;
}

/** The outlet every one of these articles names, if they all name the same one. */
export function commonOutlet(files: Iterable<string>, lookup: ArticleLookup): string | undefined {
  let outlet: string | undefined;
  for (const f of files) {
    const o = lookup(f)?.outlet?.replace(/\s+/g, ' ').trim();
    if (!o || (outlet !== undefined && o !== outlet)) return undefined;
    outlet = o;
  }
  return outlet;
}
