import { createInterface } from 'node:readline';
import { lookupIn } from '../answers/format.ts';
import type { IndexStore } from '../index/store.ts';
import { renderText } from './render.ts';
import { safeReply } from './safe-reply.ts';

/**
 * The interactive console: type what you would type in Discord (`/search Raqqa strikes`, `/who`,
 * `/help`, …) or a plain question. `/refresh` re-reads the corpus; `/quit` or Ctrl-D leaves.
 */
export async function runConsole(store: IndexStore, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const rl = createInterface({ input, output, prompt: '> ', terminal: (input as { isTTY?: boolean }).isTTY ?? false });
  const say = (s: string) => output.write(`${s}\n`);
  const idx = store.index;
  say(`Quote bot — ${idx.articles.size} articles, ${idx.sentences.length} sentences. Ask a question, or /help. /quit or Ctrl-D leaves.`);
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text === '/refresh') {
      try {
        const r = await store.refresh();
        say(`Refreshed in ${Math.round(r.ms)} ms: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed; ${r.articles} articles, ${r.sentences} sentences.`);
        if (r.notSaved) say(`! Not saved to disk (${r.notSaved}): the new index serves from memory; the next /refresh saves it again.`);
      } catch (err) {
        say(`! Refresh failed: ${(err as Error).message}`);
      }
    } else if (text) {
      const index = store.index;
      say(renderText(safeReply(index, text, store.options.log), lookupIn(index)));
    }
    rl.prompt();
  }
  rl.close();
  say('Bye.');
}
