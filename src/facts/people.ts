import type { ArticleAnalysis } from '../nlp/analyze.ts';
import { FIRST_NAME_TITLES, isGivenName, TITLES } from '../nlp/gazetteer.ts';
import { displayForm, NameIndex, nameInitial, nameKey, nameTokens } from '../nlp/names.ts';
import type { SentenceRef } from './types.ts';

/** One person known to the corpus, every form of the name merged. What the snapshot stores. */
export interface PersonEntry {
  /** The name to show: the full name the articles use most. */
  name: string;
  /** Every form the articles write the name in ("Bashar al-Assad", "Bashar Assad", "Assad"). */
  forms: string[];
  /** A short role read from the text ("French Prime Minister"), the one written most; null when none. */
  role: string | null;
  /** Sentences that mention the person (all articles, each sentence once). */
  mentions: number;
  /** Every sentence about the person, best first (the one that introduces them first); a wording once. */
  refs: SentenceRef[];
}

interface Group {
  tokens: string[];
  /** "s" for a name written only as "S. Fleming": it joins a full name that fits, or stays apart. */
  initial: string | undefined;
  forms: Map<string, number>;
  roles: Map<string, { text: string; n: number }>;
  refs: (SentenceRef & { role: boolean })[];
  /** Mentions that show a person by themselves (not weak). */
  strong: number;
  /** Times the articles write this name as an organisation's ("Morgan Stanley and Co Inc"). */
  org: number;
  /** The articles that write it so. */
  orgFiles: Set<string>;
}

/** Role words two people share, for telling apart namesakes ("Treasury Secretary Baker"). */
const roleWords = (g: Group) => new Set([...g.roles.keys()].flatMap((r) => r.split(/[\s,]+/)).filter((w) => w.length > 3 || TITLES.has(w)));

/**
 * The person a lone surname belongs to when several share it: the one whose roles share a word with
 * it, else one mentioned at least four times as often as any other.
 */
function pickNamesake(g: Group, found: Group[]): Group | undefined {
  const t = g.tokens[0]!;
  // "Prince Charles", "Lord Coe": the name after such a title is not a surname.
  if ([...g.roles.keys()].some((r) => FIRST_NAME_TITLES.has(r.split(' ').at(-1)!))) return undefined;
  // A given name alone ("John") joins no one, unless it is also the surname.
  const options = isGivenName(t) ? found.filter((o) => o.tokens[o.tokens.length - 1] === t) : found;
  if (options.length <= 1) return options[0];
  const mine = roleWords(g);
  const sharing = options.filter((o) => [...roleWords(o)].some((w) => mine.has(w)));
  if (sharing.length === 1) return sharing[0];
  const byMentions = [...(sharing.length ? sharing : options)].sort((a, b) => b.refs.length - a.refs.length);
  return byMentions[0]!.refs.length >= 4 * byMentions[1]!.refs.length ? byMentions[0] : undefined;
}

/** A person mention of one article, its name read into words: the same at every build, never mutated. */
interface Named {
  name: string;
  tokens: string[];
  key: string;
  sentence: number;
  role: string | undefined;
  weak: boolean;
  org: boolean;
  initial: string | undefined;
}

/**
 * Each analysis's mentions, read. A refresh keeps unchanged articles' analyses as the same objects,
 * so only new and changed articles are read again (their mentions are checked to be the same too).
 */
const namedOf = new WeakMap<ArticleAnalysis, { people: ArticleAnalysis['facts']['people']; named: Named[] }>();

/** Reads an article's mentions ahead of `buildPeople` (which then finds them cached). */
export function preparePeople(a: ArticleAnalysis): void {
  namedIn(a);
}

function namedIn(a: ArticleAnalysis): Named[] {
  const had = namedOf.get(a);
  if (had && had.people === a.facts.people) return had.named;
  const named: Named[] = [];
  for (const m of a.facts.people) {
    const tokens = nameTokens(m.name);
    if (!tokens.length) continue;
    const initial = nameInitial(m.name);
    const key = initial ? `${initial}. ${nameKey(tokens)}` : nameKey(tokens);
    named.push({ name: m.name, tokens, key, sentence: m.sentence, role: m.role || undefined, weak: !!m.weak, org: !!m.org, initial });
  }
  namedOf.set(a, { people: a.facts.people, named });
  return named;
}

/**
 * The corpus shows a person by this name: some mentions show it by themselves, and not too few of
 * them (a club or a company the tagger takes for a person now and then, "Chelsea", is written far
 * more often without such evidence).
 */
const shown = (g: Group) => g.strong > 0 && g.strong * SHOWN >= g.refs.length;
const SHOWN = 3;

/** Corpus-level people from every article's mentions (articles in file-name order). */
export function buildPeople(articles: ArticleAnalysis[]): PersonEntry[] {
  const groups = new Map<string, Group>();
  for (const a of articles) {
    const file = a.meta.file;
    for (const m of namedIn(a)) {
      let g = groups.get(m.key);
      if (!g) {
        g = { tokens: m.tokens, initial: m.initial, forms: new Map(), roles: new Map(), refs: [], strong: 0, org: 0, orgFiles: new Set() };
        groups.set(m.key, g);
      }
      if (m.org) {
        g.org++;
        g.orgFiles.add(file);
        continue;
      }
      g.forms.set(m.name, (g.forms.get(m.name) ?? 0) + 1);
      if (!m.weak) g.strong++;
      if (m.role) {
        const lower = m.role.toLowerCase();
        const r = g.roles.get(lower) ?? { text: m.role, n: 0 };
        r.n++;
        g.roles.set(lower, r);
      }
      g.refs.push({ file, sentence: m.sentence, role: !!m.role });
    }
  }
  // People the corpus shows, longer names first; then shorter names and weak mentions join the one
  // person they fit.
  // A name written as a company's or a work's as often as a third of the time is not a person's; a
  // lone word ("Fiat", "Toshiba") that never comes with a first name needs only one such use, unless
  // a title or an appositive gives it a role, or it is a given name.
  const thing = (g: Group) => g.org * 3 >= Math.max(1, g.strong) || (g.tokens.length === 1 && !g.initial && g.org > 0 && !g.roles.size && !isGivenName(g.tokens[0]!));
  const all = [...groups.values()].filter((g) => g.refs.length && !thing(g)).sort((a, b) => b.tokens.length - a.tokens.length || Number(!!b.initial) - Number(!!a.initial) || b.refs.length - a.refs.length);
  const index = new NameIndex<Group>();
  // A company's or a work's full name ("Cloud Atlas", "Marshall Plan") takes the lone words only it
  // has with it: they join it and are not listed. Full names never join one.
  const sinks = new Set([...groups.values()].filter((g) => g.org > 0 && g.tokens.length > 1 && !g.initial && thing(g)));
  for (const g of sinks) index.add(g);
  const people: Group[] = [];
  const initialOf = (g: Group) => g.initial;
  for (const g of all) {
    if (!shown(g)) continue;
    if (g.initial) {
      // "S. Fleming" joins the one full name that fits; else it is a person of its own.
      const into = index.resolveInitial(g.initial, g.tokens[0]!, initialOf);
      if (into) merge(into, g);
      else people.push(index.add(g));
      continue;
    }
    const found = index.candidates(g.tokens).people;
    const options = found.filter((o) => !sinks.has(o));
    // A lone word that only a thing's name has, no given name, written only where the thing is:
    // part of the thing's name ("Atlas" of "Cloud Atlas", not "Ms Atlas" elsewhere).
    const thingOf = found.length === 1 && sinks.has(found[0]!) ? found[0]! : undefined;
    if (g.tokens.length === 1 && thingOf && !options.length && !isGivenName(g.tokens[0]!) && g.refs.every((r) => thingOf.orgFiles.has(r.file))) {
      merge(thingOf, g);
      continue;
    }
    // A full name inside a longer one joins it when only one fits ("Wilhelm Gaddum", "Johann Wilhelm Gaddum").
    const into = g.tokens.length === 1 ? pickNamesake(g, options) : options.length === 1 ? options[0] : undefined;
    if (into) merge(into, g);
    else people.push(index.add(g));
  }
  for (const g of all) {
    if (shown(g)) continue;
    const into = g.initial ? index.resolveInitial(g.initial, g.tokens[0]!, initialOf) : index.resolve(g.tokens);
    if (into) merge(into, g);
  }
  const bySentence = new Map(articles.map((a) => [a.meta.file, a.sentences]));
  return people.map((g) => entry(g, bySentence)).sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : 1));
}

function merge(into: Group, g: Group): void {
  for (const [f, n] of g.forms) into.forms.set(f, (into.forms.get(f) ?? 0) + n);
  for (const [k, r] of g.roles) {
    const had = into.roles.get(k);
    if (had) had.n += r.n;
    else into.roles.set(k, { ...r });
  }
  into.refs.push(...g.refs);
  into.strong += g.strong;
}

function entry(g: Group, sentences: Map<string, ArticleAnalysis['sentences']>): PersonEntry {
  const at = g.refs.map((r) => sentences.get(r.file)?.[r.sentence]);
  // The name to show: the full form written most often (a surname alone does not count for it).
  const written = new Map<string, number>();
  for (const f of g.forms.keys()) {
    let n = 0;
    for (const s of at) if (s?.text.includes(f)) n++;
    written.set(f, n);
  }
  const name = displayForm(written);
  let role: string | null = null;
  let best = 0;
  for (const r of g.roles.values()) if (r.n > best) [role, best] = [r.text, r.n];
  const full = [...g.forms.keys()].filter((f) => nameTokens(f).length > 1);
  // Best first: a sentence writing the full name and giving a role (the introduction), then the full
  // name alone, then a role with a shorter form ("Professor Hawking"); else reading order.
  const scored = g.refs.map((r, order) => {
    const text = at[order]?.text ?? '';
    return { r, order, key: at[order]?.key ?? '', score: (r.role ? 1 : 0) + (full.some((f) => text.includes(f)) ? 2 : 0) };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const refs: SentenceRef[] = [];
  const seenRef = new Set<string>();
  const seenKey = new Set<string>();
  let mentions = 0;
  for (const s of scored) {
    const id = `${s.r.file}\0${s.r.sentence}`;
    if (seenRef.has(id)) continue;
    seenRef.add(id);
    mentions++;
    if (seenKey.has(s.key)) continue;
    seenKey.add(s.key);
    refs.push({ file: s.r.file, sentence: s.r.sentence });
  }
  return { name, forms: [...g.forms.keys()], role, mentions, refs };
}
