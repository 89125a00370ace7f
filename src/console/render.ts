import wrapAnsi from 'wrap-ansi';
import { type ArticleLookup, answerRows, dateHeading, sourceLabel, tollLabel } from '../answers/format.ts';
import type { Reply } from '../answers/types.ts';

/**
 * Control characters (an escape sequence in an article, a line break in a title) shown as "�", so no
 * text from the corpus or the user can drive the terminal or break the layout. Display only: the
 * JSON form keeps every quote exactly as in its file.
 */
const safe = (s: string): string => s.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g, '\uFFFD');

/** An answer for a terminal: the lines before the items (message, suggestions), then each item's lines. */
export interface TextParts {
  /** `/command query`: what was asked (`ask` prints it; the console, where it was just typed, does not). */
  title: string;
  head: string[];
  items: string[][];
}

/** Renders an answer for a terminal: each quote in quotation marks, its source (and link) under it; one line per entry. */
export function renderText(reply: Reply, lookup: ArticleLookup): string {
  const p = renderParts(reply, lookup);
  return [...(p.title ? [p.title] : []), ...p.head, ...p.items.flat()].join('\n');
}

export function renderParts(reply: Reply, lookup: ArticleLookup): TextParts {
  if ('error' in reply) return { title: '', head: [safe(`! ${reply.error}`)], items: [] };
  const head: string[] = [];
  if (reply.message) head.push(reply.message);
  if (reply.suggestions?.length) head.push(`Did you mean: ${reply.suggestions.join(', ')}?`);
  const label = (file: string) => {
    const l = sourceLabel(file, lookup);
    return l.startsWith(file) ? l : `${l} [${file}]`;
  };
  const url = (file: string) => {
    const u = lookup(file)?.url;
    return u && /^https?:\/\/\S+$/.test(u) ? [`       ${u}`] : [];
  };
  const src = (file: string) => [`     — ${label(file)}`, ...url(file)];
  const items = answerRows(reply).map((item, i) => {
    const out: string[] = [];
    const n = `${String(i + 1).padStart(2)}. `;
    if ('usage' in item) {
      out.push(`${n}${item.usage.padEnd(22)} ${item.description}`);
      if (item.example) out.push(`${' '.repeat(n.length)}e.g. ${item.example}`);
      return out.map(safe);
    }
    const heading: string[] = [];
    if ('killed' in item) heading.push(`${tollLabel(item)}${item.event ? ` — ${item.event}` : ''}${item.date ? ` (${item.date})` : ''}`);
    else if ('dateText' in item) {
      const { when, how } = dateHeading(item);
      heading.push(how ? `${when} (${how})` : when);
    }
    else if ('mentions' in item) heading.push(`${item.name}${item.role ? `, ${item.role}` : ''} — ${item.mentions} mention${item.mentions === 1 ? '' : 's'}`);
    else if ('sentences' in item) heading.push(`${item.title ?? item.source} — ${[item.outlet, item.published?.slice(0, 10), `${item.sentences} sentences`].filter(Boolean).join(', ')}`);
    else if ('name' in item) heading.push(item.name);
    else if ('speaker' in item && item.speaker) heading.push(`${item.speaker} said:`);
    if (heading.length) out.push(`${n}${heading.join(' ')}`);
    out.push(`${heading.length ? '     ' : n}“${item.quote}”`);
    // A /sources row has said its title already: its source line is the file (and the link).
    if ('sentences' in item) out.push(...(item.title ? [`     — ${item.source}`] : []), ...url(item.source));
    else out.push(...src(item.source));
    if ('sources' in item && Array.isArray(item.sources)) {
      for (const s of item.sources.slice(1)) out.push(`     also: “${s.quote}”`, ...src(s.source));
    }
    if ('alsoIn' in item && item.alsoIn) {
      for (const s of item.alsoIn) {
        if (typeof s === 'string') out.push(`     also in ${label(s)}`);
        else out.push(`     also: “${s.quote}”`, ...src(s.source));
      }
    }
    return out.map(safe);
  });
  return { title: safe(`/${reply.command}${reply.query ? ` ${reply.query}` : ''}`), head: head.map(safe), items };
}

/** How far a line's continuation is indented: past its number (a /help row: its usage), "— " or "also: ", so the text reads as one block. */
const HANGING = /^\s*(?:\d+\.\s+\/\S+(?: [<[][^\]>]*[\]>])?\s{2,}|\d+\.\s+|— |also: |also in |e\.g\. |- )?/;

/**
 * Wraps lines to `width` columns at word boundaries (wrap-ansi; a word longer than a line, such as a
 * URL, stays whole), continuation lines indented under the start of the text. No word is ever cut.
 */
export function wrapLines(lines: string[], width: number): string[] {
  if (!Number.isFinite(width) || width < 20) return lines;
  return lines.flatMap((line) => {
    const indent = HANGING.exec(line)![0].length;
    const pad = width - indent >= 30 ? indent : 0;
    const body = line.slice(pad);
    const wrapped = wrapAnsi(body, width - pad, { hard: false, trim: true }).split('\n');
    return wrapped.map((w, i) => (i === 0 ? line.slice(0, pad) + w : ' '.repeat(pad) + w));
  });
}

/** The one-line JSON form of `ask --json`: exactly the answer object (or `{error}`). */
export function renderJson(reply: Reply): string {
  return JSON.stringify(reply);
}
