
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAsk, routeQuestion } from '../src/answers/ask/index.ts';
import { reply } from '../src/answers/engine.ts';
import { answerSearch } from '../src/answers/search.ts';
import type { Answer, QuoteRef, TimelineItem } from '../src/answers/types.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { LIMITS } from '../src/limits.ts';
import { seedIndex, seedTexts } from './helpers/corpus.ts';

let index: CorpusIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const ask = (q: string) => answerAsk(index, q);
const quotes = (a: Answer) => (a.items as QuoteRef[]).map((i) => i.quote);
/** Every sentence an item quotes: its quote and, for a toll, every stating sentence. */
const allQuotes = (a: Answer) => (a.items as (QuoteRef & { sources?: QuoteRef[] })[]).flatMap((i) => [i.quote, ...(i.sources ?? []).map((s) => s.quote)]);

describe('routing a plain question by its form', () => {
  it('sends each kind of question to the right answer', () => {
    expect(routeQuestion('How many people died on the Russian jet?')).toEqual({ kind: 'tolls', filter: 'on the Russian jet' });
    expect(routeQuestion('how many were wounded in Paris')).toEqual({ kind: 'tolls', filter: 'in Paris' });
    // "lost their lives" is a toll's words, not words the toll's report must hold.
    expect(routeQuestion('How many people lost their lives in the flood?')).toEqual({ kind: 'tolls', filter: 'in the flood' });
    expect(routeQuestion('Who is Carsten Nickel?')).toEqual({ kind: 'who', name: 'Carsten Nickel' });
    expect(routeQuestion("who's Bashar al-Assad")).toEqual({ kind: 'who', name: 'Bashar al-Assad' });
    // Every particle the people extractor knows inside a name, not a copy of the list.
    expect(routeQuestion('Who is Fernando dos Santos?')).toEqual({ kind: 'who', name: 'Fernando dos Santos' });
    expect(routeQuestion('Who is Carlos del Toro?')).toEqual({ kind: 'who', name: 'Carlos del Toro' });
    expect(routeQuestion('When did Hollande address parliament?')).toEqual({ kind: 'when', words: 'Hollande address parliament' });
    expect(routeQuestion('What did Valls say about the investigation?')).toEqual({ kind: 'said', speaker: 'Valls', topic: 'the investigation' });
    expect(routeQuestion('Can you tell me what Kerry said about the cease-fire?')).toEqual({ kind: 'said', speaker: 'Kerry', topic: 'the cease-fire' });
    expect(routeQuestion('What does Nickel think of Moscow?')).toEqual({ kind: 'said', speaker: 'Nickel', topic: 'Moscow' });
    // "What did X call Y" asks for X's words; "what is it called", for a name.
    expect(routeQuestion("What did Obama call Uganda's proposed law?")).toEqual({ kind: 'said', speaker: 'Obama', topic: "Uganda's proposed law" });
    expect(routeQuestion('What is the think tank called?')).toMatchObject({ kind: 'search' });
  });

  it('reads whom a how-many question counts when it is a group of the toll, not the whole toll', () => {
    expect(routeQuestion('How many guerrillas were killed in the raid?')).toEqual({ kind: 'tolls', filter: 'guerrillas in the raid', counted: 'guerrillas' });
    expect(routeQuestion('How many missing copper miners died?')).toMatchObject({ counted: 'miners' });
    expect(routeQuestion('How many people died on the Russian jet?')).not.toHaveProperty('counted');
    expect(routeQuestion('How many Iraqi casualties did Iran claim in the fighting?')).not.toHaveProperty('counted');
    expect(routeQuestion('how many were wounded in Paris')).not.toHaveProperty('counted');
  });

  it('asks a yes-or-no question about a toll, and "what was the death toll", as a how-many question', () => {
    expect(routeQuestion('Was anyone hurt when the car bomb went off?')).toEqual({ kind: 'tolls', filter: 'when the car bomb went off' });
    expect(routeQuestion('Were there any casualties in the Paris attacks?')).toEqual({ kind: 'tolls', filter: 'in the Paris attacks' });
    expect(routeQuestion('Did anyone die on the Russian jet?')).toEqual({ kind: 'tolls', filter: 'on the Russian jet' });
    expect(routeQuestion("Did the shells cause any casualties on Kuwait's border?")).toEqual({ kind: 'tolls', filter: "the shells on Kuwait's border" });
    expect(routeQuestion('Was anyone arrested in Alsdorf?').kind).toBe('search');
    // A toll named without "how many".
    expect(routeQuestion('What was the death toll in the Chinese forest fires?')).toEqual({ kind: 'tolls', filter: 'in the Chinese forest fires' });
    expect(routeQuestion('What is the number of injured in the Reinosa clashes?')).toEqual({ kind: 'tolls', filter: 'in the Reinosa clashes' });
    expect(routeQuestion('What was the toll of the storm?')).toEqual({ kind: 'tolls', filter: 'of the storm' });
    expect(routeQuestion('What was the number of votes?').kind).toBe('search');
    expect(routeQuestion('Did the attacks cause panic?').kind).toBe('search');
  });

  it('treats a who-question about an event as a search for the event', () => {
    expect(routeQuestion('Who was arrested in Alsdorf?')).toEqual({ kind: 'search', words: 'arrested in Alsdorf' });
    expect(routeQuestion('Who killed 129 people in Paris?')).toEqual({ kind: 'search', words: 'killed 129 people in Paris' });
    expect(routeQuestion('who is the analyst at Teneo')).toEqual({ kind: 'search', words: 'the analyst at Teneo' });
  });

  it('strips question words before a search, and keeps how-many questions that are not about tolls out of /casualties', () => {
    expect(routeQuestion('What happened in Raqqa?')).toEqual({ kind: 'search', words: 'happened in Raqqa' });
    expect(routeQuestion('Where is the Opera metro hub?')).toEqual({ kind: 'search', words: 'the Opera metro hub' });
    expect(routeQuestion('How many raids did police conduct?')).toEqual({ kind: 'search', words: 'raids did police conduct' });
    expect(routeQuestion('police raids')).toEqual({ kind: 'search', words: 'police raids' });
  });
});

describe('answers to the questions of the issue, on the seed articles', () => {
  it('a toll question names one event: the Paris attacks alone, not the other tolls of the same articles', () => {
    const a = ask('How many people died in Paris?');
    expect(a.items).toHaveLength(1);
    expect((a.items[0] as QuoteRef).quote).toMatch(/129 dead and hundreds wounded/);
  });

  it('"How many people died on the Russian jet?" quotes the 224 dead', () => {
    const a = ask('How many people died on the Russian jet?');
    expect(a.command).toBe('ask');
    expect(a.items.length).toBeGreaterThan(0);
    expect(allQuotes(a).some((q) => q.includes('killing 224 people'))).toBe(true);
  });

  it('"Who is Carsten Nickel?" gives his sentences', () => {
    const a = ask('Who is Carsten Nickel?');
    expect(quotes(a)[0]).toContain('Carsten Nickel, an analyst at political-risk consultancy Teneo Intelligence');
    for (const q of quotes(a)) expect(q).toMatch(/Nickel/);
  });

  it('"When did Hollande address parliament?" answers with the dated speech first', () => {
    const a = ask('When did Hollande address parliament?');
    const first = a.items[0] as TimelineItem;
    expect(first.quote).toMatch(/^In a rare speech to both houses of parliament on Monday, Hollande/);
    expect(first.date).toBe('2015-11-16');
    expect(first.dateText).toBe('on Monday');
    for (const i of a.items as TimelineItem[]) expect(i.date).toMatch(/^\d{4}/);
  });

  it('"What did Valls say about the investigation?" gives what Valls said', () => {
    const a = ask('What did Valls say about the investigation?');
    expect(a.items.length).toBeGreaterThanOrEqual(2);
    for (const q of quotes(a)) expect(q).toMatch(/Valls/);
    // Plain search on the same words ranks the investigation sentence, not Valls's, first.
    expect(quotes(answerSearch(index, 'What did Valls say about the investigation?'))[0]).not.toMatch(/Valls/);
  });

  it('"Who was arrested in Alsdorf?" finds the Alsdorf sentence', () => {
    expect(quotes(ask('Who was arrested in Alsdorf?'))[0]).toMatch(/^And officers in the German town of Alsdorf arrested two women and a man/);
  });

  it('falls back to a search when a name-like who-question names no person', () => {
    const a = ask('Who is Teneo Intelligence?');
    expect(quotes(a)[0]).toMatch(/Teneo Intelligence/);
  });

  it('does not let question words drown the ranking', () => {
    for (const q of quotes(ask('What happened in Raqqa?'))) expect(q).toMatch(/Raqqa/);
    for (const q of quotes(ask('Where is the Opera metro hub?')).slice(0, 1)) expect(q).toMatch(/Opera metro hub/);
  });

  it('answers a toll question about nothing the articles tell with a plain message, not stray tolls', () => {
    const a = ask('How many people died in Atlantis?');
    expect(a.items).toEqual([]);
    expect(a.message).toMatch(/No sentence/);
  });

  it('answers with at most a few verbatim quotes, best first, from the console and DMs alike', async () => {
    const files = await seedTexts();
    for (const q of ['How many people died on the Russian jet?', 'Who is Carsten Nickel?', 'When did Hollande address parliament?', 'Islamic State Raqqa']) {
      const a = reply(index, q) as Answer;
      expect(a.command).toBe('ask');
      expect(a.query).toBe(q);
      expect(a.items.length).toBeGreaterThan(0);
      expect(a.items.length).toBeLessThanOrEqual(LIMITS.askItems);
      for (const item of a.items as QuoteRef[]) {
        expect(files.get(item.source)).toContain(item.quote);
      }
    }
  });
});
