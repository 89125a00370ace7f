import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type AddressPolicy, checkHost, guardedLookup, IntakeError } from './guard.ts';

/**
 * Fetches one URL for intake: http(s) only, redirects followed by hand (at most `maxRedirects`, each
 * hop's address checked by the SSRF guard), one deadline for the whole fetch, the body capped at
 * `maxBytes` (after decompression, so a small gzip bomb is no way round it), and the content type
 * checked before the body is read. Every failure is an IntakeError saying what happened.
 */

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** Addresses refused (see guard.ts): `policyFor(ALLOW_PRIVATE_URLS)`. */
  refuse: AddressPolicy;
  /** Content types (lower case, no parameters) the caller takes; anything else is refused. `any`: no check (an upload, judged by its name). */
  accept: readonly string[] | 'any';
  /** Extra request headers (conditional GET: If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>;
  /** What the content-type refusal calls the expected thing ("a web page", "a feed"). */
  what?: string;
  /** Keep the bytes only; do not decode them as text. */
  raw?: boolean;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  /** The decoded text (empty for a 304 and for `raw`). */
  text: string;
  /** The bytes as received (decompressed). */
  body: Buffer;
  etag?: string;
  lastModified?: string;
}

export const USER_AGENT = 'quotebot/0.1 (article intake)';

export async function fetchText(start: string, opts: FetchOptions): Promise<Fetched> {
  let url = parseUrl(start);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      checkHost(url, opts.refuse);
      const res = await request(url, opts, deadline.signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.destroy();
        if (hop >= (opts.maxRedirects ?? 5)) throw new IntakeError(`Too many redirects (more than ${opts.maxRedirects ?? 5}) from ${start}.`);
        url = parseUrl(new URL(res.headers.location, url).href);
        continue;
      }
      const meta = {
        url: url.href,
        status,
        contentType: (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
        ...(typeof res.headers.etag === 'string' ? { etag: res.headers.etag } : {}),
        ...(typeof res.headers['last-modified'] === 'string' ? { lastModified: res.headers['last-modified'] } : {}),
      };
      if (status === 304) {
        res.destroy();
        return { ...meta, text: '', body: Buffer.alloc(0) };
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new IntakeError(status === 404 || status === 410 ? `Not found (HTTP ${status}): ${url.href}` : `The server answered HTTP ${status} for ${url.href}.`);
      }
      if (opts.accept !== 'any' && !opts.accept.includes(meta.contentType)) {
        res.destroy();
        throw new IntakeError(`Not ${opts.what ?? 'a web page'}: ${url.href} is ${meta.contentType || 'of no stated type'}.`);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        throw new IntakeError(tooLarge(opts.maxBytes));
      }
      const body = await readBody(res, opts.maxBytes, deadline.signal);
      return { ...meta, body, text: opts.raw ? '' : decodeText(body, res.headers['content-type'] ?? '') };
    }
  } catch (err) {
    if (deadline.signal.aborted && !(err instanceof IntakeError && /Too large/.test(err.message))) {
      throw new IntakeError(`Timed out after ${(opts.timeoutMs / 1000).toFixed(opts.timeoutMs < 1000 ? 1 : 0)} s fetching ${start}.`);
    }
    if (err instanceof IntakeError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPRIVATE') throw new IntakeError((err as Error).message);
    throw new IntakeError(`Could not fetch ${url.href} (${code ?? (err as Error).message}).`);
  } finally {
    clearTimeout(timer);
  }
}

const tooLarge = (max: number) => `Too large: the page is over ${(max / 1024 / 1024).toFixed(max < 1024 * 1024 ? 2 : 0)} MB; nothing was added.`;

/** A URL intake may fetch: http or https, no credentials. */
export function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new IntakeError(`Not a URL: ${text.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IntakeError(`Only http and https links can be added (not ${url.protocol.replace(/:$/, '')}).`);
  if (url.username || url.password) throw new IntakeError('Links with a user name or password are refused.');
  url.hash = '';
  return url;
}

function request(url: URL, opts: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'GET',
        signal,
        lookup: guardedLookup(opts.refuse) as never,
        headers: { 'user-agent': USER_AGENT, accept: opts.accept === 'any' ? '*/*' : `${opts.accept.join(', ')};q=1, */*;q=0.1`, 'accept-encoding': 'gzip, deflate, br', ...opts.headers },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** The body, decompressed, up to `max` bytes: more is refused (the connection is dropped). */
function readBody(res: http.IncomingMessage, max: number, signal: AbortSignal): Promise<Buffer> {
  const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const stream: NodeJS.ReadableStream =
    enc === 'gzip' || enc === 'x-gzip' ? res.pipe(createGunzip()) : enc === 'deflate' ? res.pipe(createInflate()) : enc === 'br' ? res.pipe(createBrotliDecompress()) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error) => {
      res.destroy();
      reject(err);
    };
    signal.addEventListener('abort', () => stop(new Error('aborted')), { once: true });
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) stop(new IntakeError(tooLarge(max)));
      else chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (e: Error) => stop(new IntakeError(`The page could not be read (${e.message}).`)));
    res.on('error', (e) => stop(e));
  });
}

/** Text from bytes: the header's charset, else a `<meta charset>`/XML declaration near the top, else UTF-8. Binary is refused. */
export function decodeText(body: Buffer, contentType: string): string {
  const head = body.subarray(0, 4096);
  if (head.includes(0)) throw new IntakeError('The server sent binary data, not text; nothing was added.');
  const label =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head.toString('latin1'))?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head.toString('latin1'))?.[1] ??
    'utf-8';
  let text: string;
  try {
    text = new TextDecoder(label.toLowerCase()).decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
  }
  const controls = text.slice(0, 20_000).match(/[\u0001-\u0008\u000B\u000E-\u001F]/g);
  if (controls && controls.length > 8) throw new IntakeError('The server sent binary data, not text; nothing was added.');
  return text;
}
