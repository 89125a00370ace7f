/**
 * REST faults the double can inject: rate limits (429, the way Discord sends them: `retry_after` in
 * the body, `Retry-After` and `X-RateLimit-*` headers) and server errors (500 and friends, before or
 * after the request took effect), for the next N matching requests or until a moment passes.
 */

export interface FaultOptions {
  /** Only requests whose route (relative to /api/v10, e.g. `/interactions/1/abc/callback`) matches. */
  route?: RegExp;
  /** Only this method (GET, POST, …). */
  method?: string;
  /** How many matching requests get the fault (default 1). */
  count?: number;
  /** Or: every matching request until this many milliseconds from now. */
  forMs?: number;
}

export interface RateLimitOptions extends FaultOptions {
  /** Seconds to wait, as in `retry_after` (fractions allowed). */
  retryAfter?: number;
  /** A global rate limit (`X-RateLimit-Global`) rather than a per-route bucket. */
  global?: boolean;
}

export interface ErrorOptions extends FaultOptions {
  status?: number;
  /**
   * Discord did the work (acknowledged, created the message) but the answer was lost in a 5xx: the
   * case where a blind retry would send twice. Default: the request was not processed.
   */
  afterProcessing?: boolean;
}

interface Fault {
  kind: 'rate-limit' | 'error';
  status: number;
  options: RateLimitOptions & ErrorOptions;
  remaining: number;
  until: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Process the request first, then answer with this fault. */
  afterProcessing: boolean;
}

/** One injected fault, as the tests see it afterwards. */
export interface InjectedFault {
  status: number;
  method: string;
  route: string;
  at: number;
}

export class RestFaults {
  readonly #faults: Fault[] = [];
  /** Every request answered with a fault. */
  readonly injected: InjectedFault[] = [];

  rateLimit(options: RateLimitOptions = {}): void {
    this.#add('rate-limit', 429, options);
  }

  serverError(options: ErrorOptions = {}): void {
    this.#add('error', options.status ?? 500, options);
  }

  #add(kind: Fault['kind'], status: number, options: RateLimitOptions & ErrorOptions): void {
    const timed = options.forMs !== undefined;
    this.#faults.push({ kind, status, options, remaining: timed ? Number.POSITIVE_INFINITY : (options.count ?? 1), until: timed ? Date.now() + (options.forMs ?? 0) : Number.POSITIVE_INFINITY });
  }

  /** The fault this request gets, if any (consuming one of its uses). */
  take(method: string, route: string, now = Date.now()): FaultResponse | undefined {
    for (const [n, f] of this.#faults.entries()) {
      if (f.remaining <= 0 || now > f.until) {
        this.#faults.splice(n, 1);
        return this.take(method, route, now);
      }
      if (f.options.method && f.options.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.options.route && !f.options.route.test(route)) continue;
      f.remaining--;
      this.injected.push({ status: f.status, method, route, at: now });
      return f.kind === 'rate-limit' ? rateLimited(f.options, now) : serverError(f.status, Boolean(f.options.afterProcessing));
    }
    return undefined;
  }
}

function rateLimited(o: RateLimitOptions, now: number): FaultResponse {
  const retryAfter = o.retryAfter ?? 0.25;
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((now + retryAfter * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
    'x-ratelimit-bucket': 'double-bucket',
    'x-ratelimit-scope': o.global ? 'global' : 'user',
  };
  if (o.global) headers['x-ratelimit-global'] = 'true';
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(o.global) }, afterProcessing: false };
}

function serverError(status: number, afterProcessing: boolean): FaultResponse {
  return { status, headers: {}, body: { message: `${status}: Internal Server Error`, code: 0 }, afterProcessing };
}
