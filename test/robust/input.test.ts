/**
 * Bad input, property-based: every command × generated option text, and console/DM lines, on the
 * real seed index. Each case must give a valid answer (verbatim quotes, checked against the real
 * files) or a clear refusal; nothing throws; over-long input is refused with the limit stated; the
 * JSON line form is one line and parses back; the console rendering never throws.
 * About 10,500 generated cases in all (numRuns below).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, commandSpec } from '../../src/answers/catalog.ts';
import { answer, reply } from '../../src/answers/engine.ts';
import { checkQuery, parseInput, tidy } from '../../src/answers/parse.ts';
import type { CommandName, Reply } from '../../src/answers/types.ts';
import { renderJson, renderText } from '../../src/console/render.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { LIMITS } from '../../src/limits.ts';
import { SEEDS, seedIndex } from '../helpers/corpus.ts';
import { expectClearError, expectValidAnswer, fileTexts, NASTY, typedLine, userText, wellFormed } from './check.ts';

let index: CorpusIndex;
let texts: Map<string, string>;
beforeAll(async () => {
  index = await seedIndex();
  texts = await fileTexts(SEEDS, index.articles.keys());
});

const lookup = (f: string) => index.articles.get(f)?.meta;

/** The front-end contract every reply meets: one JSON line that parses back, and a console rendering. */
function expectRenderable(r: Reply): void {
  const line = renderJson(r);
  expect(line).not.toMatch(/[\n\r]/);
  expect(JSON.parse(line)).toEqual(r);
  const text = renderText(r, lookup);
  expect(typeof text).toBe('string');
  // Nothing that could drive the terminal: no control characters but line breaks and tabs.
  expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  if ('error' in r) expect(text).toContain(r.error);
}

const RUNS_PER_COMMAND = 850; // × 7 commands
const RUNS_LINES = 3000;
const RUNS_TIDY = 1500;

describe('every command option, generated (property)', () => {
  it.each(COMMANDS.map((c) => [c.name]))('/%s: a valid answer or a clear refusal, never a throw', (name) => {
    const command = name as CommandName;
    const spec = commandSpec(command)!;
    fc.assert(
      fc.property(userText, (raw) => {
        const checked = checkQuery(command, raw);
        if (raw.length > LIMITS.maxInputLength || tidy(raw).length > LIMITS.maxInputLength) {
          const e = expectClearError(checked as Reply);
          expect(e).toContain(String(LIMITS.maxInputLength));
          return;
        }
        if (typeof checked !== 'string') {
          // The only other refusal: a required argument left empty (after tidying).
          expect(spec.argument?.required).toBe(true);
          expect(tidy(raw)).toBe('');
          expect(expectClearError(checked)).toContain(`/${command}`);
          return;
        }
        expect(wellFormed(checked)).toBe(true);
        const r = answer(index, command, checked);
        expectValidAnswer(r, command, texts);
        expectRenderable(r);
      }),
      { numRuns: RUNS_PER_COMMAND },
    );
  });
});

describe('console and DM lines, generated (property)', () => {
  it('reply(): an answer to the command typed (or /ask), or one of the known refusals', () => {
    fc.assert(
      fc.property(typedLine, (line) => {
        const r = reply(index, line);
        expectRenderable(r);
        const t = tidy(line);
        if (line.length > LIMITS.maxInputLength || t.length > LIMITS.maxInputLength) {
          expect(expectClearError(r)).toMatch(new RegExp(`limit is ${LIMITS.maxInputLength}\\b`));
          return;
        }
        if (!t) {
          expect(expectClearError(r)).toMatch(/Nothing to answer/);
          return;
        }
        if (!t.startsWith('/')) {
          expectValidAnswer(r, 'ask', texts);
          return;
        }
        const name = t.slice(1).split(' ')[0]!.toLowerCase();
        const spec = commandSpec(name);
        if (!spec) {
          const e = expectClearError(r);
          for (const c of COMMANDS) expect(e).toContain(`/${c.name}`);
          return;
        }
        const rest = t.slice(1 + name.length).trim();
        if (!rest && spec.argument?.required) {
          expect(expectClearError(r)).toContain(`/${spec.name}`);
          return;
        }
        expectValidAnswer(r, spec.name, texts);
      }),
      { numRuns: RUNS_LINES },
    );
  });

  it('tidy(): no control (C0, C1), zero-width or bidi characters, no lone surrogates, single spaces, idempotent', () => {
    fc.assert(
      fc.property(userText, (raw) => {
        const t = tidy(raw);
        expect(t).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/);
        expect(wellFormed(t)).toBe(true);
        expect(t).not.toMatch(/^\s|\s$|\s\s/);
        expect(tidy(t)).toBe(t);
      }),
      { numRuns: RUNS_TIDY },
    );
  });
});

describe('bad input, by example', () => {
  it('refuses input one character over the limit, stating the limit, and accepts input at the limit', () => {
    const at = 'Raqqa '.repeat(100).slice(0, LIMITS.maxInputLength);
    for (const c of COMMANDS) {
      const over = checkQuery(c.name, `${at}x`);
      expect(expectClearError(over as Reply)).toContain(String(LIMITS.maxInputLength));
      expect(typeof checkQuery(c.name, at)).toBe('string');
    }
    const line = `/search ${at}`.slice(0, LIMITS.maxInputLength);
    expectValidAnswer(reply(index, line), 'search', texts);
    expect(expectClearError(reply(index, `${line}x`))).toContain(String(LIMITS.maxInputLength));
    expect(expectClearError(reply(index, 'x'.repeat(6000)))).toContain(String(LIMITS.maxInputLength));
  });

  it('keeps the limit when Unicode normalisation lengthens the text', () => {
    // U+0958 has no composed form under NFC: each one becomes two code units.
    const raw = '\u0958'.repeat(300);
    expect(tidy(raw).length).toBeGreaterThan(LIMITS.maxInputLength);
    for (const c of COMMANDS) expect(expectClearError(checkQuery(c.name, raw) as Reply)).toContain(String(LIMITS.maxInputLength));
    expect(expectClearError(reply(index, raw))).toContain(String(LIMITS.maxInputLength));
  });

  it('answers every nasty fragment, alone and after every command, without throwing', () => {
    for (const frag of NASTY) {
      for (const line of [frag, ...COMMANDS.map((c) => `/${c.name} ${frag}`)]) {
        const r = reply(index, line);
        expectRenderable(r);
        if ('error' in r) expectClearError(r);
        else expectValidAnswer(r, r.command, texts);
      }
    }
  });

  it('never cuts a character in half when it echoes an unknown command', () => {
    const name = `${'a'.repeat(39)}😀😀`;
    const r = parseInput(`/${name} x`);
    expectClearError(r as Reply);
  });

  it('renders control characters from the corpus harmlessly on a terminal, and keeps them in JSON', () => {
    const quote = 'Shares fell\u001b[2J\u001b]0;pwned\u0007 sharply\u009b on Monday.';
    const r: Reply = { command: 'search', query: 'shares', items: [{ quote, source: 'evil.txt' }], message: 'note\nsecond line' };
    const text = renderText(r, (f) => ({ file: f, title: 'Title\r\nInjected: \u001b[31mred', outlet: 'Out\u0000let' }));
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(text.split('\n')).toHaveLength(4); // header, message, quote, source: no line smuggled in
    expect(text).toContain('Shares fell');
    expect(JSON.parse(renderJson(r)).items[0].quote).toBe(quote);
  });

  it('searches with real words inside the noise still find the seed sentence', () => {
    const r = reply(index, '/search <@123> **police** @everyone raids ```');
    expectValidAnswer(r, 'search', texts);
    expect((r as { items: { quote: string }[] }).items.some((i) => i.quote.includes('128 raids overnight'))).toBe(true);
  });
});

describe('a mistyped command', () => {
  it('gets "did you mean" for the one near command, in the console and in DMs alike', () => {
    for (const [typed, meant] of [
      ['serach', 'search'],
      ['SEARCH', 'search'],
      ['whoo', 'who'],
      ['casulties', 'casualties'],
      ['timelime', 'timeline'],
      ['tim', 'timeline'],
      ['sourcse', 'sources'],
    ] as const) {
      const r = parseInput(`/${typed} floods`);
      if (!('error' in r)) {
        expect(r.command).toBe(meant); // a different case is the same command
        continue;
      }
      expect(r.error).toContain(`Did you mean /${meant}?`);
    }
    for (const far of ['xyzzy', 'q', 'refreshing-all-the-things']) {
      const r = parseInput(`/${far}`);
      expect('error' in r && r.error).toMatch(/^Unknown command .* The commands are \/ask, /);
      expect('error' in r && r.error).not.toMatch(/Did you mean/);
    }
  });
});
