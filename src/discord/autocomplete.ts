import type { AutocompleteInteraction } from 'discord.js';
import type { PersonEntry } from '../facts/people.ts';
import { DISCORD_LIMITS } from '../limits.ts';
import { fold as foldName } from '../nlp/gazetteer.ts';
import type { BotContext } from './context.ts';
import { respond } from './deliver.ts';
import { cap } from './render.ts';

/**
 * /who autocomplete: known people whose name starts with, has a word starting with, or contains what
 * was typed (case and accents ignored), in the corpus's own order; at most 25, names ≤ 100 chars.
 * Answers at once: no I/O, one pass over a list folded once per index.
 */

export interface Choice {
  name: string;
  value: string;
}

/** Lower case, no accents (the people extractor's own folding), single spaces. */
export const fold = (s: string): string => foldName(s).replace(/\s+/g, ' ').trim();

const folded = new WeakMap<readonly PersonEntry[], string[]>();

function foldedNames(people: readonly PersonEntry[]): string[] {
  let names = folded.get(people);
  if (!names) {
    names = people.map((p) => fold(p.name));
    folded.set(people, names);
  }
  return names;
}

export function personChoices(people: readonly PersonEntry[], typed: string, max: number = DISCORD_LIMITS.autocompleteChoices): Choice[] {
  const q = fold(typed);
  const names = foldedNames(people);
  const ranked: { rank: number; i: number }[] = [];
  names.forEach((name, i) => {
    if (!name) return;
    if (!q) ranked.push({ rank: 0, i });
    else if (name.startsWith(q)) ranked.push({ rank: 0, i });
    else if (name.includes(` ${q}`) || name.includes(`-${q}`)) ranked.push({ rank: 1, i });
    else if (name.includes(q)) ranked.push({ rank: 2, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (const { i } of ranked) {
    const name = people[i]!.name.replace(/\s+/g, ' ').trim();
    const value = cap(name, DISCORD_LIMITS.choiceValue);
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ name: cap(name, DISCORD_LIMITS.choiceName), value });
    if (out.length >= max) break;
  }
  return out;
}

/** Responds to a /who autocomplete request from the serving index. */
export async function autocompletePeople(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '').slice(0, 200);
  await respond(interaction, personChoices(ctx.store.index.derived.people, typed), ctx.log);
}
