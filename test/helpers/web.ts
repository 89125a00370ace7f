import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A local web server on 127.0.0.1 for intake tests: the saved news pages of ../shared/news-pages
 * (read in place, never copied) at `/news/<page>/`, served as a news site would (gzip when asked,
 * ETag, Last-Modified, Cache-Control, conditional GET), plus routes that misbehave on purpose and
 * routes a test sets (`route`).
 */

export const NEWS_PAGES = path.resolve(import.meta.dirname, '../../../shared/news-pages');
export const hasNewsPages = existsSync(path.join(NEWS_PAGES, 'bbc-1', 'source.html'));

/** The saved pages: folder names with a source.html. */
export function newsPages(): string[] {
  if (!hasNewsPages) return [];
  return readdirSync(NEWS_PAGES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(NEWS_PAGES, e.name, 'source.html')))
    .map((e) => e.name)
    .sort();
}

export interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestSite {
  base: string;
  url(p: string): string;
  /** Sets what a path answers (a feed, a page); a function is called per request. */
  route(p: string, r: Route | ((req: IncomingMessage) => Route)): void;
  /** Requests seen, with their conditional headers. */
  seen: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; status: number }[];
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Tue, 01 Oct 2024 08:00:00 GMT';

function send(req: IncomingMessage, res: ServerResponse, r: Route, site: TestSite): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body) : (r.body ?? Buffer.alloc(0));
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const headers: Record<string, string> = { server: 'nginx', 'cache-control': 'public, max-age=60', vary: 'Accept-Encoding', 'x-frame-options': 'SAMEORIGIN', ...r.headers };
  const status = r.status ?? 200;
  if (status === 200) {
    headers.etag = etag;
    headers['last-modified'] = LAST_MODIFIED;
    if (req.headers['if-none-match'] === etag) {
      site.seen.push({ path: req.url ?? '', ifNoneMatch: etag, status: 304 });
      res.writeHead(304, headers).end();
      return;
    }
  }
  site.seen.push({ path: req.url ?? '', ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}), ...(req.headers['if-modified-since'] ? { ifModifiedSince: String(req.headers['if-modified-since']) } : {}), status });
  if (r.type) headers['content-type'] = r.type;
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 1024 && !r.headers?.['content-encoding'];
  const out = gzip ? gzipSync(body) : body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(out.length);
  res.writeHead(status, headers).end(out);
}

export async function startSite(): Promise<TestSite> {
  const routes = new Map<string, Route | ((req: IncomingMessage) => Route)>();
  const timers = new Set<NodeJS.Timeout>();
  const site: TestSite = {
    base: '',
    url: (p) => `${site.base}${p}`,
    route: (p, r) => void routes.set(p, r),
    seen: [],
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const set = routes.get(p);
    if (set) return send(req, res, typeof set === 'function' ? set(req) : set, site);
    const page = /^\/news\/([\w-]+)\/?$/.exec(p)?.[1];
    if (page && existsSync(path.join(NEWS_PAGES, page, 'source.html'))) {
      return send(req, res, { type: 'text/html; charset=utf-8', body: readFileSync(path.join(NEWS_PAGES, page, 'source.html')) }, site);
    }
    if (p === '/slow') return void setTimeout(() => send(req, res, { type: 'text/html', body: '<p>late</p>' }, site), 5_000).unref();
    if (p === '/endless') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const t = setInterval(() => res.write(`<p>${'endless text '.repeat(400)}</p>`), 1);
      timers.add(t);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (p === '/binary') return send(req, res, { type: 'application/octet-stream', body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) }, site);
    if (p === '/binary-as-html') return send(req, res, { type: 'text/html', body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) }, site);
    if (p === '/to-private') return send(req, res, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }, site);
    if (p === '/to-localhost') return send(req, res, { status: 301, headers: { location: 'http://localhost:1/admin' } }, site);
    if (p === '/loop') return send(req, res, { status: 302, headers: { location: '/loop' } }, site);
    if (p === '/no-article') return send(req, res, { type: 'text/html; charset=utf-8', body: '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><p>Sign in.</p></body></html>' }, site);
    if (p.startsWith('/redirect/')) return send(req, res, { status: 301, headers: { location: `/news/${p.slice('/redirect/'.length)}/` } }, site);
    send(req, res, { status: 404, type: 'text/html', body: '<h1>Not Found</h1>' }, site);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}
