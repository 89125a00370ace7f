import { LIMITS } from '../limits.ts';
import { COMMANDS, commandSpec, usage } from './catalog.ts';
import type { CommandName, InputError } from './types.ts';

export interface ParsedInput {
  command: CommandName;
  query: string;
}

/** Tidies user text: Unicode NFC, no control or zero-width characters, single spaces. */
export function tidy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Checks one option value or question as typed: refuses empty and over-long input with a clear message. */
export function checkQuery(command: CommandName, raw: string): string | InputError {
  if (raw.length > LIMITS.maxInputLength) {
    return { error: `That is ${raw.length} characters long; the limit is ${LIMITS.maxInputLength}. Please shorten it.` };
  }
  const query = tidy(raw);
  const spec = commandSpec(command);
  if (!query && spec?.argument?.required) return { error: `/${command} needs ${spec.argument.name === 'question' ? 'a question' : 'some words'}: ${usage(spec)}` };
  return query;
}

/**
 * Reads one console line or DM: `/command [text]`, or a plain question (answered as /ask).
 * Returns a clear error for an empty line, an unknown command, or input over the length limit.
 */
export function parseInput(input: string): ParsedInput | InputError {
  if (input.length > LIMITS.maxInputLength) {
    return { error: `That is ${input.length} characters long; the limit is ${LIMITS.maxInputLength}. Please shorten it.` };
  }
  const text = tidy(input);
  if (!text) return { error: 'Nothing to answer: type a question, or /help to see the commands.' };
  if (!text.startsWith('/')) return { command: 'ask', query: text };
  const m = /^\/(\S*)\s*(.*)$/s.exec(text)!;
  const name = m[1]!.toLowerCase();
  const spec = commandSpec(name);
  if (!spec) {
    const known = COMMANDS.map((c) => `/${c.name}`).join(', ');
    return { error: `Unknown command "/${name.slice(0, 40)}". The commands are ${known}.` };
  }
  const query = checkQuery(spec.name, m[2] ?? '');
  if (typeof query !== 'string') return query;
  return { command: spec.name, query: spec.argument ? query : '' };
}
