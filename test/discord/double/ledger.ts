import { EventEmitter } from 'node:events';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import { snowflake } from './ids.ts';
import type { ApiUser } from './world.ts';

/** Discord's deadlines: the first response within 3 s, follow-ups and edits for 15 minutes. */
export const ACK_DEADLINE_MS = 3000;
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** A message as the API returns it, plus what the double keeps about how it was written. */
export interface StoredMessage {
  id: string;
  channel_id: string;
  author: ApiUser;
  content: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  flags: number;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: unknown[];
  mention_roles: unknown[];
  attachments: unknown[];
  pinned: boolean;
  webhook_id?: string;
  application_id?: string;
  message_reference?: Record<string, unknown>;
  interaction_metadata?: Record<string, unknown>;
  /** Every body that wrote this message, in order (to check `allowed_mentions` on each). */
  writes: Record<string, unknown>[];
  /** Deleted by the bot: no longer shown. */
  deleted?: boolean;
  /** The nonce it was created with, if any (Discord returns it). */
  nonce?: string | number;
  /** The bytes of each attachment, by file name (the double's bookkeeping, not returned). */
  files?: Map<string, Buffer>;
}

/** A file uploaded with a message (a multipart part beside `payload_json`). */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** Where a request body carries its uploaded files: a symbol, so neither JSON nor the schema sees it. */
export const FILES = Symbol('files');

/** How long Discord remembers a nonce sent with `enforce_nonce` ("the past few minutes"). */
export const NONCE_MEMORY_MS = 5 * 60 * 1000;

export interface Ack {
  type: InteractionResponseType;
  data: Record<string, unknown> | undefined;
  at: number;
}

export interface Interaction {
  id: string;
  token: string;
  type: InteractionType;
  /** The command's name (commands and autocomplete) or the button's custom id (components). */
  name: string;
  user: ApiUser;
  guildId: string | null;
  channelId: string;
  sentAt: number;
  /** The payload dispatched on the gateway. */
  payload: Record<string, unknown>;
  /** Accepted responses (Discord accepts exactly one). */
  acks: Ack[];
  /** Responses Discord refused: 10062 (too late, unknown) or 40060 (already acknowledged). */
  refused: { code: number; at: number }[];
  /** The message the user sees as the answer (after type 4, 5, 6 or 7). */
  original?: StoredMessage;
  /** Deferred (type 5) and not edited yet: the user sees "thinking…". */
  loading: boolean;
  followups: StoredMessage[];
  /** Choices of an autocomplete response. */
  choices?: { name: string; value: unknown }[];
  /** For a component interaction: the message the component is on. */
  message?: StoredMessage;
}

export interface ApiError {
  status: number;
  body: { code: number; message: string };
}

const err = (status: number, code: number, message: string): ApiError => ({ status, body: { code, message } });
export const UNKNOWN_INTERACTION = err(404, 10062, 'Unknown interaction');
export const ALREADY_ACKNOWLEDGED = err(400, 40060, 'Interaction has already been acknowledged.');
export const UNKNOWN_WEBHOOK = err(404, 10015, 'Unknown Webhook');
export const UNKNOWN_MESSAGE = err(404, 10008, 'Unknown Message');
export const INVALID_WEBHOOK_TOKEN = err(401, 50027, 'Invalid Webhook Token');

/** The state of every interaction and message, and the rules Discord applies to them. */
export class Ledger extends EventEmitter {
  readonly interactions = new Map<string, Interaction>();
  readonly #byToken = new Map<string, Interaction>();
  readonly messages = new Map<string, StoredMessage>();
  /** Messages posted to channels (DMs included), in order. */
  readonly channelMessages: StoredMessage[] = [];

  constructor(readonly bot: ApiUser, readonly applicationId: string) {
    super();
    this.setMaxListeners(0);
  }

  changed(): void {
    this.emit('change');
  }

  add(i: Omit<Interaction, 'acks' | 'refused' | 'loading' | 'followups'>): Interaction {
    const full: Interaction = { ...i, acks: [], refused: [], loading: false, followups: [] };
    this.interactions.set(full.id, full);
    this.#byToken.set(full.token, full);
    return full;
  }

  byToken(token: string): Interaction | undefined {
    return this.#byToken.get(token);
  }

  /** A message written by the bot (or, for `author`, someone else), stored so it can be edited and pressed. */
  createMessage(channelId: string, body: Record<string, unknown>, extra: Partial<StoredMessage> = {}): StoredMessage {
    const m: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      type: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      writes: [],
      ...extra,
    };
    this.#write(m, body);
    m.edited_timestamp = null;
    this.messages.set(m.id, m);
    return m;
  }

  editMessage(m: StoredMessage, body: Record<string, unknown>): StoredMessage {
    this.#write(m, body);
    return m;
  }

  #write(m: StoredMessage, body: Record<string, unknown>): void {
    if (typeof body.content === 'string' || body.content === null) m.content = (body.content as string | null) ?? '';
    if (Array.isArray(body.embeds) || body.embeds === null) m.embeds = (body.embeds as Record<string, unknown>[] | null) ?? [];
    if (Array.isArray(body.components) || body.components === null) m.components = (body.components as Record<string, unknown>[] | null) ?? [];
    if (typeof body.flags === 'number') m.flags = (m.flags & MessageFlags.Ephemeral) | body.flags;
    if (Array.isArray(body.attachments)) this.#attach(m, body.attachments as Record<string, unknown>[], (body as { [FILES]?: UploadedFile[] })[FILES] ?? []);
    m.edited_timestamp = new Date().toISOString();
    m.writes.push(body);
  }

  /**
   * `attachments` as Discord reads them: an entry with a new file's id (its `files[n]` part) adds that
   * file; one with an existing attachment's id keeps it; attachments not listed are removed.
   */
  #attach(m: StoredMessage, listed: Record<string, unknown>[], uploaded: UploadedFile[]): void {
    const files = m.files ?? new Map<string, Buffer>();
    const kept: unknown[] = [];
    for (const a of listed) {
      const old = (m.attachments as { id: string; filename: string }[]).find((x) => x.id === String(a.id));
      if (old) {
        kept.push(old);
        continue;
      }
      const file = uploaded.find((f) => f.field === `files[${a.id}]`);
      if (!file) continue;
      const id = snowflake();
      const filename = typeof a.filename === 'string' ? a.filename : file.name;
      files.set(filename, file.data);
      const url = `https://cdn.discordapp.com/attachments/${m.channel_id}/${id}/${filename}`;
      kept.push({ id, filename, size: file.data.length, url, proxy_url: url, content_type: file.contentType });
    }
    m.attachments = kept;
    m.files = new Map([...files].filter(([name]) => kept.some((k) => (k as { filename: string }).filename === name)));
  }

  /** POST /interactions/{id}/{token}/callback: the one response Discord accepts within 3 s. */
  callback(id: string, token: string, body: { type: InteractionResponseType; data?: Record<string, unknown> }, now = Date.now()): ApiError | { with: Interaction } {
    const i = this.interactions.get(id);
    if (!i || i.token !== token || now - i.sentAt > ACK_DEADLINE_MS) {
      i?.refused.push({ code: 10062, at: now });
      this.changed();
      return UNKNOWN_INTERACTION;
    }
    if (i.acks.length) {
      i.refused.push({ code: 40060, at: now });
      this.changed();
      return ALREADY_ACKNOWLEDGED;
    }
    const allowed = allowedResponses(i.type);
    if (!allowed.includes(body.type)) return err(400, 40043, `Interaction response type ${body.type} is not valid for interaction type ${i.type}`);
    i.acks.push({ type: body.type, data: body.data, at: now });
    const data = body.data ?? {};
    const metadata = { id: i.id, type: i.type, user: i.user, authorizing_integration_owners: {}, name: i.name };
    switch (body.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        i.original = this.createMessage(i.channelId, data, { webhook_id: this.applicationId, application_id: this.applicationId, interaction_metadata: metadata, type: 20 });
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        i.original = this.createMessage(i.channelId, { flags: ((data.flags as number | undefined) ?? 0) | MessageFlags.Loading }, { webhook_id: this.applicationId, application_id: this.applicationId, interaction_metadata: metadata, type: 20 });
        i.loading = true;
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        i.original = i.message;
        break;
      case InteractionResponseType.UpdateMessage:
        i.original = i.message && this.editMessage(i.message, data);
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        i.choices = (data.choices as Interaction['choices']) ?? [];
        break;
    }
    this.changed();
    return { with: i };
  }

  /** The interaction a webhook token belongs to, if it may still be used. */
  #webhook(appId: string, token: string, now: number): ApiError | Interaction {
    const i = this.#byToken.get(token);
    if (appId !== this.applicationId || !i) return UNKNOWN_WEBHOOK;
    if (now - i.sentAt > TOKEN_LIFETIME_MS) return INVALID_WEBHOOK_TOKEN;
    if (!i.acks.length) return UNKNOWN_WEBHOOK;
    return i;
  }

  /** PATCH /webhooks/{app}/{token}/messages/{@original | id}. */
  editWebhookMessage(appId: string, token: string, messageId: string, body: Record<string, unknown>, now = Date.now()): ApiError | StoredMessage {
    const i = this.#webhook(appId, token, now);
    if ('status' in i) return i;
    const m = messageId === '@original' ? i.original : i.followups.find((f) => f.id === messageId);
    if (!m) return UNKNOWN_MESSAGE;
    this.editMessage(m, body);
    if (m === i.original) {
      i.loading = false;
      m.flags &= ~MessageFlags.Loading;
    }
    this.changed();
    return m;
  }

  /** DELETE /webhooks/{app}/{token}/messages/{@original | id}. */
  deleteWebhookMessage(appId: string, token: string, messageId: string, now = Date.now()): ApiError | StoredMessage {
    const m = this.getWebhookMessage(appId, token, messageId, now);
    if ('status' in m) return m;
    if (m.deleted) return UNKNOWN_MESSAGE;
    m.deleted = true;
    this.changed();
    return m;
  }

  getWebhookMessage(appId: string, token: string, messageId: string, now = Date.now()): ApiError | StoredMessage {
    const i = this.#webhook(appId, token, now);
    if ('status' in i) return i;
    return (messageId === '@original' ? i.original : i.followups.find((f) => f.id === messageId)) ?? UNKNOWN_MESSAGE;
  }

  /** POST /webhooks/{app}/{token}: a follow-up message. */
  followUp(appId: string, token: string, body: Record<string, unknown>, now = Date.now()): ApiError | StoredMessage {
    const i = this.#webhook(appId, token, now);
    if ('status' in i) return i;
    const m = this.createMessage(i.channelId, body, { webhook_id: this.applicationId, application_id: this.applicationId });
    i.followups.push(m);
    this.changed();
    return m;
  }

  /**
   * POST /channels/{id}/messages. With `enforce_nonce` and a nonce this author already used in the
   * past few minutes, Discord returns that message and creates none.
   */
  channelMessage(channelId: string, body: Record<string, unknown>, now = Date.now()): StoredMessage {
    const nonce = body.nonce as string | number | undefined;
    if (body.enforce_nonce && nonce !== undefined) {
      const same = this.channelMessages.find((m) => m.nonce === nonce && m.author.id === this.bot.id && now - Date.parse(m.timestamp) < NONCE_MEMORY_MS);
      if (same) return same;
    }
    const reference = body.message_reference as Record<string, unknown> | undefined;
    const m = this.createMessage(channelId, body, { ...(reference ? { message_reference: reference, type: 19 } : {}), ...(nonce === undefined ? {} : { nonce }) });
    this.channelMessages.push(m);
    this.changed();
    return m;
  }
}

/** Which responses Discord accepts for which kind of interaction. */
function allowedResponses(type: InteractionType): InteractionResponseType[] {
  switch (type) {
    case InteractionType.ApplicationCommandAutocomplete:
      return [InteractionResponseType.ApplicationCommandAutocompleteResult];
    case InteractionType.MessageComponent:
      return [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage, InteractionResponseType.Modal];
    default:
      return [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal];
  }
}
