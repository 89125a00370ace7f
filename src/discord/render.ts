import { type APIEmbed, escapeMarkdown } from 'discord.js';
import { type ArticleLookup, answerRows, dateHeading, sourceLabel, tollLabel } from '../answers/format.ts';
import type { Answer, QuoteRef } from '../answers/types.ts';
import { DISCORD_LIMITS } from '../limits.ts';

/**
 * An answer as Discord embeds, one per page. Every quote is shown as a block quote with its source
 * under it; tolls and dates stand beside their quotes. Article text and user text are escaped, so
 * nothing in an article can format, hide or break the message. Every Discord limit holds by
 * construction: an item block is capped, a page takes blocks while they fit, and the rest paginates.
 */

/**
 * Longest item block: head (≤ ~450) + quote (QUOTE_MAX) + source line (≤ ~620) fit, extra sources are
 * added while they fit. With the first page's header (HEADER_MAX) a page always holds one block.
 */
export const BLOCK_MAX = 2400;
/** Longest quote inside a block, after escaping. A longer sentence is cut with "…" (rare: tables, lists). */
const QUOTE_MAX = 1200;
/** Longest header (the answer's message and suggestions) on the first page. */
const HEADER_MAX = 1000;
/** Extra sources shown under a toll or a dated event before "and N more". */
const EXTRA_SOURCES = 2;
/** Articles listed as "also in" under a search result before "and N more". */
const ALSO_IN = 3;
const COLOR = 0x5865f2;
/** What /help adds on Discord: DMs, `hide`, and the moderators' command (not in the shared catalog). */
const HELP_NOTE =
  'In a DM with the bot, just type your question. Set `hide` on any command to see the answer alone. Moderators (Manage Server) can run `/refresh` to re-read the articles folder.';

/** Items per page by command: quotes are long, list rows short. */
const PER_PAGE: Record<Answer['command'], number> = { search: 5, ask: 5, who: 5, casualties: 4, timeline: 5, sources: 6, help: 25 };

/** Escapes every Discord markdown construct in text taken from an article or a user. */
export function escapeText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return escapeMarkdown(flat, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }).replace(/^(>|-#)/, '\\$1');
}

/**
 * Escapes `text` and cuts it so the result is at most `max` characters, ending with "…" when cut.
 * The cut is made in the raw text, so no escape sequence or surrogate pair is split.
 */
export function escapeCapped(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // Escaping never shortens text: only the first `max` characters can show, so only they are escaped
  // (escapeMarkdown is quadratic on some input, e.g. long runs of backticks).
  if (flat.length <= max) {
    const full = escapeText(flat);
    if (full.length <= max) return full;
  }
  let n = Math.min(flat.length, max - 1);
  for (;;) {
    if (n > 0 && /[\uD800-\uDBFF]/.test(flat[n - 1]!)) n--;
    const cut = `${escapeText(flat.slice(0, n)).replace(/\\$/, '')}…`;
    if (cut.length <= max || n === 0) return cut.length <= max ? cut : '…';
    n = Math.min(n - 1, Math.floor((n * (max - 1)) / cut.length));
  }
}

/** Cuts plain text (footers, titles: no markdown) to `max` characters. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let n = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[n - 1] ?? '')) n--;
  return `${text.slice(0, n)}…`;
}

const SAFE_URL = /^https?:\/\/[^\s()<>[\]]{1,300}$/;

/** The source of a quote: its label (title or file, outlet, date), linked when the article has a URL. */
function sourceRef(file: string, lookup: ArticleLookup): string {
  const label = escapeCapped(sourceLabel(file, lookup), 200).replace(/[[\]]/g, '\\$&');
  const url = lookup(file)?.url;
  const linked = url && SAFE_URL.test(url) ? `[${label}](${url})` : label;
  const plainFile = file.replace(/[`\n]/g, '');
  return lookup(file)?.title ? `${linked} · \`${cap(plainFile, 100)}\`` : linked;
}

const quoteLines = (q: QuoteRef, lookup: ArticleLookup, quoteMax = QUOTE_MAX): string[] => [
  `> ${escapeCapped(q.quote, quoteMax)}`,
  `— ${sourceRef(q.source, lookup)}`,
];

/** One numbered item as markdown, at most `max` characters (BLOCK_MAX by default): a long quote is cut with "…" to fit. */
export function itemBlock(item: Answer['items'][number], n: number, lookup: ArticleLookup, max: number = BLOCK_MAX): string {
  const num = `**${n}.**`;
  if ('usage' in item) {
    const example = item.example ? ` — e.g. \`${item.example.replace(/`/g, '')}\`` : '';
    return cap(`\`${item.usage.replace(/`/g, '')}\` — ${escapeText(item.description)}${example}`, max);
  }

  let head = '';
  const extras: string[][] = [];
  let more = 0;
  if ('killed' in item) {
    const where = [item.event ? escapeCapped(item.event, 200) : '', item.date ? escapeText(item.date) : ''].filter(Boolean).join(' · ');
    head = `**${escapeText(tollLabel(item))}**${where ? ` — ${where}` : ''}`;
    const others = item.sources.filter((s) => s.quote !== item.quote || s.source !== item.source);
    for (const s of others.slice(0, EXTRA_SOURCES)) extras.push(quoteLines(s, lookup, 500));
    more = Math.max(0, others.length - EXTRA_SOURCES);
  } else if ('dateText' in item) {
    const { when, how } = dateHeading({ ...item, dateText: cap(item.dateText, 100) });
    head = `**${escapeText(when)}**${how ? ` (${escapeText(how)})` : ''}`;
    for (const s of (item.alsoIn ?? []).slice(0, EXTRA_SOURCES)) extras.push(quoteLines(s, lookup, 500));
    more = Math.max(0, (item.alsoIn?.length ?? 0) - EXTRA_SOURCES);
  } else if ('mentions' in item) {
    head = `**${escapeCapped(item.name, 100)}**${item.role ? `, ${escapeCapped(item.role, 150)}` : ''} — ${item.mentions} mention${item.mentions === 1 ? '' : 's'}`;
  } else if ('sentences' in item) {
    head = `**${escapeCapped(item.title ?? item.source, 250)}** — ${[item.outlet ? escapeCapped(item.outlet, 100) : '', item.published?.slice(0, 10) ?? '', `${item.sentences} sentence${item.sentences === 1 ? '' : 's'}`].filter(Boolean).join(', ')}`;
  } else if ('name' in item) {
    head = `**${escapeCapped(item.name, 100)}**`;
  } else if ('speaker' in item && item.speaker) {
    head = `**${escapeCapped(item.speaker, 100)}** said:`;
  }

  // A quote another article tells in nearly the same words (an ask answer's near copies) follows it, as a toll's other reports do.
  if (!('dateText' in item) && 'alsoIn' in item && item.alsoIn) {
    const near = item.alsoIn.filter((x): x is QuoteRef => typeof x !== 'string');
    for (const s of near.slice(0, EXTRA_SOURCES)) extras.push(quoteLines(s, lookup, 500));
    more += Math.max(0, near.length - EXTRA_SOURCES);
  }

  // A plain quote (search, ask) needs no heading line: the quote and its source are the item. A
  // /sources row has its title in the heading: its source line is the file, linked when it has a URL.
  const headLine = head ? `${num} ${head}` : '';
  const source = 'sentences' in item ? sourceFileRef(item.source, lookup) : `— ${sourceRef(item.source, lookup)}`;
  const room = max - headLine.length - source.length - 8;
  const quote = `> ${escapeCapped(item.quote, Math.max(40, Math.min(QUOTE_MAX, room)))}`;
  let block = [...(headLine ? [headLine] : []), quote, source].join('\n');
  for (const extra of extras) {
    const next = `${block}\n*also:*\n${extra.join('\n')}`;
    if (next.length > max - 40) {
      more++;
      continue;
    }
    block = next;
  }
  const files = 'alsoIn' in item && item.alsoIn ? (item.alsoIn as (string | QuoteRef)[]).filter((x): x is string => typeof x === 'string') : [];
  if (files.length) {
    const shown = files.slice(0, ALSO_IN).map((f) => escapeCapped(sourceLabel(f, lookup), 150));
    const line = `*also in:* ${shown.join('; ')}${files.length > ALSO_IN ? ` and ${files.length - ALSO_IN} more` : ''}`;
    if (block.length + 1 + line.length <= max - 40) block += `\n${line}`;
  }
  if (more) block += `\n*…and ${more} more source${more === 1 ? '' : 's'}*`;
  return cap(block, max);
}

/** A /sources row's source line: the file name, linked to the article when it has a URL. */
function sourceFileRef(file: string, lookup: ArticleLookup): string {
  const plainFile = cap(file.replace(/[`\n]/g, ''), 100);
  const url = lookup(file)?.url;
  return url && SAFE_URL.test(url) ? `— [\`${plainFile}\`](${url})` : `— \`${plainFile}\``;
}

/** The first page's header: what the answer says about itself, and "did you mean" names. */
function header(answer: Answer): string {
  const parts: string[] = [];
  if (answer.message) parts.push(escapeCapped(answer.message, HEADER_MAX));
  if (answer.suggestions?.length) parts.push(`Did you mean: ${answer.suggestions.slice(0, 10).map((s) => `**${escapeCapped(s, 80)}**`).join(', ')}?`);
  const text = parts.join('\n');
  return text.length <= HEADER_MAX ? text : escapeCapped(answer.message ?? '', HEADER_MAX);
}

export function embedTitle(answer: Pick<Answer, 'command' | 'query'>): string {
  return cap(`/${answer.command}${answer.query ? ` ${answer.query}` : ''}`, DISCORD_LIMITS.embedTitle);
}

/** What the footer counts, by command: "412 people", "2,225 articles". */
function countLabel(answer: Answer): string {
  const n = answerRows(answer).length;
  const first = answer.items[0];
  const [one, many] =
    answer.command === 'sources'
      ? ['article', 'articles']
      : answer.command === 'who'
        ? first && 'mentions' in first
          ? ['person', 'people']
          : ['sentence', 'sentences']
        : answer.command === 'casualties'
          ? ['toll', 'tolls']
          : answer.command === 'timeline'
            ? ['dated event', 'dated events']
            : ['result', 'results'];
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** How many pages an answer takes: a fixed number of items each (so any page renders alone), at least one. */
export function pageCount(answer: Answer): number {
  return Math.max(1, Math.ceil(answerRows(answer).length / PER_PAGE[answer.command]));
}

/**
 * Page `page` (from 0) of an answer, as one embed, every limit respected. Only that page's items are
 * rendered (an answer may list every article of a 19,000-article corpus): each page holds a fixed
 * number of items, and each item block gets an equal share of the description, a long quote being
 * cut with "…" to fit.
 */
export function renderPage(answer: Answer, lookup: ArticleLookup, page: number): APIEmbed {
  const perPage = PER_PAGE[answer.command];
  const total = pageCount(answer);
  const p = Math.min(Math.max(0, Math.trunc(page)), total - 1);
  const items = answerRows(answer).slice(p * perPage, (p + 1) * perPage);
  const head = p === 0 ? header(answer) : '';
  // Help rows are one line each; quotes are separated by a blank line.
  const separator = answer.command === 'help' ? '\n' : '\n\n';
  const note = answer.command === 'help' && p === total - 1 ? `\n\n${HELP_NOTE}` : '';
  const room = DISCORD_LIMITS.embedDescription - head.length - note.length - 2 - separator.length * items.length;
  const budget = Math.min(BLOCK_MAX, Math.floor(room / Math.max(1, items.length)));
  const blocks = items.map((item, i) => itemBlock(item, p * perPage + i + 1, lookup, budget));
  const body = blocks.join(separator);
  const description = `${[head, body].filter(Boolean).join('\n\n')}${note}` || 'Nothing found.';
  const footer = [
    answerRows(answer).length && answer.command !== 'help' ? countLabel(answer) : '',
    total > 1 ? `page ${(p + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : '',
    answer.command === 'help' ? '' : 'quotes copied word for word from the articles',
  ]
    .filter(Boolean)
    .join(' · ');
  return { title: embedTitle(answer), description, color: COLOR, ...(footer ? { footer: { text: footer } } : {}) };
}

/** Every page of an answer (tests, small answers); a front end renders only the page it shows (`renderPage`). */
export function renderAnswer(answer: Answer, lookup: ArticleLookup): APIEmbed[] {
  return Array.from({ length: pageCount(answer) }, (_, i) => renderPage(answer, lookup, i));
}

/** Discord's count of an embed's characters toward the 6000 per message. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** A refusal or notice as message content: escaped, within the content limit. */
export function noticeText(text: string): string {
  return escapeCapped(text, DISCORD_LIMITS.content);
}
