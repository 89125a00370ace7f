import { createInterface } from 'node:readline';
import { COMMANDS } from '../answers/catalog.ts';
import { lookupIn } from '../answers/format.ts';
import { unknownCommand } from '../answers/parse.ts';
import type { Answer, HelpItem, Reply } from '../answers/types.ts';
import type { BuildProgress } from '../index/build.ts';
import { RefreshError, type IndexStore } from '../index/store.ts';
import { frontEndLimit } from '../limits.ts';
import { INTAKE_COMMANDS, type IntakeDeps, intakeLines, runIntakeCommand } from './intake.ts';
import { renderPicture } from '../pictures/render.ts';
import { DEFAULT_IMAGE_DIR, imageFlag, NO_PICTURE, writePicture } from './pictures.ts';
import { refreshLines } from './refresh.ts';
import { renderParts, wrapLines } from './render.ts';
import { safeReply } from './safe-reply.ts';

/**
 * The interactive console: type what you would type in Discord (`/search Raqqa strikes`, `/who`,
 * `/help`, …) or a plain question. `/refresh` re-reads the corpus; `/quit` or Ctrl-D leaves.
 *
 * On a terminal, lines are wrapped at its width on word boundaries, and a long answer is shown a
 * screenful at a time: "-- more (items 1-8 of 126): Enter or /more for the next, or type anything
 * else --"; every item can be reached. Piped (a script, a test), every answer is printed whole and unwrapped.
 */

/** The console's own commands, beside those of the answer engine. */
const CONSOLE_HELP: HelpItem[] = [
  { command: 'more', usage: '/more', description: 'The next screenful of a long answer (or just press Enter)', example: '/more' },
  { command: 'refresh', usage: '/refresh', description: 'Re-read the corpus folder: new, changed and removed articles', example: '/refresh' },
  { command: 'add', usage: '/add <url or path>', description: 'Add an article: a web page, or a .txt, .md or .html file', example: '/add https://www.bbc.com/news/world-123' },
  { command: 'remove', usage: '/remove <file>', description: 'Remove an article (its file and sources.json entry)', example: '/remove 2015-07-24-obama-admits.txt' },
  { command: 'feeds', usage: '/feeds [add <url> | poll | list | remove <url>]', description: 'Follow RSS/Atom/JSON feeds: new items are added as they appear', example: '/feeds add https://example.com/rss.xml' },
  { command: 'image', usage: '/timeline [topic] --image', description: 'Also draw the answer as a picture (PNG file) and print its path; /casualties too', example: '/timeline Putin --image' },
  { command: 'quit', usage: '/quit', description: 'Leave the console (or press Ctrl-D)', example: '/quit' },
];
const CONSOLE_COMMANDS = ['more', 'refresh', ...INTAKE_COMMANDS, 'quit', 'exit'];
const KNOWN = [...COMMANDS.map((c) => c.name as string), ...CONSOLE_COMMANDS];

export interface ConsoleOptions {
  /** Wrap width and screen height; by default the output's own when it is a terminal, else no wrapping or paging. */
  columns?: number;
  rows?: number;
  /** A progress bar for a refresh (the console's own on a terminal). */
  progress?: { update(p: BuildProgress): void; stop(): void };
  /** Article intake (`/add`, `/remove`, `/feeds`); without it those commands say they are unavailable. */
  intake?: IntakeDeps;
  /** Where `--image` writes pictures (default: a folder of the system's temporary directory). */
  imageDir?: string;
}

interface Pending {
  lines: string[][];
  next: number;
}

export async function runConsole(store: IndexStore, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout, opts: ConsoleOptions = {}): Promise<void> {
  const tty = (output as { isTTY?: boolean }).isTTY ?? false;
  const rl = createInterface({ input, output, prompt: '> ', terminal: ((input as { isTTY?: boolean }).isTTY ?? false) && tty });
  const columns = () => opts.columns ?? (tty ? ((output as { columns?: number }).columns ?? 80) : Number.POSITIVE_INFINITY);
  const rows = () => opts.rows ?? (tty ? ((output as { rows?: number }).rows ?? 24) : Number.POSITIVE_INFINITY);
  const say = (...lines: string[]) => output.write(`${wrapLines(lines, columns()).join('\n')}\n`);
  let pending: Pending | undefined;

  /** Prints items from `pending` while they fit on the screen (at least one), then the "more" line. */
  const showMore = () => {
    if (!pending) return;
    const room = Math.max(3, rows() - 2);
    let used = 0;
    const first = pending.next;
    while (pending.next < pending.lines.length) {
      const block = wrapLines(pending.lines[pending.next]!, columns());
      if (used > 0 && used + block.length > room) break;
      output.write(`${block.join('\n')}\n`);
      used += block.length;
      pending.next++;
    }
    const total = pending.lines.length;
    if (pending.next < total) say(`-- more (items ${first + 1}-${pending.next} of ${total}): Enter or /more for the next, or type anything else --`);
    else pending = undefined;
  };

  const show = (r: Reply) => {
    const parts = renderParts(r, lookupIn(store.index));
    const items = 'error' in r ? [] : parts.items;
    let head = parts.head;
    if (!('error' in r) && r.command === 'help') {
      // The console's own commands, after the engine's.
      const extra = renderParts({ ...(r as Answer & { command: 'help' }), items: CONSOLE_HELP, message: '' }, lookupIn(store.index)).items;
      items.push(...extra.map((lines, i) => lines.map((l, j) => (j === 0 ? l.replace(/^\s*\d+\./, `${String(items.length + i + 1).padStart(2)}.`) : l))));
    }
    if (!('error' in r) && r.items.length > 1 && r.command !== 'help') head = [...head, `${r.items.length.toLocaleString('en-US')} ${itemsNoun(r)}:`];
    if (head.length) say(...head);
    pending = { lines: items, next: 0 };
    showMore();
  };

  /** `--image`: the answer's picture, rendered after its text is shown, written to a file whose path is printed. */
  let pictures = 0;
  const picture = async (r: Reply) => {
    if ('error' in r) return;
    const p = await renderPicture(r, lookupIn(store.index)).catch((err: unknown) => {
      store.options.log.warn({ err }, 'picture failed');
      return undefined;
    });
    if (p === undefined) say('! The picture could not be drawn; the answer above stands.');
    else if (!p) say(NO_PICTURE);
    else say(`picture: ${await writePicture(opts.imageDir ?? DEFAULT_IMAGE_DIR, p, `${process.pid}-${++pictures}`)}`, ...(p.note ? [p.note] : []));
  };

  const idx = store.index;
  say(`Quote bot — ${idx.articles.size.toLocaleString('en-US')} articles, ${idx.sentences.length.toLocaleString('en-US')} sentences. Ask a question, or /help. /quit or Ctrl-D leaves.`);
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    const command = /^\/(\S*)/.exec(text)?.[1]?.toLowerCase();
    if (command === 'quit' || command === 'exit') break;
    if ((text === '' || command === 'more') && pending) {
      showMore();
    } else if (command === 'more') {
      say('Nothing more to show: ask something first.');
    } else if (command === 'refresh') {
      pending = undefined;
      try {
        const r = await store.refresh((p) => opts.progress?.update(p));
        opts.progress?.stop();
        say(...refreshLines(r));
      } catch (err) {
        opts.progress?.stop();
        if (!(err instanceof RefreshError)) store.options.log.error({ err }, 'refresh failed');
        say(`! Refresh failed: ${(err as Error).message}. The previous index keeps serving, unchanged.`);
      }
    } else if (command !== undefined && (INTAKE_COMMANDS as readonly string[]).includes(command)) {
      pending = undefined;
      if (opts.intake) say(...intakeLines(await runIntakeCommand(text, opts.intake, store.options.log)));
      else say('! Article intake is not available here.');
    } else if (command !== undefined && !KNOWN.includes(command)) {
      pending = undefined;
      say(`! ${unknownCommand(command, KNOWN.filter((c) => c !== 'exit'))}`);
    } else if (text) {
      pending = undefined;
      const query = command ?? 'ask';
      const flag = imageFlag(text);
      const r = safeReply(store.index, flag.text, store.options.log, { limit: frontEndLimit(query) });
      show(r);
      if (flag.image) await picture(r);
    }
    rl.prompt();
  }
  rl.close();
  say('Bye.');
}

/** What the items of an answer are, for "126 tolls:". */
function itemsNoun(r: Answer): string {
  const first = r.items[0];
  switch (r.command) {
    case 'sources':
      return 'articles';
    case 'who':
      return first && 'mentions' in first ? 'people' : 'sentences';
    case 'casualties':
      return 'tolls';
    case 'timeline':
      return 'dated events';
    default:
      return 'results';
  }
}
