/**
 * Finds the story in an article's text: which lines are paragraphs to split into sentences, and
 * which are metadata (headline, dateline) or outlet boilerplate. General rules only; nothing here
 * knows a particular outlet or file. Works on offsets so every paragraph stays a substring of the file.
 */

export interface Span {
  start: number;
  end: number;
}

export interface CleanArticle {
  /** The headline, when the first line reads as one (or matches the known title). */
  headline?: string;
  /** A dateline found in the text (`Paris:` alone on a line, or `WELLINGTON, March 2 -`). */
  dateline?: string;
  /** The date in that dateline, as written ("March 2" of `WELLINGTON, March 2 -`). */
  datelineDate?: string;
  /** Story paragraphs, in order, each once. */
  paragraphs: Span[];
  /** How many paragraphs were dropped as repeats of an earlier one. */
  repeated: number;
  /** Boilerplate lines dropped (outlet footers and the like). */
  boilerplate: string[];
}

/** Lines of `text` with their offsets, trimmed, blank lines kept as empty spans (they separate blocks). */
export function lines(text: string): Span[] {
  const out: Span[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    out.push(trim(text, { start, end }));
    if (!m) break;
    start = m.index + m[0].length;
  }
  return out;
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /[\s\uFEFF\u200B]/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
/**
 * A run of white space, to become one space. Matching only runs of two or more and single characters
 * other than a space gives the same result as /\s+/g while leaving the many single spaces alone,
 * which is several times cheaper on a paragraph.
 */
const SPACING = /\s\s+|[^\S ]/g;
/** Case, quotes and spacing folded: the identity of a wording (a repeated paragraph, the same sentence in two articles). */
export const foldWording = (s: string) => s.toLowerCase().replace(SPACING, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();

/** A first line reads as a headline: short, no sentence-final full stop, and set apart from the body. */
function readsAsHeadline(line: string, nextIsBlank: boolean): boolean {
  const w = words(line);
  if (w.length === 0 || w.length > 20) return false;
  if (/[.!?]["'”’)]?$/.test(line) && !/\b(?:[A-Z]\.){2,}$/.test(line)) return false;
  if (/[.!?]["'”’]?\s+[A-Z]/.test(line)) return false; // two sentences
  return nextIsBlank || line === line.toUpperCase();
}

/** `Paris:` or `NEW YORK --` alone on a line: a place name and nothing else. */
const DATELINE_LINE = /^([A-Z][\p{L}.'’-]*(?:[ -][A-Z][\p{L}.'’-]*){0,3})\s*(?::|-{1,2}|–|—)$/u;

/**
 * A dateline at the start of the first paragraph: an upper-case place, optionally a date, then a dash.
 * `WASHINGTON, Feb 26 - `, `SAO PAULO, March 2 -- `, `LONDON (Reuters) - `.
 */
const DATELINE_PREFIX =
  /^([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?)(?:,? ((?:[A-Z][a-z]{2,8}\.?|\d{1,2}) \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?(?: \([A-Za-z ]+\))?\s*(?:-{1,2}|–|—|_)\s+/;

/** Outlet boilerplate: a call to action with a site name, or a copyright line. */
const CALL_TO_ACTION =
  /^(?:track|follow|subscribe|download|click|read|sign up|get|watch|like|visit|join|share|for (?:more|the latest))\b/i;
const HAS_SITE = /\b[\w-]+\.(?:com|org|net|in|co\.uk|co|io|news|tv|info)\b|https?:\/\//i;
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)|all rights reserved/i;

export function isBoilerplate(line: string): boolean {
  if (COPYRIGHT.test(line)) return true;
  return CALL_TO_ACTION.test(line) && HAS_SITE.test(line) && words(line).length <= 40;
}

export function cleanArticle(text: string, knownTitle?: string): CleanArticle {
  const all = lines(text);
  const content = all.map((s, i) => ({ ...s, i })).filter((s) => s.end > s.start);
  const result: CleanArticle = { paragraphs: [], repeated: 0, boilerplate: [] };
  if (content.length === 0) return result;

  let first = 0;
  const head = content[0]!;
  const headText = text.slice(head.start, head.end);
  const nextIsBlank = (all[head.i + 1]?.end ?? 0) === (all[head.i + 1]?.start ?? 0) && head.i + 1 < all.length;
  if ((knownTitle && foldWording(headText) === foldWording(knownTitle)) || readsAsHeadline(headText, nextIsBlank)) {
    result.headline = headText;
    first = 1;
  }

  // Trailing boilerplate, read from the end.
  let last = content.length - 1;
  while (last >= first && isBoilerplate(text.slice(content[last]!.start, content[last]!.end))) {
    result.boilerplate.unshift(text.slice(content[last]!.start, content[last]!.end));
    last--;
  }

  const seen = new Set<string>();
  for (let k = first; k <= last; k++) {
    const span: Span = { start: content[k]!.start, end: content[k]!.end };
    let body = text.slice(span.start, span.end);
    const dl = DATELINE_LINE.exec(body);
    if (dl && words(body).length <= 4 && result.paragraphs.length < 3) {
      result.dateline ??= dl[1];
      continue;
    }
    if (result.paragraphs.length === 0 && result.dateline === undefined) {
      const m = DATELINE_PREFIX.exec(body);
      if (m && m[0].length < body.length) {
        result.dateline = m[1];
        if (m[2]) result.datelineDate = m[2];
        span.start += m[0].length;
        body = body.slice(m[0].length);
      }
    }
    const key = foldWording(body);
    if (seen.has(key)) {
      result.repeated++;
      continue;
    }
    seen.add(key);
    result.paragraphs.push(span);
  }
  return result;
}
