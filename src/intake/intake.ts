import { createHash } from 'node:crypto';
import { RefreshError, type IndexStore } from '../index/store.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';
import { extractArticle, NoArticle } from './extract.ts';
import { fetchText, parseUrl } from './fetch.ts';
import { type AddressPolicy, IntakeError } from './guard.ts';
import { checkUploadName, fromUpload } from './upload.ts';
import { articleFileName, CorpusWriteError, readSourcesObject, removeArticle, type SourceEntry, Undo, writeArticle } from './write.ts';

/**
 * Article intake: a link or an uploaded file becomes a `.txt` article in the corpus folder with its
 * `sources.json` entry, indexed at once. Fetching and extraction happen first, outside any lock;
 * then, alone (`IndexStore.exclusive`: one change at a time, no refresh meanwhile), the duplicate
 * check, the writes and the refresh that indexes them. If any step fails, the writes are undone and
 * the serving index was never swapped: the folder and the index are as they were.
 */

export interface IntakeOptions {
  store: IndexStore;
  log: Logger;
  /** Addresses refused: `policyFor(ALLOW_PRIVATE_URLS)` (tests let their own 127.0.0.1 server through). */
  refuse: AddressPolicy;
  /** Overrides for tests: small timeouts and caps. */
  timeoutMs?: number;
  maxBytes?: number;
  maxUploadBytes?: number;
}

/** Who asked, for the log line every intake writes. */
export interface Requester {
  /** The moderator's Discord id, or "console". */
  moderator: string;
  guild?: string | null;
  via?: 'discord' | 'console' | 'feed';
}

export interface Added {
  status: 'added';
  file: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  sentences: number;
  firstSentence: string | null;
  people: string[];
  tolls: number;
  dated: number;
}
export interface Duplicate {
  status: 'duplicate';
  file: string;
  title: string | null;
  url: string | null;
}
export type IntakeResult = Added | Duplicate;

export interface Removed {
  status: 'removed';
  file: string;
  title: string | null;
}

/** An article ready to write: its text and sources.json entry. */
interface Prepared {
  text: string;
  entry: SourceEntry;
  /** Addresses that mean this article (asked, after redirects, canonical), normalised. */
  urls: string[];
}

const PAGE_TYPES = ['text/html', 'application/xhtml+xml'] as const;

/** A URL as compared for duplicates: no fragment, no tracking parameters, no trailing slash, lower-case host. */
export function sameUrlKey(text: string): string {
  try {
    const u = new URL(text);
    u.hash = '';
    for (const k of [...u.searchParams.keys()]) if (/^(?:utm_\w+|fbclid|gclid|ocid|cmpid|ito)$/i.test(k)) u.searchParams.delete(k);
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
    return `${u.protocol === 'http:' ? 'https:' : u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return text;
  }
}

export class Intake {
  readonly options: IntakeOptions;
  constructor(options: IntakeOptions) {
    this.options = options;
  }

  get #dir(): string {
    return this.options.store.options.corpusDir;
  }

  /** The indexed article a URL (in any of its forms) already is, if any. */
  findUrl(index: CorpusIndex, urls: string[]): { file: string; title: string | null; url: string | null } | undefined {
    const keys = new Set(urls.map(sameUrlKey));
    for (const a of index.articles.values()) {
      if (a.meta.url && keys.has(sameUrlKey(a.meta.url))) return { file: a.meta.file, title: a.meta.title ?? null, url: a.meta.url };
    }
    return undefined;
  }

  /** Fetches a page, extracts its story and indexes it. Throws IntakeError with a message for the moderator. */
  async addUrl(link: string, who: Requester, extra: SourceEntry = {}): Promise<IntakeResult> {
    const url = parseUrl(link).href;
    const early = this.findUrl(this.options.store.index, [url]);
    if (early) return this.#logged({ status: 'duplicate', ...early }, who, url);
    try {
      const page = await fetchText(url, {
        timeoutMs: this.options.timeoutMs ?? LIMITS.fetchTimeoutMs,
        maxBytes: this.options.maxBytes ?? LIMITS.maxPageBytes,
        maxRedirects: LIMITS.maxRedirects,
        refuse: this.options.refuse,
        accept: PAGE_TYPES,
      });
      const story = extractOrRefuse(page.text, page.url);
      // `extra` only fills gaps (a feed item's date); a page that names no outlet gets its site's host name.
      const entry: SourceEntry = { url: page.url, outlet: new URL(page.url).hostname.replace(/^www\./, ''), ...extra, ...meta(story) };
      const urls = [url, page.url, ...(story.canonical ? [new URL(story.canonical, page.url).href] : [])];
      return await this.#add({ text: textOf(story.paragraphs), entry, urls }, who, url);
    } catch (err) {
      throw this.#failed(err, who, url);
    }
  }

  /** Indexes an uploaded file (.txt, .md, .html) given its name and bytes. */
  async addFile(name: string, bytes: Uint8Array, who: Requester): Promise<IntakeResult> {
    try {
      const max = this.options.maxUploadBytes ?? LIMITS.maxUploadBytes;
      if (bytes.length > max) throw new IntakeError(`Too large: ${name} is over ${(max / 1024 / 1024).toFixed(0)} MB; nothing was added.`);
      const up = fromUpload(name, bytes);
      const entry: SourceEntry = { ...meta(up), upload: name };
      return await this.#add({ text: textOf(up.paragraphs), entry, urls: [] }, who, name);
    } catch (err) {
      throw this.#failed(err, who, name);
    }
  }

  /**
   * Indexes a file uploaded to Discord: its name and size are checked before anything is fetched,
   * then its bytes are fetched from the attachment URL (through the same guard) and read as `addFile`.
   */
  async addAttachment(url: string, name: string, size: number, who: Requester): Promise<IntakeResult> {
    const max = this.options.maxUploadBytes ?? LIMITS.maxUploadBytes;
    try {
      checkUploadName(name);
      if (size > max) throw new IntakeError(`Too large: ${name} is over ${(max / 1024 / 1024).toFixed(0)} MB; nothing was added.`);
      const got = await fetchText(url, { timeoutMs: this.options.timeoutMs ?? LIMITS.fetchTimeoutMs, maxBytes: max, maxRedirects: LIMITS.maxRedirects, refuse: this.options.refuse, accept: 'any', raw: true });
      return await this.addFile(name, got.body, who);
    } catch (err) {
      throw this.#failed(err, who, name);
    }
  }

  /** Removes an indexed article (file and sources.json entry) and re-indexes. */
  async remove(file: string, who: Requester): Promise<Removed> {
    const store = this.options.store;
    try {
      return await store.exclusive(async (refresh) => {
        const a = store.index.articles.get(file);
        if (!a) throw new IntakeError(`No article ${file} is indexed (see /articles list or /sources).`);
        const undo = new Undo();
        try {
          const gone = await removeArticle(this.#dir, file, undo);
          const report = await refresh();
          if (!report.removed.includes(file) && store.index.articles.has(file)) throw new IntakeError(`${file} could not be removed from the index.`);
          await gone.commit();
          const out: Removed = { status: 'removed', file, title: a.meta.title ?? null };
          this.options.log.info({ moderator: who.moderator, guild: who.guild ?? null, via: who.via ?? 'console', file }, `intake: removed ${file}`);
          return out;
        } catch (err) {
          await undo.run();
          throw err;
        }
      });
    } catch (err) {
      throw this.#failed(err, who, file);
    }
  }

  async #add(p: Prepared, who: Requester, asked: string): Promise<IntakeResult> {
    const store = this.options.store;
    const sha = createHash('sha256').update(p.text).digest('hex');
    const result = await store.exclusive(async (refresh): Promise<IntakeResult> => {
      const index = store.index;
      const dup = this.findUrl(index, p.urls);
      if (dup) return { status: 'duplicate', ...dup };
      const { entries } = await readSourcesObject(this.#dir);
      const same = Object.entries(entries).find(([f, e]) => e?.sha256 === sha && index.articles.has(f));
      if (same) return { status: 'duplicate', file: same[0], title: same[1].title ?? null, url: same[1].url ?? null };
      const file = articleFileName(p.entry.title, p.entry.published, (n) => index.articles.has(n) || n in entries);
      const undo = new Undo();
      try {
        await writeArticle(this.#dir, file, p.text, { ...p.entry, sha256: sha }, undo);
        const report = await refresh();
        const a = store.index.articles.get(file);
        if (!a) {
          const why = report.warnings.find((w) => w.file === file)?.problem ?? 'it was not indexed';
          throw new IntakeError(`The article could not be indexed (${why}); nothing was added.`);
        }
        return summary(store.index, file);
      } catch (err) {
        await undo.run();
        // The folder is back as it was; a refresh that did swap (the article skipped) is undone too.
        if (store.index.articles.has(file) || !(err instanceof RefreshError)) await refresh().catch(() => undefined);
        throw err;
      }
    });
    return this.#logged(result, who, asked);
  }

  #logged<T extends IntakeResult>(r: T, who: Requester, asked: string): T {
    this.options.log.info({ moderator: who.moderator, guild: who.guild ?? null, via: who.via ?? 'console', url: asked, file: r.file, status: r.status }, `intake: ${r.status} ${r.file}`);
    return r;
  }

  /** Any failure as an IntakeError for the moderator (the details of an unexpected one go to the log). */
  #failed(err: unknown, who: Requester, asked: string): IntakeError {
    const known = err instanceof IntakeError || err instanceof CorpusWriteError || err instanceof NoArticle;
    const message = err instanceof RefreshError ? `Indexing failed (${err.message}); nothing was added.` : known ? (err as Error).message : 'Something went wrong while adding; nothing was added (see the log).';
    this.options.log.warn({ moderator: who.moderator, guild: who.guild ?? null, via: who.via ?? 'console', url: asked, reason: message, ...(known ? {} : { err }) }, `intake failed: ${asked}`);
    return err instanceof IntakeError ? err : new IntakeError(message);
  }
}

/** Extraction, with "no article" as the moderator's message. */
function extractOrRefuse(html: string, url: string) {
  try {
    return extractArticle(html);
  } catch (err) {
    if (err instanceof NoArticle) throw new IntakeError(`No article found at ${url}: the page has too little story text; nothing was added.`);
    throw err;
  }
}

function meta(m: { title?: string; byline?: string; siteName?: string; published?: string }): SourceEntry {
  const e: SourceEntry = {};
  if (m.title) e.title = m.title;
  if (m.published) e.published = m.published;
  if (m.siteName) e.outlet = m.siteName;
  if (m.byline) e.byline = m.byline;
  return e;
}

/** The stored text: paragraphs separated by a blank line. */
const textOf = (paragraphs: string[]): string => `${paragraphs.join('\n\n')}\n`;

/** What an added article brought: its metadata, sentences, and the people, tolls and dated sentences found in it. */
export function summary(index: CorpusIndex, file: string): Added {
  const a = index.articles.get(file)!;
  const d = index.derived;
  return {
    status: 'added',
    file,
    title: a.meta.title ?? null,
    outlet: a.meta.outlet ?? null,
    published: a.meta.published ?? null,
    url: a.meta.url ?? null,
    sentences: a.sentences.length,
    firstSentence: a.sentences[0]?.text ?? null,
    people: d.people.filter((p) => p.refs.some((r) => r.file === file)).map((p) => p.name),
    tolls: d.tolls.filter((t) => t.refs.some((r) => r.file === file)).length,
    dated: new Set(d.timeline.filter((t) => t.file === file).map((t) => t.sentence)).size,
  };
}
