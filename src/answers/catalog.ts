import type { CommandName } from './types.ts';

/**
 * The commands, as data: what each is called, what it takes and what it does. The console's /help,
 * the input parser and the Discord command declarations all read this one table.
 */
export interface CommandSpec {
  name: CommandName;
  /** The one free-text argument, if any. */
  argument?: { name: string; required: boolean; description: string };
  description: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'ask', argument: { name: 'question', required: true, description: 'A question in plain words' }, description: 'Answer a question with quotes from the articles' },
  { name: 'search', argument: { name: 'query', required: true, description: 'Words to look for' }, description: 'Find the sentences that mention these words' },
  { name: 'who', argument: { name: 'name', required: false, description: 'A person’s name (leave empty to list everyone)' }, description: 'Who the articles mention, or what they say about one person' },
  { name: 'casualties', argument: { name: 'event', required: false, description: 'An event or place to narrow the list' }, description: 'Tolls of dead and wounded, with the sentences that state them' },
  { name: 'timeline', argument: { name: 'topic', required: false, description: 'A person, place or word to narrow the timeline' }, description: 'Dated events in order, each with the sentence that dates it' },
  { name: 'sources', argument: { name: 'query', required: false, description: 'Words of a title or an outlet (leave empty to list every article)' }, description: 'The articles the bot has read' },
  { name: 'help', description: 'What the bot can do' },
];

export const commandSpec = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);

export const usage = (c: CommandSpec): string =>
  c.argument ? `/${c.name} ${c.argument.required ? `<${c.argument.name}>` : `[${c.argument.name}]`}` : `/${c.name}`;
