/**
 * Numbers as news text writes them, read from wink tokens: digits ("1,200", "44"), number words
 * ("Twenty-five", "two hundred", "a dozen"), and vague amounts ("dozens", "hundreds", "tens of
 * thousands") whose value is unknown but whose wording is kept.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000, mln: 1_000_000 };
/** Plural amounts with no exact value. */
const VAGUE = new Set(['dozens', 'scores', 'hundreds', 'thousands', 'millions', 'tens']);

/** A number found at a token position: `value` null for a vague amount; `last` is its last token. */
export interface NumberAt {
  value: number | null;
  last: number;
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** The value of a digit token ("1,200", "44"); undefined when it is not a whole number. */
function digitValue(token: string): number | undefined {
  if (/^\d{1,3}(?:,\d{3})+$/.test(token) || /^\d+$/.test(token)) return Number(token.replace(/,/g, ''));
  return undefined;
}

/** A word number of one token: "seven", "twenty", "twenty-five" (when wink keeps it whole). */
function wordValue(token: string): number | undefined {
  const w = lower(token);
  if (w in UNITS) return UNITS[w];
  if (w in TENS) return TENS[w];
  const m = /^([a-z]+)-([a-z]+)$/.exec(w);
  if (m && m[1]! in TENS && m[2]! in UNITS && UNITS[m[2]!]! < 10 && UNITS[m[2]!]! > 0) return TENS[m[1]!]! + UNITS[m[2]!]!;
  return undefined;
}

/**
 * Reads the number that starts at token `i`, if any. Handles "Thirty - two" split by wink, "two
 * hundred", "1.5 million" style scales after digits, "a dozen"/"two dozen", and the vague plurals
 * "dozens", "hundreds of thousands", "tens of thousands".
 */
export function numberAt(values: string[], i: number): NumberAt | undefined {
  const v = values[i];
  if (v === undefined) return undefined;
  const w = lower(v);
  // Vague amounts: "dozens", "hundreds", "tens of thousands", "hundreds of thousands".
  if (VAGUE.has(w)) {
    if (lower(values[i + 1]) === 'of' && (lower(values[i + 2]) === 'thousands' || lower(values[i + 2]) === 'millions') && w !== 'dozens') {
      return { value: null, last: i + 2 };
    }
    return w === 'tens' ? undefined : { value: null, last: i };
  }
  if (w === 'a' && lower(values[i + 1]) === 'dozen') return { value: 12, last: i + 1 };
  if (w === 'a' && (lower(values[i + 1]) === 'hundred' || lower(values[i + 1]) === 'thousand')) {
    return { value: SCALES[lower(values[i + 1])]!, last: i + 1 };
  }
  let value = digitValue(v);
  let last = i;
  if (value === undefined) {
    value = wordValue(v);
    if (value === undefined) return undefined;
    // "Thirty - two" (split by wink) or "Thirty four": a tens word, then a unit word.
    if (value >= 20 && value % 10 === 0) {
      const k = values[i + 1] === '-' ? i + 2 : i + 1;
      const u = UNITS[lower(values[k])];
      if (u !== undefined && u > 0 && u < 10) {
        value += u;
        last = k;
      }
    }
  }
  // Scales: "two hundred", "3 thousand", "two dozen".
  const next = lower(values[last + 1]);
  if (next in SCALES) {
    value *= SCALES[next]!;
    last += 1;
  } else if (next === 'dozen') {
    value *= 12;
    last += 1;
  }
  return { value, last };
}
