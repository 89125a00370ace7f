import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Discord's own OpenAPI 3.1 description of its v10 HTTP API (MIT), read where it is: beside the
 * repository in `../shared/discord-api-spec/`, or the file `DISCORD_API_SPEC` names. Never copied in.
 */
export const SPEC_FILE = process.env.DISCORD_API_SPEC
  ? path.resolve(process.env.DISCORD_API_SPEC)
  : path.resolve(import.meta.dirname, '../../../../shared/discord-api-spec/openapi.json');
/** Whether the spec is there: the suites that validate against it skip without it (one notice per run, see test/setup/spec-notice.ts). */
export const SPEC_AVAILABLE = existsSync(SPEC_FILE);
const SPEC_ID = 'https://discord.com/api/v10/openapi.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

interface Operation {
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
}
interface Spec {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  [key: string]: unknown;
}

export interface RouteMatch {
  /** The spec's path template, e.g. `/interactions/{interaction_id}/{interaction_token}/callback`. */
  template: string;
  params: Record<string, string>;
}

/** What the spec says about one request: nothing wrong (`[]`) or one line per problem. */
export type Problems = string[];

/**
 * Matches requests to the spec's path templates and validates their bodies with Ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). The spec is added once as a schema document; one validator
 * per route and method is compiled on first use, following `#/components/schemas/...` refs. A body
 * is checked by a validator that stops at the first error (fast under load); only a failing body is
 * checked again, by one that collects every error, to say what is wrong.
 */
export class SpecValidator {
  readonly #spec: Spec;
  /** Decides (stops at the first error, and at the first passing branch of a union: fast). */
  readonly #ajv: Ajv2020;
  /** Explains (collects every error), used only once a body has failed. */
  readonly #explain: Ajv2020;
  /** Path templates by segment count and first segment (every template starts with a literal). */
  readonly #templates = new Map<string, { template: string; segments: string[]; literals: number }[]>();
  readonly #compiled = new Map<string, { fast: ValidateFunction; full: () => ValidateFunction } | null>();

  constructor(file: string = SPEC_FILE) {
    this.#spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
    this.#ajv = this.#newAjv(false);
    this.#explain = this.#newAjv(true);
    for (const template of Object.keys(this.#spec.paths)) {
      const segments = template.split('/').filter(Boolean);
      const key = `${segments.length}/${segments[0]}`;
      this.#templates.set(key, [...(this.#templates.get(key) ?? []), { template, segments, literals: segments.filter((s) => !s.startsWith('{')).length }]);
    }
  }

  #newAjv(allErrors: boolean): Ajv2020 {
    const ajv = new Ajv2020({ allErrors, strict: true, validateSchema: false });
    addFormats(ajv);
    // Formats and keywords the spec uses beyond JSON Schema's own.
    ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
    ajv.addFormat('nonce', true);
    ajv.addKeyword('x-discord-union');
    // The document's top-level OpenAPI members are not schema keywords; declare them so strict mode accepts the root.
    for (const key of Object.keys(this.#spec)) ajv.addKeyword(key);
    ajv.addSchema({ ...this.#spec, $id: SPEC_ID });
    return ajv;
  }

  /** Compiles the validators of these routes now (e.g. before a timed test), not on first use. */
  precompile(routes: [method: string, route: string][]): void {
    for (const [method, route] of routes) {
      const match = this.match(route);
      const m = method.toLowerCase() as (typeof METHODS)[number];
      const operation = match && this.#spec.paths[match.template]?.[m];
      if (match && operation?.requestBody) this.#validator(match.template, m, operation);
    }
  }

  /** The spec's template for a path relative to `/api/v10`; literal segments win over parameters. */
  match(route: string): RouteMatch | undefined {
    const parts = route.split('/').filter(Boolean).map(decodeURIComponent);
    let best: { template: string; segments: string[]; literals: number } | undefined;
    for (const t of this.#templates.get(`${parts.length}/${parts[0]}`) ?? []) {
      if (!t.segments.every((s, i) => s.startsWith('{') || s === parts[i])) continue;
      if (!best || t.literals > best.literals) best = t;
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.segments.forEach((s, i) => {
      if (s.startsWith('{')) params[s.slice(1, -1)] = parts[i] ?? '';
    });
    return { template: best.template, params };
  }

  /** Checks that the route and method exist and that the body is one the spec accepts. */
  validate(method: string, route: string, body: unknown): Problems {
    const m = method.toLowerCase() as (typeof METHODS)[number];
    const match = this.match(route);
    if (!match) return [`${method} ${route}: no such route in Discord's API description`];
    const operation = this.#spec.paths[match.template]?.[m];
    if (!operation) return [`${method} ${match.template}: method not in Discord's API description`];
    if (!operation.requestBody) return body === undefined ? [] : [`${method} ${match.template}: takes no request body`];
    if (body === undefined) return operation.requestBody.required ? [`${method} ${match.template}: request body required`] : [];
    const validate = this.#validator(match.template, m, operation);
    if (!validate || validate.fast(body)) return [];
    const full = validate.full();
    full(body);
    return [`${method} ${match.template}: ${formatErrors(full.errors ?? validate.fast.errors ?? [])}`];
  }

  #validator(template: string, method: string, operation: Operation): { fast: ValidateFunction; full: () => ValidateFunction } | null {
    const key = `${method} ${template}`;
    if (this.#compiled.has(key)) return this.#compiled.get(key) ?? null;
    const content = operation.requestBody?.content ?? {};
    const type = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
    let validate: { fast: ValidateFunction; full: () => ValidateFunction } | null = null;
    if (type) {
      const pointer = ['paths', template, method, 'requestBody', 'content', type, 'schema'].map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
      const schema = { $ref: `${SPEC_ID}#/${pointer}` };
      try {
        const fast = this.#ajv.compile(schema);
        let full: ValidateFunction | undefined;
        validate = { fast, full: () => (full ??= this.#explain.compile(schema)) };
      } catch (e) {
        // A few schemas of the spec are not valid JSON Schema (e.g. an empty `enum`); say so, validate nothing there.
        console.warn(`[discord double] cannot compile Discord's schema for ${key}: ${(e as Error).message}; its bodies are not validated`);
      }
    }
    this.#compiled.set(key, validate);
    return validate;
  }
}

/** Ajv's errors as one readable line: the most specific ones first, union noise trimmed. */
function formatErrors(errors: ErrorObject[]): string {
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword));
  const shown = (specific.length ? specific : errors).slice(0, 8);
  const lines = shown.map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  return [...new Set(lines)].join('; ');
}
