import { type ArticleLookup, sourceLabel, tollLabel } from '../answers/format.ts';
import type { Reply } from '../answers/types.ts';

/**
 * Control characters (an escape sequence in an article, a line break in a title) shown as "�", so no
 * text from the corpus or the user can drive the terminal or break the layout. Display only: the
 * JSON form keeps every quote exactly as in its file.
 */
const safe = (s: string): string => s.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g, '\uFFFD');

/** Renders an answer for a terminal: each quote in quotation marks, its source under it; one line per entry. */
export function renderText(reply: Reply, lookup: ArticleLookup): string {
  return renderLines(reply, lookup).map(safe).join('\n');
}

function renderLines(reply: Reply, lookup: ArticleLookup): string[] {
  if ('error' in reply) return [`! ${reply.error}`];
  const out: string[] = [];
  const q = reply.query ? ` ${reply.query}` : '';
  out.push(`/${reply.command}${q}`);
  if (reply.message) out.push(reply.message);
  if (reply.suggestions?.length) out.push(`Did you mean: ${reply.suggestions.join(', ')}?`);
  const label = (file: string) => {
    const l = sourceLabel(file, lookup);
    return l.startsWith(file) ? l : `${l} [${file}]`;
  };
  const src = (file: string) => `     — ${label(file)}`;
  reply.items.forEach((item, i) => {
    const n = `${String(i + 1).padStart(2)}. `;
    if ('usage' in item) {
      out.push(`${n}${item.usage.padEnd(22)} ${item.description}`);
      return;
    }
    const head: string[] = [];
    if ('killed' in item) head.push(`${tollLabel(item)}${item.event ? ` — ${item.event}` : ''}${item.date ? ` (${item.date})` : ''}`);
    else if ('dateText' in item) head.push(`${item.date} (“${item.dateText}”)`);
    else if ('mentions' in item) head.push(`${item.name}${item.role ? `, ${item.role}` : ''} — ${item.mentions} mention${item.mentions === 1 ? '' : 's'}`);
    else if ('sentences' in item) head.push(`${item.title ?? item.source} — ${[item.outlet, item.published?.slice(0, 10), `${item.sentences} sentences`].filter(Boolean).join(', ')}`);
    else if ('name' in item) head.push(item.name);
    if (head.length) out.push(`${n}${head.join(' ')}`);
    out.push(`${head.length ? '     ' : n}“${item.quote}”`);
    out.push(src(item.source));
    if ('sources' in item && Array.isArray(item.sources)) {
      for (const s of item.sources.slice(1)) out.push(`     also: “${s.quote}”`, src(s.source));
    }
    if ('alsoIn' in item && item.alsoIn) {
      for (const s of item.alsoIn) {
        if (typeof s === 'string') out.push(`     also in ${label(s)}`);
        else out.push(`     also: “${s.quote}”`, src(s.source));
      }
    }
  });
  return out;
}

/** The one-line JSON form of `ask --json`: exactly the answer object (or `{error}`). */
export function renderJson(reply: Reply): string {
  return JSON.stringify(reply);
}
