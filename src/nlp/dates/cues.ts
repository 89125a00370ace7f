/** The words around a date that say which way it points: the clause's tense and modal cues. */
import type { SentenceTokens } from '../types.ts';

/** Words in the clause before a date that put it in the future. */
const FUTURE_CUE =
  /\b(?:will|shall|would|won't|going to|plan(?:s|ned|ning)? to|intend(?:s|ed)? to|(?:is|are|was|were) to|to be held|scheduled|slated|due|set (?:for|to)|expected (?:on|to)|likely to|as soon as|to be (?:completed|held|paid|closed|signed|named|launched|released)\b|expect(?:s|ed)? to|hope(?:s|d)? to|aim(?:s|ed)? to|seek(?:s)? to|agree(?:s|d)? to|upcoming|coming|next|tomorrow|payable|effective|expires?|starting|beginning)\b|\w'll\b/i;
/** Where the clause before a date begins: punctuation, or a speech verb ("said Tuesday" is when it was said). */
const CLAUSE_START =
  /(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Co|Corp|Inc|Ltd|Jr|Sr|Gen|Gov|Sen|Rep|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\d)\.(?!\d)|[;:!?"“”()]|``|''|\b(?:said|says|told|announced|reported|added|stated|according to|that|which|who|where|when|while|because|although|but)\b/giu;

/** A deadline word right before the date words. */
const DEADLINE = /\b(?:until|till|by|(?:extend(?:ed|s)?|postponed|delayed|moved|pushed\s+back)\b[^.;]{0,40}?\b(?:to|through|until))\s+(?:(?:early|mid|late)[\s-]+)?$/i;

/** What right after a date puts it in the future ("on Monday will start"). */
const FUTURE_AFTER = /^[\s,]*(?:will|would|shall|(?:is|are) (?:to|due|set|expected|scheduled))\b/i;

/** Verbs whose past is written as their base form ("hit", "set", "cut"). */
const SAME_PAST = new Set('hit set put cut let shut cost hurt spread quit read beat bet burst cast split struck thrust upset broadcast forecast'.split(' '));

/** Verbs whose present form says nothing of the future ("says Monday", "is"). */
const NOT_FUTURE_VERB = /^(?:say|says|tell|tells|be|is|are|am|have|has|do|does|report|reports|announce|announces)$/i;

/**
 * Does the clause that leads to the date (after any speech verb) speak of the future, or the verb
 * right after it? `at` is where the date words start in `text`, `end` where they end; `taken` are
 * the other dates' spans (blanked: "next week" says nothing of this date).
 */
export function speaksOfFuture(text: string, at: number, taken: [number, number][], end = at, tokens?: SentenceTokens): boolean {
  if (FUTURE_AFTER.test(text.slice(end, end + 30))) return true;
  // A deadline ("closed until Wednesday", "in place by Friday") lies ahead, unless told in the past
  // perfect ("had asked for the data by Monday").
  if (DEADLINE.test(text.slice(Math.max(0, at - 60), at))) return !/\bhad\b/i.test(clauseBefore(text, at, taken).split(',').pop()!);
  if (FUTURE_CUE.test(clauseBefore(text, at, taken))) return true;
  return tokens ? presentVerbBefore(tokens, at) : false;
}

/**
 * A verb in the present right before the date ("meet separately Monday", "opens Tuesday"): news
 * tells a dated event in the present only when it is still to come.
 */
function presentVerbBefore(t: SentenceTokens, at: number): boolean {
  let k = t.offsets.findIndex((o) => o >= at) - 1;
  if (k < 0) k = t.offsets.length - 1;
  // Up to two words between the verb and the date ("meet separately on Monday").
  for (let seen = 0; k >= 0 && seen < 3; k--, seen++) {
    const pos = t.pos[k];
    const v = t.values[k]!.toLowerCase();
    if (pos === 'ADP' || pos === 'ADV' || pos === 'PART') continue;
    if (pos !== 'VERB') return false;
    if (NOT_FUTURE_VERB.test(v)) return false;
    const lemma = (t.lemmas[k] ?? '').toLowerCase();
    const prev = (t.values[k - 1] ?? '').toLowerCase();
    if (/^(?:to|did|had|has|have|was|were|n't|not|could|can|may|might|should)$/.test(prev)) return false;
    // "since the tsunami hit on 26 December": a verb whose past is its base form says nothing.
    if (v === lemma && SAME_PAST.has(v)) return false;
    return v === lemma || v === `${lemma}s` || v === `${lemma}es`;
  }
  return false;
}

/** The clause that leads to a date: after the last punctuation or speech verb, other dates blanked. */
export function clauseBefore(text: string, at: number, taken: [number, number][]): string {
  const offset = Math.max(0, at - 120);
  let left = text.slice(offset, at);
  for (const [a, b] of taken) {
    if (b <= offset || a >= at) continue;
    const s = Math.max(a, offset) - offset;
    const e = Math.min(b, at) - offset;
    left = left.slice(0, s) + ' '.repeat(e - s) + left.slice(e);
  }
  let start = 0;
  for (const m of left.matchAll(CLAUSE_START)) start = m.index + m[0].length;
  return left.slice(start);
}

/** Past forms of common irregular verbs (regular ones end in -ed). */
const IRREGULAR_PAST = new Set(
  'was were had did said told took made gave got went came saw knew began fell rose grew won lost sold bought paid met left led held kept brought thought found felt put set cut hit ran sent spent stood struck fought broke chose drove flew forgot hid hung lay meant quit rode rang sank shook shot shut slid spoke spread stole stuck swore threw tore understood woke wore wrote became'.split(' '),
);

/**
 * Is the clause that leads to the date told in the past ("stepped down in March", "fell in
 * December")? A verb in a past form, not a participle after "is/be/to be" ("is expected in December").
 */
export function toldInPast(text: string, at: number, taken: [number, number][], tokens: SentenceTokens | undefined, end = at): boolean {
  if (/^[\s,]*(?:was|were|had|did)\b/i.test(text.slice(end, end + 12))) return true;
  if (!tokens) return false;
  const clause = clauseBefore(text, at, taken);
  const from = at - clause.length;
  for (let k = 0; k < tokens.offsets.length; k++) {
    const o = tokens.offsets[k]!;
    if (o < from) continue;
    if (o >= at) break;
    const pos = tokens.pos[k];
    if (pos !== 'VERB' && pos !== 'AUX') continue;
    if (isPastForm(tokens, k)) return true;
  }
  // The clause's verb after the date: "In January, the company brought in …".
  for (let k = tokens.offsets.findIndex((o) => o >= end), seen = 0; k >= 0 && k < tokens.offsets.length && seen < 8; k++, seen++) {
    if (/^[.;:!?]$/.test(tokens.values[k]!)) break;
    const pos = tokens.pos[k];
    if (pos === 'VERB' || pos === 'AUX') return isPastForm(tokens, k);
  }
  return false;
}

function isPastForm(tokens: SentenceTokens, k: number): boolean {
  const v = tokens.values[k]!.toLowerCase();
  const prev = (tokens.values[k - 1] ?? '').toLowerCase();
  if (/^(?:is|are|be|been|being|am|'s|'re|to|will|would|has|have)$/.test(prev)) return false;
  return IRREGULAR_PAST.has(v) || (/[a-z]ed$/.test(v) && v !== (tokens.lemmas[k] ?? '').toLowerCase());
}
