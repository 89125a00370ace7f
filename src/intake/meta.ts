/**
 * A page's metadata, read before extraction (Readability changes the document): title, byline,
 * outlet and published time from `<meta>` (Open Graph, article:*, Dublin Core, parsely), JSON-LD
 * (`NewsArticle` and kin, also inside `@graph`) and `<time datetime>`, plus the canonical URL.
 * Nothing here runs page script: JSON-LD is parsed as data with JSON.parse.
 */

export interface PageMeta {
  title?: string;
  byline?: string;
  siteName?: string;
  /** As the page gives it (ISO 8601 or near it); `isoPublished` turns it into what sources.json takes. */
  published?: string;
  canonical?: string;
  lang?: string;
}

/** The small part of a DOM this module uses (linkedom's and the browser's alike). */
interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  documentElement?: { getAttribute(name: string): string | null } | null;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

/** `<meta>` values by lower-cased property/name/itemprop, first one kept. */
function metaTags(doc: MetaDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = clean(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|ReportageArticle|OpinionNewsArticle|LiveBlogPosting|ScholarlyArticle|TechArticle)$/;

type Json = Record<string, unknown>;

/** Every JSON-LD object of an article type on the page (top level, arrays, `@graph`). */
function jsonLdArticles(doc: MetaDocument): Json[] {
  const found: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
    if (types.some((t) => ARTICLE_TYPES.test(t))) found.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const el of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse((el.textContent ?? '').replace(/^\s*<!--|-->\s*$/g, '')), 0);
    } catch {
      // A malformed block is ignored: the other sources still count.
    }
  }
  // A NewsArticle is better evidence than a WebPage.
  return found.sort((a, b) => Number(String(a['@type']).includes('WebPage')) - Number(String(b['@type']).includes('WebPage')));
}

const nameOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter(Boolean);
    return names.length ? names.join(', ') : undefined;
  }
  if (v && typeof v === 'object') return clean(String((v as Json).name ?? ''));
  return undefined;
};

export function readMeta(doc: MetaDocument): PageMeta {
  const m = metaTags(doc);
  const ld = jsonLdArticles(doc);
  const fromLd = (key: string) => ld.map((o) => o[key]).find((v) => v !== undefined && v !== null && v !== '');
  const first = (...vals: (string | undefined)[]) => vals.find((v) => v !== undefined && v !== '');
  const timeEl = Array.from(doc.querySelectorAll('time[datetime]'))
    .map((t) => clean(t.getAttribute('datetime')))
    .find((v) => v && /^\d{4}-\d{2}-\d{2}/.test(v));
  const canonical = Array.from(doc.querySelectorAll('link[rel="canonical"]'))
    .map((l) => clean(l.getAttribute('href')))
    .find(Boolean);
  const out: PageMeta = {};
  const title = first(m.get('og:title'), m.get('twitter:title'), nameOf(fromLd('headline')), clean(doc.querySelectorAll('title')[0]?.textContent));
  const byline = first(nameOf(fromLd('author')), m.get('author'), m.get('article:author'), m.get('dc.creator'), m.get('parsely-author'), m.get('byl'));
  const siteName = first(m.get('og:site_name'), nameOf(fromLd('publisher')), m.get('application-name'), m.get('twitter:site')?.replace(/^@/, ''));
  const published = first(
    m.get('article:published_time'),
    typeof fromLd('datePublished') === 'string' ? (fromLd('datePublished') as string) : undefined,
    m.get('datepublished'),
    m.get('parsely-pub-date'),
    m.get('dc.date.issued'),
    m.get('dc.date'),
    m.get('date'),
    m.get('pubdate'),
    m.get('publishdate'),
    m.get('sailthru.date'),
    timeEl,
  );
  if (title) out.title = title;
  if (byline && !/^https?:/i.test(byline)) out.byline = byline;
  if (siteName) out.siteName = siteName;
  if (published) out.published = published;
  if (canonical ?? m.get('og:url')) out.canonical = (canonical ?? m.get('og:url'))!;
  const lang = clean(doc.documentElement?.getAttribute('lang'));
  if (lang) out.lang = lang;
  return out;
}

/**
 * A published time as sources.json takes it (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS±HH:MM`), keeping the
 * page's own offset when it gives one; a time without a zone keeps the date only. Undefined when the
 * value is no date.
 */
export function isoPublished(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const full = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(v);
  if (full) {
    const [, day, time, zone] = full;
    if (!realDay(day!)) return undefined;
    if (!zone) return day;
    const z = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return `${day}T${time!.length === 5 ? `${time}:00` : time}${z}`;
  }
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(v)?.[1] ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v)?.slice(1).join('-');
  if (day && realDay(day)) return day;
  // RFC 2822 and other forms Date understands ("Mon, 01 Jan 2024 10:00:00 GMT").
  if (/[a-z]{3}/i.test(v) && /\d{4}/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return undefined;
}

function realDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
