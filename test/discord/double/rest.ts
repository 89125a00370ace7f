import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestFaults } from './faults.ts';
import { snowflake } from './ids.ts';
import { type ApiError, FILES, type Ledger, type StoredMessage, type UploadedFile, UNKNOWN_MESSAGE } from './ledger.ts';
import { messageRules } from './rules.ts';
import type { SpecValidator } from './spec.ts';
import type { World } from './world.ts';

/**
 * The REST half of the double: `/api/v10/...` on the same port as the gateway. Every request is
 * logged; every body is validated against Discord's OpenAPI description (and the message rules the
 * schema cannot express); a body Discord would reject is answered 400 50035 and recorded as a
 * violation. A route the double does not know is answered 404 and reported loudly.
 */

export const API_PREFIX = '/api/v10';

export interface RestRequest {
  method: string;
  /** Path relative to /api/v10 (query removed). */
  route: string;
  query: Record<string, string>;
  body: unknown;
  /** Whether the request carried the bot's Authorization header (its value is never kept). */
  authorized: boolean;
  status: number;
  at: number;
}

export interface Violation {
  method: string;
  route: string;
  problems: string[];
  body: unknown;
}

interface Context {
  method: string;
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown> & unknown[];
}

type Result = { status: number; body?: unknown } | ApiError;
type Handler = (ctx: Context) => Result;

/** What a registered command looks like once Discord has stored it. */
export interface RegisteredCommand extends Record<string, unknown> {
  id: string;
  name: string;
  options?: { name: string; type: number; options?: unknown[] }[];
}

export class Rest {
  readonly requests: RestRequest[] = [];
  readonly violations: Violation[] = [];
  readonly unknownRoutes: string[] = [];
  /** Command sets as last overwritten: key `global` or the guild id. */
  readonly commands = new Map<string, RegisteredCommand[]>();
  /** Every bulk overwrite received, in order. */
  readonly registrations: { scope: string; body: unknown[] }[] = [];
  gatewayUrl = '';
  readonly #routes: [string, RegExp, Handler][];

  constructor(
    readonly world: World,
    readonly ledger: Ledger,
    readonly spec: SpecValidator,
    readonly faults: RestFaults,
    readonly token: string,
    readonly options: { rejectInvalid: boolean; quiet: boolean },
  ) {
    const w = world;
    const ok = (body?: unknown, status = 200): Result => ({ status, body });
    const message = (m: ApiError | StoredMessage | undefined): Result => (!m ? UNKNOWN_MESSAGE : 'status' in m ? m : ok(present(m)));
    this.#routes = [
      ['GET', /^\/gateway\/bot$/, () => ok({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } })],
      ['GET', /^\/gateway$/, () => ok({ url: this.gatewayUrl })],
      ['GET', /^\/users\/@me$/, () => ok(w.bot)],
      ['GET', /^\/applications\/@me$/, () => ok(w.application())],
      ['GET', /^\/oauth2\/applications\/@me$/, () => ok(w.application())],
      ['PUT', /^\/applications\/(?<app>\d+)\/commands$/, (c) => this.#register(c, 'global')],
      ['PUT', /^\/applications\/(?<app>\d+)\/guilds\/(?<guild>\d+)\/commands$/, (c) => this.#register(c, c.params.guild!)],
      ['GET', /^\/applications\/(?<app>\d+)\/commands$/, () => ok(this.commands.get('global') ?? [])],
      ['GET', /^\/applications\/(?<app>\d+)\/guilds\/(?<guild>\d+)\/commands$/, (c) => ok(this.commands.get(c.params.guild!) ?? [])],
      [
        'POST',
        /^\/interactions\/(?<id>\d+)\/(?<token>[^/]+)\/callback$/,
        (c) => {
          const r = ledger.callback(c.params.id!, c.params.token!, c.body as never);
          if ('status' in r) return r;
          if (c.query.with_response !== 'true') return ok(undefined, 204);
          const m = r.with.original;
          return ok({ interaction: { id: r.with.id, type: r.with.type, response_message_id: m?.id, response_message_loading: r.with.loading, response_message_ephemeral: Boolean((m?.flags ?? 0) & 64) }, resource: { type: c.body.type, ...(m ? { message: present(m) } : {}) } });
        },
      ],
      ['PATCH', /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<msg>@original|\d+)$/, (c) => message(ledger.editWebhookMessage(c.params.app!, c.params.token!, c.params.msg!, c.body))],
      ['GET', /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<msg>@original|\d+)$/, (c) => message(ledger.getWebhookMessage(c.params.app!, c.params.token!, c.params.msg!))],
      ['DELETE', /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<msg>@original|\d+)$/, (c) => {
        const m = ledger.deleteWebhookMessage(c.params.app!, c.params.token!, c.params.msg!);
        return 'status' in m ? m : ok(undefined, 204);
      }],
      ['POST', /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)$/, (c) => message(ledger.followUp(c.params.app!, c.params.token!, c.body))],
      ['POST', /^\/channels\/(?<channel>\d+)\/messages$/, (c) => (this.#channelExists(c.params.channel!) ? ok(present(ledger.channelMessage(c.params.channel!, c.body))) : UNKNOWN_CHANNEL)],
      ['PATCH', /^\/channels\/(?<channel>\d+)\/messages\/(?<msg>\d+)$/, (c) => {
        const m = ledger.messages.get(c.params.msg!);
        if (!m || m.channel_id !== c.params.channel) return UNKNOWN_MESSAGE;
        ledger.editMessage(m, c.body);
        ledger.changed();
        return ok(present(m));
      }],
      ['POST', /^\/channels\/(?<channel>\d+)\/typing$/, (c) => (this.#channelExists(c.params.channel!) ? ok(undefined, 204) : UNKNOWN_CHANNEL)],
      ['GET', /^\/channels\/(?<channel>\d+)$/, (c) => {
        if (c.params.channel === w.channelId) return ok(w.textChannel());
        const recipient = w.dmRecipient(c.params.channel!);
        return recipient ? ok(w.dmChannel(recipient)) : UNKNOWN_CHANNEL;
      }],
      ['POST', /^\/users\/@me\/channels$/, (c) => {
        const p = w.person(String(c.body.recipient_id));
        return p ? ok(w.dmChannel(p.user)) : { status: 400, body: { code: 50007, message: 'Cannot send messages to this user' } };
      }],
      ['GET', /^\/users\/(?<user>\d+)$/, (c) => {
        const p = w.person(c.params.user!);
        return p ? ok(p.user) : { status: 404, body: { code: 10013, message: 'Unknown User' } };
      }],
      ['GET', /^\/guilds\/(?<guild>\d+)\/members\/(?<user>\d+)$/, (c) => {
        const p = w.person(c.params.user!);
        return c.params.guild === w.guildId && p ? ok(w.guildMember(p)) : { status: 404, body: { code: 10007, message: 'Unknown Member' } };
      }],
    ];
  }

  #channelExists(id: string): boolean {
    return id === this.world.channelId || this.world.dmRecipient(id) !== undefined;
  }

  #register(c: Context, scope: string): Result {
    if (c.params.app !== this.world.applicationId) return { status: 403, body: { code: 50001, message: 'Missing Access' } };
    if (scope !== 'global' && scope !== this.world.guildId) return { status: 403, body: { code: 50001, message: 'Missing Access' } };
    const body = (Array.isArray(c.body) ? c.body : []) as Record<string, unknown>[];
    this.registrations.push({ scope, body });
    // Stored as Discord returns them: ids added, permissions as a decimal string.
    const stored = body.map((cmd) => {
      const perms = cmd.default_member_permissions;
      return { type: 1, ...cmd, default_member_permissions: perms === undefined || perms === null ? null : String(perms), id: snowflake(), application_id: this.world.applicationId, version: snowflake(), ...(scope === 'global' ? {} : { guild_id: scope }) } as unknown as RegisteredCommand;
    });
    this.commands.set(scope, stored);
    this.ledger.changed();
    return { status: 200, body: stored };
  }

  /** The node:http request listener. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    // discord.js percent-encodes path segments (`@original` arrives as `%40original`).
    const pathname = decodeURIComponent(url.pathname);
    const route = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const query = Object.fromEntries(url.searchParams);
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    let parsed: unknown;
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      const record: RestRequest = { method, route, query, body: parsed, authorized, status, at: Date.now() };
      this.requests.push(record);
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
      this.ledger.changed();
    };
    try {
      parsed = await parseBody(req.headers['content-type'] ?? '', raw, method, url);
    } catch (e) {
      this.#violation(method, route, [`unreadable body: ${(e as Error).message}`], raw.toString('utf8').slice(0, 200));
      return reply(400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
    if (!pathname.startsWith(API_PREFIX) || !this.spec.match(route)) {
      this.#unknown(method, pathname.startsWith(API_PREFIX) ? route : pathname);
      return reply(404, { code: 0, message: '404: Not Found' });
    }
    const problems = [...this.spec.validate(method, route, parsed), ...messageRules(method, route, parsed)];
    if (problems.length) {
      this.#violation(method, route, problems, parsed);
      if (this.options.rejectInvalid) return reply(400, { code: 50035, message: 'Invalid Form Body', errors: { _errors: problems.map((p) => ({ code: 'BASE_TYPE_INVALID', message: p })) } });
    }
    const needsAuth = !/^\/(interactions|webhooks)\//.test(route);
    if (needsAuth && !authorized) return reply(401, { code: 0, message: '401: Unauthorized' });
    const fault = this.faults.take(method, route);
    if (fault && !fault.afterProcessing) return reply(fault.status, fault.body, fault.headers);
    for (const [m, pattern, handler] of this.#routes) {
      const match = m === method ? pattern.exec(route) : null;
      if (!match) continue;
      const result = handler({ method, route, params: { ...match.groups }, query, body: (parsed ?? {}) as Context['body'] });
      return fault ? reply(fault.status, fault.body, fault.headers) : reply(result.status, result.body);
    }
    this.#unknown(method, route);
    return reply(404, { code: 0, message: '404: Not Found' });
  }

  #violation(method: string, route: string, problems: string[], body: unknown): void {
    this.violations.push({ method, route, problems, body });
    if (!this.options.quiet) console.error(`[discord double] request Discord would reject: ${method} ${route}\n  ${problems.join('\n  ')}`);
  }

  #unknown(method: string, route: string): void {
    this.unknownRoutes.push(`${method} ${route}`);
    // Reported by \`problems()\`, which every suite asserts empty; printed only when asked (a test that
    // probes an unknown route on purpose would otherwise print what reads like a failure).
    if (process.env.DISCORD_DOUBLE_VERBOSE) console.warn(`[discord double] UNKNOWN ROUTE ${method} ${route} — answered 404; teach the double this route if the bot needs it`);
  }
}

const UNKNOWN_CHANNEL: ApiError = { status: 404, body: { code: 10003, message: 'Unknown Channel' } };

/** A stored message as the API returns it (without the double's own bookkeeping). */
export function present(m: StoredMessage): Record<string, unknown> {
  const { writes: _writes, files: _files, ...rest } = m;
  return rest;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies as they are; multipart bodies by their `payload_json` part, the files beside it under `FILES`. */
async function parseBody(contentType: string, raw: Buffer, method: string, url: URL): Promise<unknown> {
  if (!raw.length) return undefined;
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8'));
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request(url, { method, headers: { 'content-type': contentType }, body: raw }).formData();
    const json = form.get('payload_json');
    if (typeof json !== 'string') return Object.fromEntries([...form.keys()].map((k) => [k, '(file)']));
    const body = JSON.parse(json) as Record<string | symbol, unknown>;
    const files: UploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') continue;
      files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    const target = (Array.isArray(body) ? body : (body.data as Record<string | symbol, unknown> | undefined) ?? body) as Record<string | symbol, unknown>;
    target[FILES] = files;
    return body;
  }
  throw new Error(`unsupported content type ${contentType || '(none)'}`);
}
