import { plural } from '../answers/format.ts';
import type { RefreshReport } from '../index/store.ts';

/** Up to `max` file names, then "and N more". */
function fileList(files: string[], max = 5): string {
  if (!files.length) return '';
  return ` (${files.slice(0, max).join(', ')}${files.length > max ? `, and ${files.length - max} more` : ''})`;
}


/** What a refresh changed, for the console: the same facts as the Discord reply, skipped files included. */
export function refreshLines(r: RefreshReport, maxWarnings = 10): string[] {
  const lines = [
    `Refreshed in ${(r.ms / 1000).toFixed(1)} s: ${r.added.length} added${fileList(r.added)}, ${r.removed.length} removed${fileList(r.removed)}, ${r.changed.length} changed${fileList(r.changed)}.`,
    `Now serving ${plural(r.articles, 'article')}, ${plural(r.sentences, 'sentence')}, ${plural(r.people, 'person', 'people')}, ${plural(r.tolls, 'toll')}.`,
  ];
  if (r.notSaved) lines.push(`! Not saved to disk (${r.notSaved}): the new index serves from memory; the next /refresh saves it again.`);
  if (r.warnings.length) {
    lines.push(`${plural(r.warnings.length, 'warning')}:`);
    for (const w of r.warnings.slice(0, maxWarnings)) lines.push(`  - ${w.file}: ${w.problem}`);
    if (r.warnings.length > maxWarnings) lines.push(`  - and ${r.warnings.length - maxWarnings} more (see the log)`);
  }
  return lines;
}
