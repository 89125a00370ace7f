import type { CorpusIndex } from '../../index/types.ts';
import type { Ranked } from './rank.ts';
import { escapeRegex } from './signals.ts';

/**
 * "Which Iranian tanker was hit …", "What gas leaked …": the question asks which one of a kind of
 * thing, named by its head noun ("tanker", "gas"). A sentence that gives that thing a name of its own
 * beside the noun ("the Iranian tanker Khark-5", "Santa Monica's The Hump restaurant") answers it;
 * one that only uses the noun ("an Iranian tanker was hit") does not.
 */

/**
 * What a name beside the head noun adds to a sentence's score, for the `top` sentences ranked that
 * score within `margin` of the best. Bonus 0.5 on NewsQA dev with 370 BBC distractors: top-1 54.8 ->
 * 55.1, top-3 67.9 (1.0 costs top-3); on 337 Reuters casualty questions top-1 +2 ("the Iranian
 * tanker Khark-5", "the Kuwaiti tanker Sea Isle City"), no loss. Margins 0.5, 1 and 2 alike.
 */
export const NAMED_HEAD = { bonus: 0.5, top: 20, margin: 1 };

const AUX = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'must']);
const STOP = new Set(['of', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'to', 'that', 'which', 'who', 'the', 'a', 'an', 'and', 'or']);
/** Words after "what" that name no kind of thing: "what kind of", "what else". */
const NOT_HEAD = new Set(['kind', 'kinds', 'type', 'types', 'sort', 'sorts', 'else', 'other', 'happened', 'made', 'caused']);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/**
 * The head noun of a which-question's noun phrase, lower case: the last of up to four words after
 * "what"/"which" ("what kind of" skipped), before a verb, a preposition or a possessive. Undefined
 * when the question is of another form, or its word is no noun of a kind ("what happened").
 */
export function askedHead(question: string): string | undefined {
  const q = question.trim();
  // "What is the name of the restaurant?", "What is the think tank called?": the thing named.
  const named = /^what\s+(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\s+(?:the|a|an|this|that|his|her|its|their)\s+(.*)$/i.exec(q) ?? /^what\s+(?:is|was|are|were)\s+the\s+(.*?)\s+(?:called|named)\W*$/i.exec(q);
  const m = named ?? /^(?:(?:in|on|at|from|into|to|by|with)\s+)?(?:what|which)\s+(?:(?:kind|type|sort)s?\s+of\s+)?(.*)$/i.exec(q);
  if (!m) return undefined;
  const words = m[1]!.match(WORD) ?? [];
  let head: string | undefined;
  for (const [i, raw] of words.slice(0, 5).entries()) {
    const w = raw.toLowerCase();
    const possessive = /['’]s$/.test(w);
    const bare = w.replace(/['’]s$/, '');
    if (AUX.has(bare) || STOP.has(bare) || (i > 0 && /ed$/.test(bare) && !/^\p{Lu}/u.test(raw))) break;
    head = bare;
    if (possessive) break;
  }
  if (!head || head.length < 3 || NOT_HEAD.has(head) || /^\d/.test(head)) return undefined;
  return head;
}

const CAP_RUN = String.raw`\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{N}'’.-]*){0,3}`;
const patterns = new Map<string, { after: RegExp; before: RegExp }>();

/**
 * Whether the text names a thing of the head noun's kind, in words the question does not give: a
 * capitalised name after the noun ("tanker Khark-5") or before it ("The Hump restaurant"). (Two
 * lower-case words before it, "methyl isocyanate gas", were tried: "a beloved giant panda" is no name.)
 */
export function namesHead(text: string, head: string, asked: Set<string>): boolean {
  let re = patterns.get(head);
  if (!re) {
    // The noun as a common noun, in lower case: "Panda" of "the Panda Express" is part of a name.
    const h = String.raw`\b${escapeRegex(head)}(?:s|es)?\b`;
    re = {
      after: new RegExp(String.raw`${h}\s+(${CAP_RUN})`, 'gu'),
      before: new RegExp(String.raw`(?<![\p{L}\p{N}'’.-])(${CAP_RUN})\s+${h}`, 'gu'),
    };
    patterns.set(head, re);
  }
  // The question's own words, or words of no name ("the", "its"), give nothing new.
  const fresh = (name: string) => !(name.toLowerCase().match(WORD) ?? []).every((w) => asked.has(w.replace(/['’]s$/, '')) || STOP.has(w) || AUX.has(w));
  for (const m of text.matchAll(re.after)) if (fresh(m[1]!)) return true;
  for (const m of text.matchAll(re.before)) if (fresh(m[1]!)) return true;
  return false;
}

/** The top sentences that name a thing of the asked kind gain `NAMED_HEAD.bonus`, and the ranking is sorted again. */
export function namedHeadFirst(index: CorpusIndex, ranked: Ranked[], head: string, asked: Set<string>): Ranked[] {
  if (NAMED_HEAD.bonus === 0) return ranked;
  let changed = false;
  const floor = (ranked[0]?.score ?? 0) - NAMED_HEAD.margin;
  const out = ranked.map((r, i) => {
    if (i >= NAMED_HEAD.top || r.score < floor || !namesHead(index.sentences[r.id]!.text, head, asked)) return r;
    changed = true;
    return { ...r, score: r.score + NAMED_HEAD.bonus };
  });
  return changed ? out.sort((a, b) => b.score - a.score) : ranked;
}
