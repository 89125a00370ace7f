import { COMMANDS, usage } from './catalog.ts';
import type { Answer, CommandName } from './types.ts';

/** One line to try for each command: general words, not keyed to any corpus. */
const EXAMPLES: Record<CommandName, string> = {
  ask: '/ask How many people were killed?',
  search: '/search police raids',
  who: '/who (everyone), or /who with a surname',
  casualties: '/casualties earthquake',
  timeline: '/timeline election',
  sources: '/sources (all), or /sources with words of a title or an outlet',
  help: '/help',
};

/** /help: the commands and what they do, from the command table, each with an example. */
export function answerHelp(): Answer {
  return {
    command: 'help',
    query: '',
    items: COMMANDS.map((c) => ({ command: c.name, usage: usage(c), description: c.description, example: EXAMPLES[c.name] })),
    message: 'Every answer is made of sentences copied word for word from the articles, each with its source. Ask a question in plain words, or use a command.',
  };
}
