import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleLookup } from '../../src/answers/format.ts';
import type { Answer, CasualtyItem, SearchItem, SourceItem, TimelineItem } from '../../src/answers/types.ts';
import type { ArticleMeta } from '../../src/corpus/types.ts';
import { BLOCK_MAX, embedLength, escapeCapped, escapeText, itemBlock, pageCount, renderAnswer, renderPage } from '../../src/discord/render.ts';
import { DISCORD_LIMITS } from '../../src/limits.ts';
import { renderText } from '../../src/console/render.ts';

const META: Record<string, ArticleMeta> = {
  'a.txt': { file: 'a.txt', title: 'Jet crash in Sinai', outlet: 'Wire', published: '2015-11-01T10:00:00Z', url: 'https://example.org/jet' },
  'b.txt': { file: 'b.txt' },
};
const lookup: ArticleLookup = (f) => META[f];

/** Undoes Discord markdown escaping: what a reader sees. */
const unescapeMd = (s: string) => s.replace(/\\(.)/gs, '$1');

function checkLimits(pages: ReturnType<typeof renderAnswer>): void {
  expect(pages.length).toBeGreaterThan(0);
  for (const e of pages) {
    expect(e.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(e.description!.length).toBeGreaterThan(0);
    expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(e.footer!.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    expect(embedLength(e)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  }
}

describe('escaping', () => {
  it('escapes every markdown construct, and the reader sees the text unchanged', () => {
    const text = '# Head **bold** _it_ __u__ ~~s~~ ||spoiler|| `code` ```block``` [link](https://x.y) - item 1. item > quote \\ @everyone <@123>';
    const out = escapeText(text);
    expect(out).not.toMatch(/(?<!\\)\*\*/);
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(out).not.toMatch(/(?<!\\)\|\|/);
    expect(out.startsWith('\\#')).toBe(true);
    expect(unescapeMd(out)).toBe(text);
  });

  it('escapeCapped stays within its bound, never splits a surrogate pair, and shows a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = escapeCapped(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        const seen = unescapeMd(out.replace(/…$/, ''));
        expect(text.replace(/\s+/g, ' ').trim().startsWith(seen.replace(/\\$/, ''))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderAnswer', () => {
  it('shows each quote as a block quote with its source, linked when the article has a URL', () => {
    const ans: Answer = {
      command: 'search',
      query: 'jet',
      items: [
        { quote: 'The jet broke up in the air.', source: 'a.txt', alsoIn: ['b.txt'] },
        { quote: 'Nobody survived.', source: 'b.txt' },
      ],
    };
    const [page, ...rest] = renderAnswer(ans, lookup);
    expect(rest).toEqual([]);
    const d = page!.description!;
    expect(d).toContain('> The jet broke up in the air.\n— [Jet crash in Sinai — Wire, 2015-11-01](https://example.org/jet) · `a.txt`');
    expect(d).toContain('*also in:* b.txt');
    expect(d).toContain('> Nobody survived.\n— b.txt');
    expect(page!.title).toBe('/search jet');
  });

  it('shows a near copy from another article under its quote, and an exact copy as "also in"', () => {
    const ans: Answer = {
      command: 'ask',
      query: 'how many boats',
      items: [{ quote: 'Iraq said its forces sank three Iranian boats which tried to approach.', source: 'a.txt', alsoIn: ['c.txt', { quote: 'Iraq said its forces sank three Iranian boats that tried to approach.', source: 'b.txt' }] }],
    };
    const d = renderAnswer(ans, lookup)[0]!.description!;
    expect(d).toContain('*also:*\n> Iraq said its forces sank three Iranian boats that tried to approach.\n— b.txt');
    expect(d).toContain('*also in:* c.txt');
  });

  it('puts toll figures and dates beside their quotes, and extra sources under them', () => {
    const toll: CasualtyItem = {
      quote: 'At least 44 people were killed.',
      source: 'a.txt',
      killed: 44,
      wounded: null,
      atLeast: true,
      killedText: 'At least 44',
      woundedText: null,
      noCasualties: false,
      event: 'Sinai crash',
      date: '2015-10-31',
      published: '2015-11-01',
      sources: [
        { quote: 'At least 44 people were killed.', source: 'a.txt', published: '2015-11-01' },
        { quote: 'The crash killed 44.', source: 'b.txt', published: null },
      ],
    };
    const event: TimelineItem = { quote: 'On Friday the attacks began.', source: 'b.txt', date: '2015-11-13', dateText: 'Friday' };
    const [c] = renderAnswer({ command: 'casualties', query: '', items: [toll] }, lookup);
    expect(c!.description).toMatch(/\*\*At least 44 killed\*\* — Sinai crash · 2015-10-31\n> At least 44 people were killed\.\n— /);
    expect(c!.description).toContain('*also:*\n> The crash killed 44.\n— b.txt');
    const [t] = renderAnswer({ command: 'timeline', query: 'attacks', items: [event] }, lookup);
    expect(t!.description).toContain('**1.** **2015-11-13** (“Friday”)\n> On Friday the attacks began.');
  });

  it('a message and suggestions head the first page; an empty answer still has a description', () => {
    const [p] = renderAnswer({ command: 'who', query: 'Smth', items: [], message: 'Nobody called "Smth" is mentioned.', suggestions: ['Smith', 'Smyth'] }, lookup);
    expect(p!.description).toBe('Nobody called "Smth" is mentioned.\nDid you mean: **Smith**, **Smyth**?');
    const [q] = renderAnswer({ command: 'search', query: 'x', items: [] }, lookup);
    expect(q!.description).toBe('Nothing found.');
  });

  it('paginates long answers: every item once, in order, numbered across pages', () => {
    const items: SearchItem[] = Array.from({ length: 50 }, (_, i) => ({ quote: `Sentence number ${i + 1} of the article.`, source: 'a.txt' }));
    const pages = renderAnswer({ command: 'search', query: 'sentence', items }, lookup);
    expect(pages.length).toBe(10);
    const all = pages.map((p) => p.description).join('\n');
    for (let i = 1; i <= 50; i++) expect(all).toContain(`> Sentence number ${i} of the article.`);
    expect(all.indexOf('Sentence number 7 ')).toBeLessThan(all.indexOf('Sentence number 8 '));
    expect(pages[3]!.footer!.text).toContain('page 4 of 10');
    checkLimits(pages);
  });

  it('pages through every item of a huge answer, rendering only the page asked for', () => {
    const n = 19_000;
    const items: SourceItem[] = Array.from({ length: n }, (_, i) => ({ quote: `Line ${i + 1}.`, source: `f${i + 1}.txt`, title: `Title ${i + 1}`, outlet: 'Wire', published: null, sentences: 3 }));
    const ans = { command: 'sources' as const, query: '', items };
    const total = pageCount(ans);
    expect(total).toBe(Math.ceil(n / 6));
    const seen = new Set<number>();
    for (const p of [0, 1, 1500, total - 1]) {
      const page = renderPage(ans, lookup, p);
      checkLimits([page]);
      for (const m of page.description!.matchAll(/> Line (\d+)\./g)) seen.add(Number(m[1]));
      expect(page.footer!.text).toContain(`19,000 articles · page ${(p + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    }
    // Pages hold consecutive items, numbered across pages; the last one ends with the last item.
    expect(seen).toContain(1);
    expect(seen).toContain(6 * 1500 + 1);
    expect(seen).toContain(n);
    expect(renderPage(ans, lookup, 1500).description).toMatch(/^\*\*9001\.\*\* \*\*Title 9001\*\*/);
    // Each title once: the row's source line is its file, not the title again.
    expect(renderPage(ans, lookup, 0).description!.match(/Title 1\*\*/g)).toHaveLength(1);
  });

  it('/help says no "results" in its footer', () => {
    const [p] = renderAnswer({ command: 'help', query: '', items: [{ command: 'ask', usage: '/ask <question>', description: 'Ask', example: '/ask Who?' }] }, lookup);
    expect(p!.footer?.text ?? '').not.toMatch(/result/);
    expect(p!.description).toContain('e.g. `/ask Who?`');
  });

  it('cuts a monstrous sentence with "…" and keeps its block within bounds', () => {
    const block = itemBlock({ quote: `${'word '.repeat(3000)}end.`, source: 'a.txt' }, 1, lookup);
    expect(block.length).toBeLessThanOrEqual(BLOCK_MAX);
    expect(block).toMatch(/…\n— /);
  });

  it('respects every Discord limit for any text in any field (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 1500 }),
      fc.string({ unit: 'grapheme', maxLength: 600 }),
      fc.constantFrom('@everyone', '<@123456789012345678>', '*'.repeat(5000), '`'.repeat(4000), '\\'.repeat(3000), '> # - 1.'),
    );
    const quote = fc.record({ quote: text, source: fc.constantFrom('a.txt', 'b.txt', 'missing.txt') });
    const item = fc.oneof(
      quote,
      fc.record({ quote: text, source: fc.constant('a.txt'), alsoIn: fc.array(fc.constantFrom('a.txt', 'b.txt', 'x.txt'), { maxLength: 20 }) }),
      fc.record({
        quote: text,
        source: fc.constant('b.txt'),
        killed: fc.option(fc.nat()),
        wounded: fc.option(fc.nat()),
        atLeast: fc.boolean(),
        event: fc.option(text),
        date: fc.option(fc.constant('2015-11-13')),
        sources: fc.array(quote, { maxLength: 8 }),
      }),
      fc.record({ quote: text, source: fc.constant('a.txt'), date: fc.constant('2015-11-13'), dateText: text, alsoIn: fc.array(quote, { maxLength: 10 }) }),
      fc.record({ quote: text, source: fc.constant('a.txt'), name: text, role: fc.option(text), mentions: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('search', 'ask', 'who', 'casualties', 'timeline'),
        text,
        fc.array(item, { maxLength: 30 }),
        fc.option(text),
        (command, query, items, message) => {
          const ans = { command, query, items, ...(message === null ? {} : { message }) } as Answer;
          checkLimits(renderAnswer(ans, lookup));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('how a dated quote says where its date came from', () => {
  const dated: TimelineItem = { date: '1998-02-13', dateText: 'on Friday', note: "dated from the file name's date", quote: 'Officials said on Friday the vote would go ahead.', source: 'a.txt' };
  const ahead: TimelineItem = { date: '2005', dateText: 'in 2005', future: true, quote: 'Growth will slow in 2005.', source: 'a.txt' };
  const yearless: TimelineItem = { date: 'XXXX-12-26', dateText: 'on 26 December', note: 'year not given', quote: 'The tsunami ravaged south and east Asia on 26 December.', source: 'b.txt' };
  const answer: Answer = { command: 'timeline', query: '', items: [dated, ahead], yearless: [yearless] };

  it('shows the note, marks a date ahead of its article, and shows a date without a year as written, after the dated ones', () => {
    const text = unescapeMd(renderAnswer(answer, lookup).map((e) => e.description).join('\n'));
    expect(text).toContain('1998-02-13** (“on Friday”; dated from the file name\'s date)');
    expect(text).toContain('2005** (“in 2005”; ahead of the article)');
    expect(text).toContain('on 26 December** (year not given)');
    expect(text).not.toContain('XXXX');
    expect(text.indexOf('26 December')).toBeGreaterThan(text.indexOf('Growth will slow'));
    expect(renderPage(answer, lookup, 0).footer!.text).toMatch(/^3 dated events/);
  });

  it('renders the same headings in the console', () => {
    const out = renderText(answer, lookup);
    expect(out).toContain('1998-02-13 (“on Friday”; dated from the file name\'s date)');
    expect(out).toContain('2005 (“in 2005”; ahead of the article)');
    expect(out).toMatch(/3\. on 26 December \(year not given\)/);
    expect(out).not.toContain('XXXX');
  });
});

describe('a quote whose speaker the text names', () => {
  const said: SearchItem = { quote: 'He later held out the prospect that a Syrian cease-fire could come within weeks.', source: 'a.txt', speaker: 'John Kerry' };
  const plain: SearchItem = { quote: 'The talks resumed in Vienna.', source: 'a.txt' };
  const answer: Answer = { command: 'ask', query: 'What did Kerry say about a cease-fire?', items: [said, plain] };

  it('shows who said it above the quote, in Discord and in the console; a quote without one is unchanged', () => {
    const text = unescapeMd(renderPage(answer, lookup, 0).description!);
    expect(text).toMatch(/\*\*1\.\*\* \*\*John Kerry\*\* said:\n> He later held out/);
    expect(text).toMatch(/\n> The talks resumed in Vienna\./);
    expect(text).not.toMatch(/2\.\*\* .*said:/);
    const out = renderText(answer, lookup);
    expect(out).toMatch(/1\. John Kerry said:\n\s+“He later held out/);
    expect(out).not.toMatch(/2\. .*said:/);
  });
});
