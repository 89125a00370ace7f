import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPeople } from '../src/facts/people.ts';
import { analyzeArticle } from '../src/nlp/analyze.ts';
import { cleanArticle } from '../src/corpus/clean.ts';
import { emissionsInto } from '../src/nlp/people/emissions.ts';
import { personModel } from '../src/nlp/people/model.ts';
import { featureEmissions } from '../src/nlp/people/perceptron.ts';
import { lowerWordsOf, wordsOf } from '../src/nlp/person-words.ts';
import { splitParagraph } from '../src/nlp/sentences.ts';

/** The people a corpus of these article texts lists: [name, mentions, role]. */
const corpusPeople = (...texts: string[]) =>
  buildPeople(texts.map((text, i) => analyzeArticle({ file: `${i}.txt`, text, hash: `${i}`, meta: { file: `${i}.txt` } }))).map((p) => [p.name, p.mentions, p.role]);
const names = (...texts: string[]) => corpusPeople(...texts).map((p) => p[0]);
const roleOf = (people: unknown[][], name: string) => people.find((p) => p[0] === name)?.[2];

describe('the person tagger', () => {
  it('is committed, small, and loads', () => {
    const file = path.resolve(import.meta.dirname, '../src/nlp/people/model.json');
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    const m = personModel();
    expect(m.keys.filter((k, s) => s % 4 === 0 && k !== 0).length).toBeGreaterThan(1000);
    expect(m.table.every((w, k) => k % 4 === 0 || Number.isFinite(w))).toBe(true);
    // Hashed features only: no word of the training text is stored.
    expect(readFileSync(file, 'utf8')).not.toMatch(/\b(?:said|Reuters|Clinton)\b/);
  });

  it('finds people that no cue announces, in running text', () => {
    const found = names(
      'Uzbek striker Igor Shkvyrin scored twice in the second half. Renate Goetschl of Austria won the race. Nader Jokhadar had given Syria the lead before the break.',
    );
    expect(found).toEqual(expect.arrayContaining(['Igor Shkvyrin', 'Renate Goetschl', 'Nader Jokhadar']));
    // A role noun opening a sentence is not part of the name.
    expect(names('Defender Hassan Abbas rose to head the ball in.')).toEqual(['Hassan Abbas']);
  });

  it('takes no date or figure for a person, nor a word in capitals alone', () => {
    // Reuters, 1987: a weekday after "analyst", a spelled-out day, a bulletin's sign-off.
    const found = names(
      'At least one analyst Friday speculated the company might fetch 38 to 42 dlrs per share.\n\nThe offer and withdrawal rights are to expire April Three unless extended.\n\nREUTER',
    );
    expect(found).toEqual([]);
  });

  it('finds people in results lines and lists, not the countries beside them', () => {
    const found = names('Results of the women\'s downhill race on Sunday:\n\n1. Katja Seizinger (Germany) 1:17.95\n\n2. Renate Goetschl (Austria) 1:18.03\n\n3. Carole Montillet (France) 1:18.11');
    expect(found).toEqual(expect.arrayContaining(['Katja Seizinger', 'Renate Goetschl', 'Carole Montillet']));
    for (const n of found) expect(['Germany', 'Austria', 'France']).not.toContain(n);
  });

  it('does not take clubs, organisations, places or towns for people', () => {
    const found = names(
      'Steaua Bucharest beat Feyenoord 2-1 on Wednesday. The Red Cross said the Ajax Amsterdam players were safe. The ship sailed from Prince Rupert on Monday. "We expect more," said Jeffrey Klein, an analyst with Kidder Peabody.',
    );
    expect(found).toEqual(['Jeffrey Klein']);
  });
});

describe('one person per name', () => {
  it('an initial and surname join the full name they fit, never another person of that surname', () => {
    const people = corpusPeople(
      'New Zealand captain Stephen Fleming scored 80 on Friday.\n\nS. Fleming c Healy b Warne 80\n\nD. Fleming b Cairns 12',
      'J. Gillespie b Cairns 4',
      'Australian fast bowler Jason Gillespie took three wickets on Friday.',
    );
    const byName = new Map(people.map((p) => [p[0], p[1]]));
    expect(byName.get('Stephen Fleming')).toBe(2);
    expect(byName.get('D. Fleming')).toBe(1);
    expect(byName.get('Jason Gillespie')).toBe(2);
    expect(byName.has('S. Fleming')).toBe(false);
    expect(byName.has('J. Gillespie')).toBe(false);
  });

  it('a lone surname two people share stays ambiguous', () => {
    const people = corpusPeople('Stephen Fleming scored 80 and Damien Fleming took two wickets. Fleming said the pitch was slow.');
    const byName = new Map(people.map((p) => [p[0], p[1]]));
    expect(byName.get('Stephen Fleming')).toBe(1);
    expect(byName.get('Damien Fleming')).toBe(1);
    expect(byName.has('Fleming')).toBe(false);
  });
});

describe('roles are one noun phrase the text gives the person', () => {
  it('a title before the name never takes in a conjunction or another name', () => {
    const people = corpusPeople(
      'Talks between Clinton and President Boris Yeltsin ended on Friday. Israeli Prime Minister Benjamin Netanyahu and Egyptian President Hosni Mubarak met in Cairo. He spent some time meeting Italian President Oscar Luigi Scalfaro.',
    );
    expect(roleOf(people, 'Boris Yeltsin')).toBe('President');
    expect(roleOf(people, 'Benjamin Netanyahu')).toBe('Israeli Prime Minister');
    expect(roleOf(people, 'Hosni Mubarak')).toBe('Egyptian President');
    expect(roleOf(people, 'Oscar Luigi Scalfaro')).toBe('Italian President');
    expect(roleOf(people, 'Clinton')).toBeNull();
  });

  it('an appositive after the name is a role; no role when the text gives none', () => {
    const people = corpusPeople('David Blunkett, the home secretary, said the plan would work. Tory leader Michael Howard disagreed. Mary Hill came too.');
    expect(roleOf(people, 'David Blunkett')).toBe('the home secretary');
    expect(roleOf(people, 'Michael Howard')).toBe('Tory leader');
    expect(roleOf(people, 'Mary Hill')).toBeNull();
  });
});

/** The CoNLL-2003 dev split, read where it is (never copied into the repository). */
const DEV = path.resolve(import.meta.dirname, '../../shared/benchmarks/people-conll2003');
const haveDev = existsSync(path.join(DEV, 'dev-gold.json'));
if (!haveDev) console.warn(`test/people.test.ts: ${DEV} is absent; the dev-split articles are skipped`);

describe.skipIf(!haveDev)('on dev-split articles of the CoNLL-2003 benchmark (../shared)', () => {
  it('names most of the annotated people of a few articles, and few others', () => {
    const gold = JSON.parse(readFileSync(path.join(DEV, 'dev-gold.json'), 'utf8')) as { files: Record<string, { title: string; entities: { type: string; text: string }[] }> };
    const files = Object.keys(gold.files).sort().filter((_, i) => i % 20 === 3);
    expect(files.length).toBeGreaterThanOrEqual(10);
    const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
    const fits = (a: string[], b: string[]) => a.every((w) => b.includes(w)) || b.every((w) => a.includes(w));
    let hit = 0;
    let goldCount = 0;
    let right = 0;
    let returned = 0;
    for (const f of files) {
      const text = readFileSync(path.join(DEV, 'dev', f), 'utf8');
      const a = analyzeArticle({ file: f, text, hash: f, meta: { file: f, title: gold.files[f]!.title } });
      const found = buildPeople([a]).map((p) => norm(p.name));
      const per = [...new Set(gold.files[f]!.entities.filter((e) => e.type === 'PER').map((e) => e.text))].map(norm);
      goldCount += per.length;
      hit += per.filter((g) => found.some((n) => fits(g, n))).length;
      returned += found.length;
      right += found.filter((n) => per.some((g) => fits(g, n))).length;
    }
    expect(goldCount).toBeGreaterThan(30);
    expect(hit / goldCount).toBeGreaterThan(0.85);
    expect(right / returned).toBeGreaterThan(0.9);
  });
});

describe('the tagger’s emission scores', () => {
  it('are the same summed per word as feature by feature', () => {
    const text =
      'Uzbek striker Igor Shkvyrin scored twice. Renate Goetschl of Austria won the race in Vienna.\n\nPrime Minister John Major, 53, told reporters at Downing Street that Bashar al-Assad had met U.S. envoy Dennis Ross.\n\n1. Katja Seizinger (Germany) 1:17.95\n\nShares of Toshiba Corp rose; the company said its profits were up. "We are happy," said de la Dehesa. The rights expire April Three unless extended, an analyst said Friday.\n\nREUTER';
    const model = personModel();
    const sentences = cleanArticle(text).paragraphs.flatMap((p, k) => splitParagraph('t.txt', text, p, k * 10));
    const lowerWords = new Set<string>();
    for (const st of sentences) lowerWordsOf(st, lowerWords);
    let words = 0;
    for (const st of sentences) {
      const ws = wordsOf(st);
      const slow = featureEmissions(model, ws, { lowerWords });
      const em = new Float64Array(3 * ws.length);
      const cand = new Uint8Array(ws.length);
      const count = emissionsInto(model, ws, { lowerWords }, em, cand);
      expect(count > 0).toBe(slow !== null);
      if (!slow) continue;
      expect([...cand]).toEqual([...slow.cand]);
      for (let k = 0; k < em.length; k++) expect(em[k]! / model.scale).toBe(slow.em[k]);
      words += count;
    }
    expect(words).toBeGreaterThan(20);
  });
});
