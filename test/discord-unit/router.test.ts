import { Client, DiscordAPIError, HTTPError, type Interaction, type Message, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOptions } from '../../src/discord/bot.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { Pager, parsePageCustomId } from '../../src/discord/pagination.ts';
import { SlidingWindowLimiter } from '../../src/discord/ratelimit.ts';
import { handleInteraction, handleMessage } from '../../src/discord/router.ts';
import { IndexStore } from '../../src/index/store.ts';
import { memoryLogger, seedIndex } from '../helpers/corpus.ts';
import { messageRules } from '../discord/double/rules.ts';
import { SPEC_AVAILABLE, SpecValidator } from '../discord/double/spec.ts';

/**
 * The router with real discord.js interaction and message objects, built from gateway payloads by
 * discord.js's own actions; its REST client records requests instead of sending them, and every
 * body is checked against Discord's OpenAPI description. (The end-to-end suite runs the whole bot
 * against the Discord double; these tests pin the routing rules one by one.)
 */

const APP = '100000000000000001';
const GUILD = '200000000000000002';
const CHANNEL = '300000000000000003';
const DM = '300000000000000004';
const ALICE = '400000000000000005';
const BOB = '400000000000000006';
const MOD_PERMS = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);

interface Sent {
  method: string;
  route: string;
  body: Record<string, unknown>;
}

let client: Client;
/** What Discord received and kept. */
let sent: Sent[];
/** Every request the bot made, failed ones included. */
let attempts: Sent[] = [];
/** Failures to inject: the next request on a matching route fails (after being kept, when `delivered`). */
let faults: { route: RegExp; error: () => Error; delivered?: boolean }[] = [];
let seq = 1000;
/** Without Discord's spec beside the repository, only the message rules are checked (vitest.config.ts says so once). */
const spec = SPEC_AVAILABLE ? new SpecValidator() : undefined;
const logs = memoryLogger();

const user = (id: string, bot = false) => ({ id, username: `u${id.slice(-2)}`, discriminator: '0', global_name: null, avatar: null, bot });
const apiMessage = (channelId: string, body: Record<string, unknown> = {}) => ({
  id: String(++seq).padStart(18, '5'),
  channel_id: channelId,
  author: user(APP, true),
  content: (body.content as string) ?? '',
  timestamp: new Date().toISOString(),
  edited_timestamp: null,
  tts: false,
  mention_everyone: false,
  mentions: [],
  mention_roles: [],
  attachments: [],
  embeds: (body.embeds as unknown[]) ?? [],
  components: (body.components as unknown[]) ?? [],
  pinned: false,
  type: 0,
  flags: 0,
});

function makeCtx(limit = 0): BotContext {
  const store = new IndexStore({ corpusDir: 'unused', snapshotDir: 'unused', log: logs.log });
  return { store, log: logs.log, pager: new Pager(), limiter: new SlidingWindowLimiter(limit), secrets: [], progressEveryMs: 1500 };
}

/** A context serving the seed index, with nothing recorded or armed yet. */
async function seeded(limit = 0): Promise<BotContext> {
  const ctx = makeCtx(limit);
  ctx.store.use(await seedIndex());
  sent = [];
  attempts = [];
  faults = [];
  return ctx;
}

/** A real discord.js interaction from a gateway INTERACTION_CREATE payload. */
function interaction(data: Record<string, unknown>): Interaction {
  let got: Interaction | undefined;
  client.once('interactionCreate', (i) => {
    got = i;
  });
  (client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle({
    id: String(++seq).padStart(18, '6'),
    application_id: APP,
    token: `tok-${seq}`,
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    ...data,
  });
  return got!;
}

const where = (inDm: boolean, who: string, perms = '0') =>
  inDm
    ? { channel_id: DM, channel: { id: DM, type: 1 }, user: user(who), context: 1, authorizing_integration_owners: { '1': who } }
    : {
        guild_id: GUILD,
        channel_id: CHANNEL,
        channel: { id: CHANNEL, type: 0, guild_id: GUILD },
        member: { user: user(who), roles: [], permissions: perms, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
        context: 0,
        authorizing_integration_owners: { '0': GUILD },
      };

function command(name: string, options: { name: string; type: number; value: unknown; focused?: boolean }[] = [], opts: { dm?: boolean; user?: string; perms?: string; autocomplete?: boolean } = {}) {
  return interaction({
    type: opts.autocomplete ? 4 : 2,
    data: { id: '700000000000000007', name, type: 1, options },
    ...where(opts.dm ?? false, opts.user ?? ALICE, opts.perms),
  });
}

function button(customId: string, who: string, message: Record<string, unknown>) {
  return interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, message, ...where(false, who) });
}

const callbacks = () => sent.filter((s) => s.route.endsWith('/callback'));
const lastCallback = () => callbacks().at(-1)!.body as { type: number; data?: Record<string, unknown> };
const EPHEMERAL = 1 << 6;

beforeAll(() => {
  client = new Client(clientOptions({}));
  // Record REST calls instead of sending them; answer like Discord would.
  (client.rest as unknown as { request: (o: { method: string; fullRoute: string; body?: unknown }) => Promise<unknown> }).request = async (o) => {
    const body = (o.body ?? {}) as Record<string, unknown>;
    // What the Discord double holds every request to: the OpenAPI schema and Discord's message rules.
    const problems = [...(spec?.validate(o.method, o.fullRoute, o.body) ?? []), ...messageRules(o.method, decodeURIComponent(o.fullRoute), o.body)];
    if (problems.length) throw new Error(problems.join('\n'));
    const f = faults.findIndex((x) => x.route.test(o.fullRoute));
    if (f >= 0) {
      const [fault] = faults.splice(f, 1);
      attempts.push({ method: o.method, route: o.fullRoute, body });
      if (fault!.delivered) sent.push({ method: o.method, route: o.fullRoute, body });
      throw fault!.error();
    }
    attempts.push({ method: o.method, route: o.fullRoute, body });
    sent.push({ method: o.method, route: o.fullRoute, body });
    if (o.fullRoute.endsWith('/callback')) return undefined;
    return apiMessage(o.fullRoute.startsWith('/channels/') ? o.fullRoute.split('/')[2]! : CHANNEL, body);
  };
});
afterAll(async () => {
  await client.destroy();
});

describe('slash commands', () => {
  it('answers a question with embeds, no mentions, publicly unless hidden', async () => {
    const ctx = await seeded();
    await handleInteraction(command('search', [{ name: 'query', type: 3, value: 'Metrojet' }]), ctx);
    const cb = lastCallback();
    expect(cb.type).toBe(4);
    expect(cb.data!.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(cb.data!.flags ?? 0).toBe(0);
    const embed = (cb.data!.embeds as { description: string }[])[0]!;
    expect(embed.description).toMatch(/^> .*Metrojet.*\n— /);
    expect(embed.description).toContain('Metrojet');

    sent = [];
    await handleInteraction(command('sources', [{ name: 'hide', type: 5, value: true }], { dm: true }), ctx);
    expect(lastCallback().data!.flags).toBe(EPHEMERAL);
  });

  it('a command whose answer would come too late is deferred at once, then answered by editing the deferred reply', async () => {
    const ctx = { ...(await seeded()), answerWithinMs: 0 };
    await handleInteraction(command('search', [{ name: 'query', type: 3, value: 'Metrojet' }, { name: 'hide', type: 5, value: true }]), ctx);
    expect(sent.map((s) => `${s.method} ${decodeURIComponent(s.route).replace(/\d+/g, 'N').replace(/tok-N/, 'TOKEN')}`)).toEqual([
      'POST /interactions/N/TOKEN/callback',
      'PATCH /webhooks/N/TOKEN/messages/@original',
    ]);
    expect(lastCallback()).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = sent[1]!.body as { embeds: { description: string }[]; allowed_mentions: unknown };
    expect(edit.embeds[0]!.description).toContain('Metrojet');
    expect(edit.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('refuses over-long input with the limit, ephemerally', async () => {
    const ctx = await seeded();
    await handleInteraction(command('ask', [{ name: 'question', type: 3, value: 'why '.repeat(200) }]), ctx);
    expect(lastCallback().data).toMatchObject({ content: expect.stringContaining('the limit is 500'), flags: EPHEMERAL });
  });

  it('rate-limits questions per user with the wait in seconds; other users and /refresh are not affected', async () => {
    const ctx = await seeded(2);
    for (let i = 0; i < 3; i++) await handleInteraction(command('help'), ctx);
    expect(lastCallback().data).toMatchObject({ content: expect.stringMatching(/please wait \d+ seconds?/), flags: EPHEMERAL });
    expect(callbacks().filter((c) => (c.body.data as { embeds?: unknown[] }).embeds?.length)).toHaveLength(2);
    await handleInteraction(command('help', [], { user: BOB }), ctx);
    expect((lastCallback().data!.embeds as unknown[]).length).toBe(1);
    // /refresh by the limited user is still handled (here refused for lack of permission, not for the rate).
    sent = [];
    await handleInteraction(command('refresh'), ctx);
    expect(lastCallback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(sent.at(-1)!.body.content).toMatch(/Only moderators/);
  });

  it('an error inside a handler: an ephemeral apology with an id; the details in the log under it', async () => {
    const ctx = makeCtx(); // no index opened: reading it throws
    sent = [];
    await handleInteraction(command('search', [{ name: 'query', type: 3, value: 'x' }]), ctx);
    const data = lastCallback().data!;
    expect(data.flags).toBe(EPHEMERAL);
    const id = /`([0-9a-f]{8})`/.exec(data.content as string)?.[1];
    expect(id).toBeDefined();
    expect(data.content).not.toMatch(/index not opened|\/work\/|at .*\.ts/);
    const line = logs.lines().find((l) => l.errorId === id);
    expect(line).toMatchObject({ level: 50, where: 'search' });
    expect(JSON.stringify(line)).toContain('index not opened yet');
  });
});

describe('/refresh permissions', () => {
  it('is refused in a DM and to a member without Manage Server, even if Discord let them run it', async () => {
    const ctx = await seeded();
    for (const [opts, text] of [
      [{ dm: true }, /only in a server/],
      [{ perms: '0' }, /Only moderators/],
    ] as const) {
      sent = [];
      await handleInteraction(command('refresh', [], opts), ctx);
      expect(lastCallback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
      expect(sent.at(-1)).toMatchObject({ method: 'PATCH', body: { content: expect.stringMatching(text) } });
    }
  });

  it('a second refresh while one runs is told to wait', async () => {
    const ctx = await seeded();
    Object.defineProperty(ctx.store, 'refreshing', { get: () => true });
    sent = [];
    await handleInteraction(command('refresh', [], { perms: MOD_PERMS }), ctx);
    expect(sent.at(-1)!.body.content).toMatch(/already running/);
  });
});

describe('/refresh failing unexpectedly', () => {
  it('the apology replaces the "Refreshing…" reply (no progress left behind)', async () => {
    const ctx = await seeded();
    ctx.store.refresh = async () => {
      throw new Error('disk on fire at /tmp/secret/place');
    };
    sent = [];
    await handleInteraction(command('refresh', [], { perms: MOD_PERMS }), ctx);
    const edits = sent.filter((s) => s.method === 'PATCH');
    expect(edits.map((e) => decodeURIComponent(e.route.split('/').at(-1)!))).toEqual(['@original', '@original']);
    expect(edits[0]!.body.content).toMatch(/^Refreshing/);
    expect(edits[1]!.body.content).toMatch(/error id is `[0-9a-f]{8}`/);
    expect(edits[1]!.body.content).not.toMatch(/disk on fire|\/tmp/);
    expect(sent.filter((s) => s.method === 'POST' && !s.route.endsWith('/callback'))).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('answers /who at once with matching people', async () => {
    const ctx = makeCtx();
    const index = await seedIndex();
    ctx.store.use(index);
    const first = index.derived.people[0]!.name;
    expect(first).not.toBe('');
    sent = [];
    await handleInteraction(command('who', [{ name: 'name', type: 3, value: first.slice(0, 3), focused: true }], { autocomplete: true }), ctx);
    const cb = lastCallback() as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(cb.type).toBe(8);
    expect(cb.data.choices.length).toBeLessThanOrEqual(25);
    expect(cb.data.choices.map((c) => c.value)).toContain(first);
  });
});

describe('page buttons', () => {
  it('only the asker turns pages; others and expired buttons get a polite ephemeral note', async () => {
    const ctx = await seeded();
    await handleInteraction(command('sources', [], { user: ALICE }), ctx);
    // The seeds are few: make a long answer from /who or /search if /sources fits one page (not
    // /timeline: with its picture it is deferred, its pages come in an edit, not a callback).
    let data = lastCallback().data!;
    for (const name of ['who', 'search']) {
      if ((data.components as unknown[]).length) break;
      await handleInteraction(command(name, name === 'search' ? [{ name: 'query', type: 3, value: 'the' }] : [], { user: ALICE }), ctx);
      data = lastCallback().data!;
    }
    const row = (data.components as { components: { custom_id: string; disabled?: boolean }[] }[])[0];
    expect(row, 'some seed answer needs more than one page').toBeDefined();
    const next = row!.components[1]!.custom_id;
    expect(parsePageCustomId(next)).toMatchObject({ page: 1, askerId: ALICE });
    const message = apiMessage(CHANNEL, data);

    await handleInteraction(button(next, BOB, message), ctx);
    expect(lastCallback().data).toMatchObject({ content: expect.stringMatching(/Only the person who asked/), flags: EPHEMERAL });

    await handleInteraction(button(next, ALICE, message), ctx);
    const turned = lastCallback();
    expect(turned.type).toBe(7); // UPDATE_MESSAGE
    expect((turned.data!.embeds as { footer: { text: string } }[])[0]!.footer.text).toMatch(/page 2 of/);
    expect(turned.data!.allowed_mentions).toEqual({ parse: [], replied_user: false });

    ctx.pager.clear(); // a restart, or 15 minutes later
    await handleInteraction(button(next, ALICE, message), ctx);
    expect(lastCallback().data).toMatchObject({ content: expect.stringMatching(/expired/), flags: EPHEMERAL });
  });
});

describe('DMs', () => {
  const dm = (content: string, author = user(ALICE)) => {
    let got: Message | undefined;
    client.once('messageCreate', (m) => {
      got = m;
    });
    (client as unknown as { actions: { MessageCreate: { handle(d: unknown): void } } }).actions.MessageCreate.handle({ ...apiMessage(DM), author, content });
    return got!;
  };

  it('a plain DM is a question; "/search x" typed in a DM works too; bots are ignored', async () => {
    const ctx = await seeded();
    await handleMessage(dm('Who blamed a bomb for the Metrojet crash?'), ctx);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', route: `/channels/${DM}/messages` });
    expect(sent[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect((sent[0]!.body.embeds as { title: string }[])[0]!.title).toMatch(/^\/ask /);

    await handleMessage(dm('/search Metrojet'), ctx);
    expect((sent[1]!.body.embeds as { title: string }[])[0]!.title).toBe('/search Metrojet');

    await handleMessage(dm('hello', user(BOB, true)), ctx);
    expect(sent).toHaveLength(2);
  });

  it('a flood of DMs gets one rate notice per lock-out', async () => {
    const ctx = await seeded(1);
    for (let i = 0; i < 5; i++) await handleMessage(dm('/help'), ctx);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.content).toMatch(/please wait \d+ seconds?/);
  });
});

describe('REST failures', () => {
  const http500 = () => new HTTPError(500, 'Internal Server Error', 'POST', '/x', { body: undefined });
  const acked = () => new DiscordAPIError({ code: 40060, message: 'Interaction has already been acknowledged.' }, 40060, 400, 'POST', '/x', { body: undefined });

  it('a 5xx on the reply is retried: the answer arrives once', async () => {
    const ctx = await seeded();
    faults = [
      { route: /\/callback$/, error: http500 },
      { route: /\/callback$/, error: http500 },
    ];
    await handleInteraction(command('help'), ctx);
    expect(attempts.filter((a) => a.route.endsWith('/callback'))).toHaveLength(3);
    expect(callbacks()).toHaveLength(1);
    expect((lastCallback().data!.embeds as unknown[]).length).toBe(1);
    expect(faults).toEqual([]);
  });

  it('a reply Discord kept though it answered 500: the retry meets 40060 and nothing more is sent', async () => {
    const ctx = await seeded();
    faults = [
      { route: /\/callback$/, error: http500, delivered: true },
      { route: /\/callback$/, error: acked },
    ];
    await handleInteraction(command('help'), ctx);
    expect(callbacks()).toHaveLength(1);
    expect(sent).toHaveLength(1); // no apology, no second answer
    expect(logs.lines().some((l) => l.level === 50 && JSON.stringify(l).includes('40060'))).toBe(false);
  });

  it('a DM answer carries a nonce enforced by Discord, the same on every attempt', async () => {
    const ctx = await seeded();
    faults = [{ route: /^\/channels\/\d+\/messages$/, error: http500 }];
    let got: Message | undefined;
    client.once('messageCreate', (m) => {
      got = m;
    });
    (client as unknown as { actions: { MessageCreate: { handle(d: unknown): void } } }).actions.MessageCreate.handle({ ...apiMessage(DM), author: user(ALICE), content: '/help' });
    await handleMessage(got!, ctx);
    expect(attempts).toHaveLength(2);
    expect(sent).toHaveLength(1);
    expect(attempts[0]!.body).toMatchObject({ nonce: expect.stringMatching(/^\d+$/), enforce_nonce: true });
    expect(attempts[1]!.body.nonce).toBe(attempts[0]!.body.nonce);
  });
});
