import type { Found } from '../tolls.ts';
import type { TollKind, TollView } from './view.ts';
import { isPersonNoun, KILL_ACTIVE, MODALS, NEGATIONS, WOUND_ACTIVE } from './words.ts';

/**
 * The toll statements beyond "N killed / N wounded": totals and tolls that rise ("the death toll
 * had risen to at least 70", "bringing the total of dead or presumed dead to 192"), people named as
 * victims with no figure, and the sentences that are not a current toll: a crime told in court
 * ("convicted of killing two of her babies"), a total over years ("3,000 died over 30 years").
 */

/** "The toll rose to N", "bringing the total to N", "the number of dead reached N": an update of an earlier toll. */
const UPDATE =
  /\b(?:toll|total|number of (?:the )?(?:dead|deaths|victims|casualties|injured|wounded|missing))\b[^.;]{0,60}?\b(?:rose|risen|rises|rising|climbed|climbs|increased|mounted|jumped|reached|grew|stood|stands|now)\b|\b(?:bringing|brought|raising|raised|pushing|pushed|taking|putting)\b[^.;]{0,20}?\b(?:toll|total)\b/i;
export const isUpdate = (text: string) => UPDATE.test(text);

/** A total over years ("over 30 years", "in the past two decades", "between 1990 and 2004"): not a current event's toll. */
const HISTORICAL =
  /\b(?:over|in|during|for|across)\s+(?:the\s+)?(?:past|last|previous|first)?\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|several|many)\s+(?:years|decades)\b|\bbetween\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b/i;
export const historical = (text: string) => HISTORICAL.test(text);

/** A crime told in court: "convicted of killing", "charged with murdering", "accused of the killing of". */
const COURT =
  /\b(?:convicted|charged|accused|guilty|acquitted|indicted|sentenced|jailed|tried|cleared|suspected|arrested|innocent|trial)\b[^.;]{0,40}?\b(?:of|with|for)\s+(?:the\s+)?(?:\w+\s+)?(?:killing|killings|murdering|murder|murders|manslaughter|kill|killed|shooting|stabbing)\b/i;
/** Character offset from which the sentence tells of a crime in court (Infinity when it does not). */
export function courtFrom(text: string): number {
  const m = COURT.exec(text);
  return m ? m.index : Number.POSITIVE_INFINITY;
}

/** Words after "total of" / "number of" and the kind each names. */
const KIND_WORDS: Record<string, TollKind> = {
  dead: 'killed', deaths: 'killed', killed: 'killed', victims: 'killed', fatalities: 'killed', died: 'killed',
  injured: 'wounded', wounded: 'wounded', injuries: 'wounded', hurt: 'wounded',
  missing: 'missing', casualties: 'combined', homeless: 'homeless', displaced: 'displaced',
};

/**
 * "the death toll … had risen to at least 70", "the toll rose to 31", "bringing the total of dead or
 * presumed dead to 192", "the number of injured reached 300".
 */
export function totalTolls(view: TollView, out: Found[]): void {
  const { values, lemmas, pos } = view.s;
  for (let i = 0; i < values.length; i++) {
    const l = (lemmas[i] ?? '').toLowerCase();
    if (l !== 'toll' && l !== 'total' && l !== 'number') continue;
    let kind: TollKind | undefined;
    let of: string[] | undefined;
    let j = i + 1;
    const before = view.v(i - 1);
    if (l === 'toll' && (before === 'death' || before === 'casualty')) kind = 'killed';
    if (view.v(j) === 'of' && !view.count(j + 1)) {
      // "total of dead or presumed dead", "number of injured".
      let k = j + 1 + (view.v(j + 1) === 'the' ? 1 : 0);
      const words: string[] = [];
      let start = k;
      while (k < values.length) {
        const w = view.v(k);
        if (w in KIND_WORDS) {
          words.push(view.s.sentence.text.slice(view.s.offsets[start]!, view.s.offsets[k]! + values[k]!.length).toLowerCase());
          k++;
          if (view.v(k) === 'or' || view.v(k) === 'and') {
            k++;
            start = k;
            if (['presumed', 'feared', 'believed'].includes(view.v(k))) k++;
            continue;
          }
          break;
        }
        break;
      }
      if (!words.length) continue;
      const kinds = new Set(words.map((w) => KIND_WORDS[w.split(' ').pop()!]!));
      kind = kinds.size > 1 || words.length > 1 ? 'combined' : [...kinds][0];
      if (kind === 'combined') of = words;
      j = k;
    } else if (!kind && l === 'toll' && pos[i - 1] === 'DET' && isUpdate(view.s.sentence.text.slice(view.s.offsets[i]!))) kind = 'killed';
    if (!kind) continue;
    for (let k = j; k < Math.min(values.length, j + 16); k++) {
      if (view.v(k) === '.' || view.v(k) === ';') break;
      const c = view.count(k);
      if (!c) continue;
      if (pos[c.last + 1] === 'NOUN' && !view.person(c.last + 1)) break;
      out.push({ kind, of, figure: view.figure(k, c.last, c.value), fig: k, first: Math.max(0, i - 1), last: c.last });
      break;
    }
  }
}

const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'van', 'von', 'de', 'da', 'di', 'du', 'la', 'le', 'der']);
const DETS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'two']);

/** One victim from token k: a name of two words or more ("Interior Minister Abdallah al-Rassi"), or "the pilot". */
function victimAt(view: TollView, k: number): number | undefined {
  const { values, pos } = view.s;
  if (pos[k] === 'PROPN' && /^\p{Lu}/u.test(values[k]!)) {
    let e = k;
    while (e + 1 < values.length) {
      const nx = values[e + 1]!;
      const cap = (x: number) => /^\p{Lu}/u.test(values[x] ?? '');
      if (pos[e + 1] === 'PROPN' && cap(e + 1)) e++;
      // "Abdallah al-Rassi", "bin Laden", "Jean-Marie".
      else if (PARTICLES.has(nx.toLowerCase()) && values[e + 2] === '-' && cap(e + 3)) e += 3;
      else if ((nx === '-' || PARTICLES.has(nx.toLowerCase())) && cap(e + 2)) e += 2;
      else break;
    }
    return e > k ? e : undefined;
  }
  if (DETS.has(view.v(k)) && view.v(k) !== 'two') {
    let e = k + 1;
    while (e < k + 3 && pos[e] === 'ADJ') e++;
    return view.person(e) && pos[e] === 'NOUN' ? e : undefined;
  }
  return undefined;
}

/** "The blast also injured Interior Minister Abdallah al-Rassi and the pilot": people named as victims, no figure. */
export function victimsOf(view: TollView): { kind: 'killed' | 'wounded'; names: string[]; first: number; last: number } | undefined {
  const { values, pos, offsets, sentence } = view.s;
  for (let i = 1; i < values.length; i++) {
    const w = view.v(i);
    const kill = KILL_ACTIVE.has(w);
    if (!kill && !WOUND_ACTIVE.has(w)) continue;
    const b = view.v(i - 1);
    if (['were', 'was', 'been', 'be', 'are', 'is', 'or', 'and', 'who'].includes(b) || MODALS.has(b) || NEGATIONS.has(b) || ['DET', 'ADJ', 'ADP'].includes(pos[i - 1] ?? '')) continue;
    if (pos[i] !== 'VERB') continue;
    const names: string[] = [];
    let k = i + 1;
    let last = -1;
    while (k < values.length) {
      const e = victimAt(view, k);
      if (e === undefined) break;
      names.push(sentence.text.slice(offsets[k]!, offsets[e]! + values[e]!.length));
      last = e;
      if (view.v(e + 1) === 'and' || (view.v(e + 1) === ',' && victimAt(view, e + 2) !== undefined)) k = e + 2;
      else break;
    }
    if (!names.length) continue;
    // The object ends there: a full stop, a comma, a clause or a place or time after it.
    const next = view.v(last + 1);
    if (next && !['.', ',', ';', 'when', 'in', 'on', 'as', 'at', 'while', 'near', 'during', 'after', 'before', 'and'].includes(next)) continue;
    // Every victim is a person: a name that is not a place of the sentence's event, or a noun of people.
    if (names.some((n) => !/\s/.test(n))) continue;
    if (names.every((n) => !isPersonNoun(n.split(' ').pop()!, n.split(' ').pop()!, 'NOUN') && !/^\p{Lu}/u.test(n))) continue;
    return { kind: kill ? 'killed' : 'wounded', names, first: i, last };
  }
  return undefined;
}
