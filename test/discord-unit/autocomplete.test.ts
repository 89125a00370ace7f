import { describe, expect, it } from 'vitest';
import type { PersonEntry } from '../../src/facts/people.ts';
import { fold, personChoices } from '../../src/discord/autocomplete.ts';

const people = (...names: string[]) => names.map((name) => ({ name }) as PersonEntry);

describe('personChoices', () => {
  const known = people('Salah Abdeslam', 'Abdelhamid Abaaoud', 'François Hollande', 'Vladimir Putin', 'Ibrahim Abdeslam', 'Hassna Aitboulahcen');

  it('with nothing typed, the first 25 people in the corpus’s order', () => {
    const many = people(...Array.from({ length: 40 }, (_, i) => `Person Number${i}`));
    const out = personChoices(many, '');
    expect(out).toHaveLength(25);
    expect(out[0]).toEqual({ name: 'Person Number0', value: 'Person Number0' });
  });

  it('ranks name prefix, then word prefix, then substring; ignores case and accents', () => {
    expect(personChoices(known, 'abd').map((c) => c.value)).toEqual(['Abdelhamid Abaaoud', 'Salah Abdeslam', 'Ibrahim Abdeslam']);
    expect(personChoices(known, 'FRANCOIS').map((c) => c.value)).toEqual(['François Hollande']);
    expect(personChoices(known, 'lahc').map((c) => c.value)).toEqual(['Hassna Aitboulahcen']);
    expect(personChoices(known, 'zzz')).toEqual([]);
  });

  it('never more than 25 choices, names and values at most 100 characters, no duplicate values', () => {
    const long = `${'Very'.repeat(40)} Long Name`;
    const out = personChoices(people(long, long, ...Array.from({ length: 60 }, (_, i) => `Very Common ${i}`)), 'very');
    expect(out.length).toBe(25);
    expect(out[0]!.name.length).toBeLessThanOrEqual(100);
    expect(out[0]!.value.length).toBeLessThanOrEqual(100);
    expect(new Set(out.map((c) => c.value)).size).toBe(out.length);
  });

  it('fold', () => {
    expect(fold('  Ça  Va\tBIEN ')).toBe('ca va bien');
  });
});
