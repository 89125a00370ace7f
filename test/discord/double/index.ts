import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationCommandOptionType, ComponentType, InteractionContextType, InteractionType } from 'discord.js';
import { RestFaults } from './faults.ts';
import { Gateway } from './gateway.ts';
import { interactionToken, snowflake } from './ids.ts';
import { type Interaction, Ledger, type StoredMessage } from './ledger.ts';
import { present, type RegisteredCommand, Rest } from './rest.ts';
import { SpecValidator } from './spec.ts';
import { MEMBER_PERMISSIONS, type Person, World } from './world.ts';

export type { Interaction, StoredMessage } from './ledger.ts';
export type { Person } from './world.ts';

/**
 * A Discord API double on one 127.0.0.1 port: REST under /api/v10 and the gateway (WebSocket). Start
 * it, point a real discord.js client at `apiUrl`, then inject what users do (slash commands,
 * autocomplete, button presses, DMs) and read what the bot answered.
 */
export interface DoubleOptions {
  /** The bot token the double accepts (REST `Authorization: Bot …`, gateway IDENTIFY). */
  token?: string;
  /** HELLO's heartbeat interval (Discord's is 41250 ms). */
  heartbeatIntervalMs?: number;
  /** Answer a body that fails validation with 400 50035, as Discord does (default), or let it through. */
  rejectInvalid?: boolean;
  /** Do not print violations as they happen (they are still recorded). */
  quiet?: boolean;
}

/** Who does something, and where: in the server's text channel (default) or in a DM with the bot. */
export interface As {
  person?: Person;
  where?: 'guild' | 'dm';
  /**
   * Deliver the command even where Discord would not offer it: outside its `contexts`, or to a member
   * lacking its `default_member_permissions` (as after a server changes the command's permissions,
   * or from a client with a stale command list). The bot must then refuse in code.
   */
  unchecked?: boolean;
}

/** An uploaded file, as a user attaches it to an attachment option (the double assigns its id). */
export interface AttachmentValue {
  attachment: { filename: string; url: string; size: number; content_type?: string };
}
export type OptionValues = Record<string, string | number | boolean | AttachmentValue>;

type ApiOption = { name: string; type: number; value?: unknown; options?: ApiOption[]; focused?: boolean };
type Resolved = { attachments?: Record<string, unknown>; channels?: Record<string, unknown> };

export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.double.not-a-real-token';

/** Shared spec validator: parsing the spec and compiling route validators is done once per process. */
let sharedSpec: SpecValidator | undefined;

export class DiscordDouble {
  readonly world = new World();
  readonly spec: SpecValidator;
  readonly ledger: Ledger;
  readonly faults = new RestFaults();
  readonly rest: Rest;
  readonly gateway: Gateway;
  readonly token: string;
  readonly #server: Server;
  port = 0;

  constructor(options: DoubleOptions = {}) {
    this.token = options.token ?? FAKE_TOKEN;
    sharedSpec ??= withServedRoutesCompiled(new SpecValidator());
    this.spec = sharedSpec;
    this.ledger = new Ledger(this.world.bot, this.world.applicationId);
    this.rest = new Rest(this.world, this.ledger, this.spec, this.faults, this.token, { rejectInvalid: options.rejectInvalid ?? true, quiet: options.quiet ?? false });
    this.#server = createServer((req, res) => void this.rest.handle(req, res));
    this.gateway = new Gateway(this.#server, this.world, { token: this.token, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 });
  }

  /** The REST base to give discord.js (`rest: { api }`); it appends `/v10` itself. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    this.rest.gatewayUrl = this.gatewayUrl;
    this.gateway.url = this.gatewayUrl;
    return this;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Everything a test should find empty: bodies Discord would reject, routes the double does not know. */
  problems(): string[] {
    return [...this.rest.violations.map((v) => `${v.method} ${v.route}: ${v.problems.join('; ')}`), ...this.rest.unknownRoutes.map((r) => `unknown route ${r}`)];
  }

  // ── What users do ────────────────────────────────────────────────────────────────────────────

  /**
   * A user runs a registered slash command (global commands anywhere; guild commands in the guild).
   * A subcommand is named after its command: `command('articles add', { url })`.
   */
  command(name: string, options: OptionValues = {}, as: As = {}): Interaction {
    const [top, sub] = name.split(' ') as [string, string | undefined];
    return this.#inject(InteractionType.ApplicationCommand, top, as, (cmd) => this.#data(cmd, top, sub, options));
  }

  /** A user types in an option with autocomplete: `focused` names the option being typed. */
  autocomplete(name: string, options: OptionValues, focused: string, as: As = {}): Interaction {
    const [top, sub] = name.split(' ') as [string, string | undefined];
    const mark = (opts: ApiOption[]): ApiOption[] => opts.map((o) => (o.options ? { ...o, options: mark(o.options) } : o.name === focused ? { ...o, focused: true } : o));
    return this.#inject(InteractionType.ApplicationCommandAutocomplete, top, as, (cmd) => {
      const d = this.#data(cmd, top, sub, options);
      return { ...d, options: mark(d.options) };
    });
  }

  /** A command's `data`: its options (inside the subcommand's, if any) and what they resolve to. */
  #data(cmd: RegisteredCommand, name: string, sub: string | undefined, values: OptionValues): { id: string; name: string; type: number; options: ApiOption[]; resolved?: Resolved } {
    const resolved: Resolved = {};
    let options: ApiOption[];
    if (sub) {
      const def = cmd.options?.find((o) => o.name === sub && o.type === ApplicationCommandOptionType.Subcommand);
      if (!def) throw new Error(`double: /${name} has no subcommand "${sub}"`);
      options = [{ name: sub, type: def.type, options: this.#options({ ...cmd, options: def.options as RegisteredCommand['options'] }, values, resolved) }];
    } else {
      options = this.#options(cmd, values, resolved);
    }
    return { id: cmd.id, name, type: 1, options, ...(Object.keys(resolved).length ? { resolved } : {}) };
  }

  /** A user presses a button on a message (one that is there and enabled, unless `unchecked`). */
  press(message: StoredMessage, customId: string, as: As = {}): Interaction {
    const button = buttonsIn(message.components).find((b) => b.custom_id === customId);
    if (!as.unchecked && (!button || button.disabled)) throw new Error(`double: message ${message.id} has no enabled button ${customId}`);
    return this.#inject(InteractionType.MessageComponent, customId, { ...as, where: this.world.dmRecipient(message.channel_id) ? 'dm' : 'guild' }, () => ({ custom_id: customId, component_type: ComponentType.Button }), present(message), message);
  }

  /** A user writes a plain message to the bot in their DM channel. */
  dm(person: Person, content: string): StoredMessage {
    const channelId = this.world.dmChannelId(person.user.id);
    const m = this.ledger.createMessage(channelId, { content }, { author: person.user });
    this.gateway.dispatch('MESSAGE_CREATE', { ...present(m), channel_type: 1, nonce: snowflake() });
    return m;
  }

  #find(name: string, where: 'guild' | 'dm'): RegisteredCommand {
    const scopes = where === 'guild' ? [this.world.guildId, 'global'] : ['global'];
    for (const scope of scopes) {
      const cmd = this.rest.commands.get(scope)?.find((c) => c.name === name);
      if (cmd) return cmd;
    }
    throw new Error(`double: /${name} is not registered ${where === 'dm' ? 'globally (DMs see global commands only)' : 'for the guild or globally'}`);
  }

  /** Throws when Discord would not show this command to this person there (so no one could run it). */
  #offered(cmd: RegisteredCommand, person: Person, where: 'guild' | 'dm'): void {
    const context = where === 'guild' ? InteractionContextType.Guild : InteractionContextType.BotDM;
    const contexts = (cmd.contexts as number[] | null | undefined) ?? [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
    if (!contexts.includes(context)) throw new Error(`double: Discord does not offer /${cmd.name} in a ${where} (contexts ${JSON.stringify(contexts)}); pass unchecked to deliver it anyway`);
    const needed = cmd.default_member_permissions;
    if (where === 'guild' && needed !== null && needed !== undefined && (person.permissions & BigInt(needed as string)) !== BigInt(needed as string)) {
      throw new Error(`double: Discord hides /${cmd.name} from ${person.user.username} (needs permissions ${needed}); pass unchecked to deliver it anyway`);
    }
  }

  #options(cmd: RegisteredCommand, values: OptionValues, resolved: Resolved = {}): ApiOption[] {
    return Object.entries(values).map(([name, value]) => {
      const def = cmd.options?.find((o) => o.name === name);
      if (!def) throw new Error(`double: /${cmd.name} has no option "${name}"`);
      if (def.type === ApplicationCommandOptionType.Attachment) {
        if (typeof value !== 'object' || !('attachment' in value)) throw new Error(`double: option "${name}" of /${cmd.name} takes an attachment`);
        const id = snowflake();
        const a = value.attachment;
        resolved.attachments = { ...resolved.attachments, [id]: { id, filename: a.filename, size: a.size, url: a.url, proxy_url: a.url, ...(a.content_type ? { content_type: a.content_type } : {}) } };
        return { name, type: def.type, value: id };
      }
      if (def.type === ApplicationCommandOptionType.Channel) {
        if (value !== this.world.channelId) throw new Error(`double: option "${name}" of /${cmd.name} takes the server's channel id`);
        resolved.channels = { ...resolved.channels, [value]: { ...this.world.textChannel(), permissions: MEMBER_PERMISSIONS.toString() } };
        return { name, type: def.type, value };
      }
      const expected = { [ApplicationCommandOptionType.String]: 'string', [ApplicationCommandOptionType.Integer]: 'number', [ApplicationCommandOptionType.Number]: 'number', [ApplicationCommandOptionType.Boolean]: 'boolean' }[def.type];
      if (expected && typeof value !== expected) throw new Error(`double: option "${name}" of /${cmd.name} takes a ${expected}`);
      return { name, type: def.type, value };
    });
  }

  #inject(type: InteractionType, name: string, as: As, data: (cmd: RegisteredCommand) => Record<string, unknown>, message?: Record<string, unknown>, stored?: StoredMessage): Interaction {
    const person = as.person ?? this.world.member;
    const where = as.where ?? 'guild';
    const cmd = type === InteractionType.MessageComponent ? ({} as RegisteredCommand) : this.#find(name, where);
    if (type !== InteractionType.MessageComponent && !as.unchecked) this.#offered(cmd, person, where);
    const w = this.world;
    const inGuild = where === 'guild';
    const id = snowflake();
    const token = interactionToken();
    const payload: Record<string, unknown> = {
      id,
      application_id: w.applicationId,
      type,
      token,
      version: 1,
      data: data(cmd),
      ...(inGuild
        ? { guild_id: w.guildId, guild: { id: w.guildId, locale: 'en-US', features: [] }, guild_locale: 'en-US', channel_id: w.channelId, channel: w.textChannel(), member: w.interactionMember(person) }
        : { channel_id: w.dmChannelId(person.user.id), channel: w.dmChannel(person.user), user: person.user }),
      ...(message ? { message } : {}),
      locale: 'en-US',
      app_permissions: MEMBER_PERMISSIONS.toString(),
      entitlements: [],
      authorizing_integration_owners: inGuild ? { '0': w.guildId } : { '1': person.user.id },
      context: inGuild ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    const i = this.ledger.add({ id, token, type, name, user: person.user, guildId: inGuild ? w.guildId : null, channelId: payload.channel_id as string, sentAt: Date.now(), payload, ...(stored ? { message: stored } : {}) });
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return i;
  }

  // ── What the bot did ─────────────────────────────────────────────────────────────────────────

  /** Resolves with `probe()`'s first truthy value, re-checked whenever the double's state changes. */
  until<T>(probe: () => T | undefined | null | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`double: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(check, 50);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.ledger.off('change', check);
      };
      this.ledger.on('change', check);
      check();
    });
  }

  /** The answer the user sees: the response message once it is no longer "thinking…". */
  answer(i: Interaction, timeoutMs?: number): Promise<StoredMessage> {
    return this.until(() => (i.original && !i.loading ? i.original : undefined), `an answer to ${i.name} (${i.id})`, timeoutMs);
  }

  /** The choices an autocomplete interaction was answered with. */
  choices(i: Interaction, timeoutMs?: number): Promise<NonNullable<Interaction['choices']>> {
    return this.until(() => i.choices, `autocomplete choices for /${i.name}`, timeoutMs);
  }

  /** Messages the bot posted in a user's DM channel. */
  dmReplies(person: Person): StoredMessage[] {
    const channelId = this.world.dmChannelId(person.user.id);
    return this.ledger.channelMessages.filter((m) => m.channel_id === channelId && m.author.id === this.world.bot.id);
  }
}

/** Compiles, up front, the validators of the routes the double serves (so no test times a compile). */
function withServedRoutesCompiled(spec: SpecValidator): SpecValidator {
  spec.precompile([
    ['POST', '/interactions/1/t/callback'],
    ['PATCH', '/webhooks/1/t/messages/@original'],
    ['PATCH', '/webhooks/1/t/messages/1'],
    ['POST', '/webhooks/1/t'],
    ['POST', '/channels/1/messages'],
    ['PATCH', '/channels/1/messages/1'],
    ['PUT', '/applications/1/commands'],
    ['PUT', '/applications/1/guilds/1/commands'],
    ['POST', '/users/@me/channels'],
  ]);
  return spec;
}

/** Starts a double on a free 127.0.0.1 port. */
export function startDiscordDouble(options: DoubleOptions = {}): Promise<DiscordDouble> {
  return new DiscordDouble(options).listen();
}

function buttonsIn(components: unknown[]): { custom_id?: string; disabled?: boolean }[] {
  return (components as { custom_id?: string; disabled?: boolean; components?: unknown[] }[]).flatMap((c) => [c, ...buttonsIn(c.components ?? [])]);
}
