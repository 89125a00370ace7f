import type { Problems } from './spec.ts';

/**
 * Rules Discord enforces on messages that its JSON Schema does not say (documented under "Embed
 * limits" and "Create Message"): a bot's content is at most 2000 characters, the characters of all
 * embeds of a message add up to at most 6000, and a new message carries something (content, an
 * embed, a component, a file, a sticker or a poll), and no two components of a message share a
 * custom_id. Lengths are counted in UTF-16 code units, the stricter reading.
 */
export interface MessageBody {
  content?: string | null;
  embeds?: EmbedBody[] | null;
  components?: unknown[] | null;
  attachments?: unknown[] | null;
  sticker_ids?: unknown[] | null;
  poll?: unknown;
  flags?: number | null;
}

interface EmbedBody {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

export const EMBED_TOTAL_LIMIT = 6000;
/** A bot's message content; the spec's 4000 on channel messages is a Nitro user's limit. */
export const CONTENT_LIMIT = 2000;

export function embedCharacters(embeds: EmbedBody[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    for (const f of e.fields ?? []) n += (f.name ?? '').length + (f.value ?? '').length;
  }
  return n;
}

/** Checks a message body; `creating` for a new message (an edit may leave everything as it was). */
export function checkMessage(body: MessageBody, creating: boolean): Problems {
  const problems: Problems = [];
  const content = body.content ?? '';
  if (content.length > CONTENT_LIMIT) problems.push(`content has ${content.length} characters, more than a bot's ${CONTENT_LIMIT}`);
  const total = embedCharacters(body.embeds ?? []);
  if (total > EMBED_TOTAL_LIMIT) problems.push(`embeds carry ${total} characters in all, more than Discord's ${EMBED_TOTAL_LIMIT}`);
  const carries = Boolean(body.content) || Boolean(body.embeds?.length) || Boolean(body.components?.length) || Boolean(body.attachments?.length) || Boolean(body.sticker_ids?.length) || Boolean(body.poll);
  if (creating && !carries) problems.push('Cannot send an empty message (50006)');
  const ids = customIds(body.components ?? []);
  const repeated = ids.filter((id, n) => ids.indexOf(id) !== n);
  if (repeated.length) problems.push(`components repeat custom_id ${JSON.stringify([...new Set(repeated)])}; Discord requires them unique within a message`);
  return problems;
}

/** Every custom_id in a component tree. */
function customIds(components: unknown[]): string[] {
  const out: string[] = [];
  for (const c of components) {
    if (!c || typeof c !== 'object') continue;
    const { custom_id: id, components: children } = c as { custom_id?: unknown; components?: unknown[] };
    if (typeof id === 'string') out.push(id);
    if (Array.isArray(children)) out.push(...customIds(children));
  }
  return out;
}

/** The message rules beyond the schema, on the routes that create or edit messages (`route` decoded). */
export function messageRules(method: string, route: string, body: unknown): Problems {
  if (!body || typeof body !== 'object') return [];
  const b = body as Record<string, unknown>;
  if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) {
    const data = (b.data ?? {}) as Record<string, unknown>;
    if (b.type === 4) return checkMessage(data, true);
    if (b.type === 7) return checkMessage(data, false);
    return [];
  }
  if (/^\/webhooks\/\d+\/[^/]+$/.test(route) && method === 'POST') return checkMessage(b, true);
  if (/^\/channels\/\d+\/messages$/.test(route) && method === 'POST') return checkMessage(b, true);
  if (/\/messages\/(@original|\d+)$/.test(route) && method === 'PATCH') return checkMessage(b, false);
  return [];
}
