import { type ArticleLookup, sourceLabel, tollLabel } from '../answers/format.ts';
import type { Reply } from '../answers/types.ts';

/** Renders an answer for a terminal: each quote in quotation marks, its source under it. */
export function renderText(reply: Reply, lookup: ArticleLookup): string {
  if ('error' in reply) return `! ${reply.error}`;
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
    out.push(`${n}${head.length ? `${head.join(' ')}\n     ` : ''}“${item.quote}”`);
    out.push(src(item.source));
    if ('sources' in item && Array.isArray(item.sources)) {
      for (const s of item.sources.slice(1)) out.push(`     also: “${s.quote}”\n${src(s.source)}`);
    }
    if ('alsoIn' in item && item.alsoIn) {
      for (const s of item.alsoIn) out.push(typeof s === 'string' ? `     also in ${label(s)}` : `     also: “${s.quote}”\n${src(s.source)}`);
    }
  });
  return out.join('\n');
}

/** The one-line JSON form of `ask --json`: exactly the answer object (or `{error}`). */
export function renderJson(reply: Reply): string {
  return JSON.stringify(reply);
}
