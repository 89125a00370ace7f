import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoPublished, type PageMeta, readMeta } from './meta.ts';

/**
 * The story of a web page: Mozilla's Readability (Firefox Reader View) on a linkedom DOM, then the
 * article's blocks as plain-text paragraphs. linkedom never runs page script (it has no script
 * engine) and loads nothing; it was measured against jsdom on ../shared/news-pages (README: "Intake").
 */

/** The page's metadata (`published` as sources.json takes it: ISO date or date-time) and its story. */
export interface Extracted extends PageMeta {
  /** The story's paragraphs, one per block, white space collapsed; boilerplate lines removed. */
  paragraphs: string[];
}

/** A page Readability finds no article in. */
export class NoArticle extends Error {}

/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
/** Elements whose text is never story text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'svg', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'SELECT', 'TEXTAREA', 'FIGURE', 'PICTURE', 'VIDEO', 'AUDIO']);

/**
 * Lines that are page furniture, not story: share prompts, ad labels, "read more", picture credits.
 * Whole-line matches only, so a sentence that mentions sharing is kept.
 */
const BOILERPLATE = [
  /^(?:advertisement|advertising|sponsored(?: content)?|ad)$/i,
  /^(?:share|share this(?: article| story| page)?|share on \w+|tweet|email|print|comments?|\d+ comments?)$/i,
  /^(?:read more|see also|related(?: stories| articles| content| coverage)?|more on this story|recommended|most popular|most read|you may also like|trending)\b.{0,80}$/i,
  /^(?:image|photo|picture|video)(?: copyright| caption| credit| source)?\b.{0,80}(?:getty images|reuters|ap|afp|pa|epa)?$/i,
  /^(?:media playback is unsupported on your device|click to (?:play|enlarge)|skip (?:to content|advertisement)|listen to this article)\b.{0,40}$/i,
  /^(?:follow (?:us|me) on|sign up (?:for|to)|subscribe (?:to|now)|newsletter)\b.{0,160}$/i,
  /^(?:copyright|©|\(c\))\s?.{0,120}$/i,
];

export function isBoilerplate(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line));
}

interface WalkNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<WalkNode>;
}

/** The text of an element's blocks, one paragraph per block. */
function paragraphsOf(root: WalkNode): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    current = '';
  };
  const walk = (node: WalkNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name) && name !== 'FIGURE') return;
    const block = BLOCKS.has(name);
    if (block) flush();
    if (name === 'FIGURE') {
      // A figure's picture and caption are not story text.
      return;
    }
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

/** Readability's minimum article length in characters; a page below it has "no article". */
const MIN_CHARS = 250;

/**
 * Extracts the story and metadata of an HTML page. Throws NoArticle when the page has no article.
 */
export function extractArticle(html: string): Extracted {
  return extractFromDocument(parseHTML(html).document);
}

/** The same on any DOM document (the measurement against jsdom uses this). */
export function extractFromDocument(document: unknown): Extracted {
  const meta: PageMeta = readMeta(document as never);
  let parsed: ReturnType<Readability<WalkNode>['parse']>;
  try {
    parsed = new Readability<WalkNode>(document as never, { charThreshold: 500, serializer: (n) => n as unknown as WalkNode }).parse();
  } catch (err) {
    throw new NoArticle(`the page could not be read as an article (${(err as Error).message})`);
  }
  const content = parsed?.content;
  const paragraphs = content ? paragraphsOf(content).filter((p) => !isBoilerplate(p)) : [];
  if (!parsed || paragraphs.join(' ').length < MIN_CHARS) throw new NoArticle('no article found on the page (too little story text)');
  const out: Extracted = { paragraphs };
  const title = clean(parsed.title) ?? meta.title;
  if (title) out.title = title;
  const byline = clean(parsed.byline) ?? meta.byline;
  if (byline) out.byline = byline;
  const site = clean(parsed.siteName) ?? meta.siteName;
  if (site) out.siteName = site;
  const published = isoPublished(clean(parsed.publishedTime) ?? meta.published) ?? isoPublished(meta.published);
  if (published) out.published = published;
  if (meta.canonical) out.canonical = meta.canonical;
  const lang = clean(parsed.lang) ?? meta.lang;
  if (lang) out.lang = lang;
  return out;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};
