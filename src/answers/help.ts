import { COMMANDS, usage } from './catalog.ts';
import type { Answer } from './types.ts';

/** /help: the commands and what they do, from the command table. */
export function answerHelp(): Answer {
  return {
    command: 'help',
    query: '',
    items: COMMANDS.map((c) => ({ command: c.name, usage: usage(c), description: c.description })),
    message: 'Every answer is made of sentences copied word for word from the articles, each with its source. Ask a question in plain words, or use a command.',
  };
}
