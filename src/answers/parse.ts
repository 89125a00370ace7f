import leven from 'leven';
import { LIMITS } from '../limits.ts';
import { COMMANDS, commandSpec, usage } from './catalog.ts';
import type { CommandName, InputError } from './types.ts';

export interface ParsedInput {
  command: CommandName;
  query: string;
}

/** Tidies user text: Unicode NFC, no control (C0, C1), zero-width or bidi characters, single spaces. */
export function tidy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const tooLong = (length: number): InputError => ({
  error: `That is ${length} characters long; the limit is ${LIMITS.maxInputLength}. Please shorten it.`,
});

/** Checks one option value or question as typed: refuses empty and over-long input with a clear message. */
export function checkQuery(command: CommandName, raw: string): string | InputError {
  if (raw.length > LIMITS.maxInputLength) return tooLong(raw.length);
  const query = tidy(raw);
  // NFC can lengthen text (some characters decompose: "क़" is two code units after it), so the
  // limit holds for the tidied text too.
  if (query.length > LIMITS.maxInputLength) return tooLong(query.length);
  const spec = commandSpec(command);
  if (!query && spec?.argument?.required) return { error: `/${command} needs ${spec.argument.name === 'question' ? 'a question' : 'some words'}: ${usage(spec)}` };
  return query;
}

/**
 * Reads one console line or DM: `/command [text]`, or a plain question (answered as /ask).
 * Returns a clear error for an empty line, an unknown command, or input over the length limit.
 */
export function parseInput(input: string): ParsedInput | InputError {
  if (input.length > LIMITS.maxInputLength) return tooLong(input.length);
  const text = tidy(input);
  if (text.length > LIMITS.maxInputLength) return tooLong(text.length);
  if (!text) return { error: 'Nothing to answer: type a question, or /help to see the commands.' };
  if (!text.startsWith('/')) return { command: 'ask', query: text };
  const m = /^\/(\S*)\s*(.*)$/s.exec(text)!;
  const name = m[1]!.toLowerCase();
  const spec = commandSpec(name);
  if (!spec) {
    return { error: unknownCommand(name, COMMANDS.map((c) => c.name)) };
  }
  const query = checkQuery(spec.name, m[2] ?? '');
  if (typeof query !== 'string') return query;
  return { command: spec.name, query: spec.argument ? query : '' };
}

/**
 * The known command nearest to a mistyped one ("serach" → "search"): within two edits (one for a
 * name of three letters or fewer), or one it begins ("tim" → "timeline"); none when two are as near.
 */
export function nearestCommand(name: string, names: readonly string[]): string | undefined {
  if (!name) return undefined;
  const prefixed = names.filter((n) => name.length >= 2 && n.startsWith(name));
  if (prefixed.length === 1) return prefixed[0];
  const max = name.length <= 3 ? 1 : 2;
  const scored = names.map((n) => ({ n, d: leven(name, n) })).filter((x) => x.d <= max);
  scored.sort((a, b) => a.d - b.d);
  if (!scored.length || (scored.length > 1 && scored[1]!.d === scored[0]!.d)) return undefined;
  return scored[0]!.n;
}

/** "Unknown command "/serach". Did you mean /search? The commands are …" */
export function unknownCommand(name: string, names: readonly string[]): string {
  // Cut by code points, not code units: half an emoji is not a character.
  const shown = Array.from(name).slice(0, 40).join('');
  const near = nearestCommand(name.slice(0, 40), names);
  return `Unknown command "/${shown}".${near ? ` Did you mean /${near}?` : ''} The commands are ${names.map((n) => `/${n}`).join(', ')}.`;
}
