
import fc from 'fast-check';
import { expect } from 'vitest';
import { COMMANDS } from '../../src/answers/catalog.ts';
import { answer } from '../../src/answers/engine.ts';
import type { Reply } from '../../src/answers/types.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { LIMITS } from '../../src/limits.ts';

export { fileTexts } from '../helpers/corpus.ts';

/** One answer per command (search and ask with words the seeds contain): a fingerprint of what an index serves. */
export const sampleAnswers = (index: CorpusIndex) =>
  COMMANDS.map((c) => answer(index, c.name, c.name === 'search' || c.name === 'ask' ? 'police raids Raqqa' : ''));

/** True when `s` has no lone surrogate (what `String.prototype.isWellFormed` checks, Node ≥ 20). */
export const wellFormed = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Every string anywhere inside a value. */
function* strings(v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* strings(x);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* strings(x);
}

/** Every `{quote, source}` pair anywhere inside a value (items, `sources`, `alsoIn` entries, …). */
function* quoteRefs(v: unknown): Generator<{ quote: unknown; source: unknown }> {
  if (Array.isArray(v)) for (const x of v) yield* quoteRefs(x);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('quote' in o || 'source' in o) yield { quote: o.quote, source: o.source };
    for (const x of Object.values(o)) yield* quoteRefs(x);
  }
}

/**
 * A valid Answer to `command`: the right command, a query within the input limit, at most
 * LIMITS.maxItems items or a "nothing found" message, every quote an exact substring of the real
 * text of its source file, every string well-formed Unicode.
 */
export function expectValidAnswer(r: Reply, command: string, texts: Map<string, string>): void {
  expect(r, JSON.stringify(r).slice(0, 300)).not.toHaveProperty('error');
  if ('error' in r) return;
  expect(r.command).toBe(command);
  expect(typeof r.query).toBe('string');
  expect(r.query.length).toBeLessThanOrEqual(LIMITS.maxInputLength);
  expect(Array.isArray(r.items)).toBe(true);
  expect(r.items.length).toBeLessThanOrEqual(LIMITS.maxItems);
  if (r.items.length === 0) expect(r.message ?? '').not.toBe('');
  for (const { quote, source } of quoteRefs(r.items)) {
    expect(typeof quote).toBe('string');
    expect(typeof source).toBe('string');
    expect(quote).not.toBe('');
    const text = texts.get(source as string);
    expect(text, `source ${String(source)} is a corpus file`).toBeDefined();
    expect(text!.includes(quote as string), `verbatim quote from ${String(source)}: ${String(quote).slice(0, 80)}`).toBe(true);
  }
  for (const item of r.items as unknown as Record<string, unknown>[]) {
    for (const f of Array.isArray(item.alsoIn) ? item.alsoIn : []) if (typeof f === 'string') expect(texts.has(f)).toBe(true);
  }
  for (const s of strings(r)) expect(wellFormed(s), `well-formed: ${JSON.stringify(s).slice(0, 80)}`).toBe(true);
}

/** A clear refusal: one short, well-formed line, with no stack trace, file path or source location. */
export function expectClearError(r: Reply): string {
  expect(r).toHaveProperty('error');
  const e = (r as { error: string }).error;
  expect(typeof e).toBe('string');
  expect(e.trim()).not.toBe('');
  expect(e.length).toBeLessThanOrEqual(300);
  expect(e).not.toMatch(/[\r\n]/);
  expect(e).not.toMatch(/\n\s*at |\bat .+:\d+:\d+|\.[cm]?[jt]s:\d+|node_modules|Error:/);
  expect(e).not.toContain(process.cwd());
  expect(wellFormed(e), `well-formed error: ${JSON.stringify(e)}`).toBe(true);
  return e;
}

/** Text fragments a busy server sends: mentions, markdown, scripts, injection attempts, edge numbers. */
export const NASTY = [
  '@everyone', '@here', '<@123>', '<@!123456789012345678>', '<@&456>', '<#789>', '</search:1234>', '<:emoji:123>', '<t:1700000000:R>',
  '```js\nconsole.log(1)\n```', '```', '`x`', '**bold**', '__u__', '~~s~~', '||spoiler||', '> quote', '# heading', '-# small',
  '[link](https://evil.example)', 'https://discord.gg/abc', 'http://127.0.0.1:8080/api',
  '\u202Eevil\u202C', '\u200F\u200E', '\u200B', '\u200D', '\uFEFF', '\u2028', '\u2029', '\u0000', '\u0007', '\x1b[31mred\x1b[0m', '\u009B2J', '\u0085', '\r\n', '\t',
  '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '😀', 'é', 'e\u0301', 'ﬁ', 'İ', 'ß', 'مرحبا بالعالم', 'שלום', '中文字符', 'Ｒａｑｑａ', '\uD800', '\uDFFF', '\uDBFF\uDBFF',
  '.*+?^$\u007B}()|[]\\', '(a+)+$', '\\d{1000}', '(?<=x)', '[^]', '$&$1', '%s%d%n%x', '$\u007Bprocess.exit()}', '{{7*7}}', '#{1+1}',
  "'; DROP TABLE sentences; --", '" OR 1=1 --', "' OR ''='", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&amp;&#x27;&lt;',
  '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\system32', '$(rm -rf /)', '`id`', '; ls -la', '| cat /etc/shadow', "require('child_process')",
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '0', '-0', 'NaN', 'Infinity', '-Infinity', '1e308', '1e309', '4.9e-324', '9007199254740993', '-9223372036854775808', '2147483648', '0x1F',
  '1_000', '١٢٣', '½', '10,000,000', '-1', '00000000000000000000001', 'null', 'undefined', 'true', '[]', '{}',
  '/', '//', '/search', '/who', '/help', '/SEARCH', '/unknown', '/../', ' / ', '/\u200Bsearch',
  'Raqqa', 'police raids', 'Paris', 'killed', 'Metrojet', 'Abdeslam', 'U.S.', 'NDTV.com', 'who was arrested', 'how many died',
];

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** One piece of input: a nasty fragment or random text of several kinds (lone surrogates included). */
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
);

const sep = fc.constantFrom('', ' ', ' ', '  ', '\n', '\t', '\u00A0', '\u3000');

/** Short text made of pieces. */
const short = fc.array(fc.tuple(piece, sep), { maxLength: 12 }).map((ps) => ps.map(([p, s]) => p + s).join(''));

/** Text of an exact length from 0 to 6,000 code units (cut anywhere, surrogate pairs included). */
const sized = (min: number, max: number) =>
  fc.tuple(short, fc.integer({ min, max })).map(([t, n]) => {
    const base = t.length ? t : 'word ';
    return base.repeat(Math.ceil(n / base.length)).slice(0, n);
  });

/** What users type: mostly short, often right around the input limit, sometimes up to Discord's 6,000. */
export const userText = fc.oneof(
  { weight: 6, arbitrary: short },
  { weight: 2, arbitrary: sized(LIMITS.maxInputLength - 8, LIMITS.maxInputLength + 8) },
  { weight: 1, arbitrary: sized(0, 6000) },
);

/** A console line or DM: a command prefix (known, odd or none) then user text. */
export const typedLine = fc
  .tuple(fc.constantFrom('', '', '/search ', '/ask ', '/who ', '/casualties ', '/timeline ', '/sources ', '/help ', '/SEARCH ', '/Who', '/nope ', '/', ' /search ', '/search\n', '/\u200Bsearch '), userText)
  .map(([p, t]) => p + t);
