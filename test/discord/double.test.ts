import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Client, Events, GatewayIntentBits, MessageFlags, Partials, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordDouble, startDiscordDouble } from './double/index.ts';

/**
 * The double on its own, driven by a bare discord.js client (no bot code): the handshake, the
 * interaction rules Discord enforces, request validation against Discord's OpenAPI description, and
 * each gateway and REST fault. If these fail, the end-to-end suites cannot be trusted.
 */

let double: DiscordDouble;
let client: Client;
/** What the bare client does with an interaction; each test sets it. */
let onInteraction: (i: import('discord.js').Interaction) => Promise<void> = async () => {};
const received: string[] = [];

beforeAll(async () => {
  double = await startDiscordDouble({ heartbeatIntervalMs: 300, quiet: true });
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], partials: [Partials.Channel], rest: { api: double.apiUrl } });
  client.on(Events.InteractionCreate, (i) => {
    received.push(i.id);
    onInteraction(i).catch(() => {});
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(double.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await double?.close();
});

const command = new SlashCommandBuilder()
  .setName('echo')
  .setDescription('Says it back')
  .addStringOption((o) => o.setName('text').setDescription('What to say').setRequired(true).setAutocomplete(true));

describe('handshake', () => {
  it('serves the gateway URL over REST, speaks v10 JSON, and makes the client ready with the guild cached', () => {
    const connect = double.gateway.events.find((e) => e.kind === 'connect');
    expect(connect?.detail).toEqual({ v: '10', encoding: 'json' });
    expect(double.rest.requests.some((r) => r.method === 'GET' && r.route === '/gateway/bot' && r.authorized)).toBe(true);
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(double.world.bot.id);
    expect(client.application?.id).toBe(double.world.applicationId);
    expect(client.guilds.cache.get(double.world.guildId)?.name).toBe('Newsroom');
    expect(double.gateway.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages);
  });

  it('acknowledges heartbeats', async () => {
    await double.until(() => double.gateway.events.some((e) => e.kind === 'heartbeat'), 'a heartbeat', 3000);
    await new Promise((r) => setTimeout(r, 700));
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('refuses a REST call without the bot token', async () => {
    const res = await fetch(`${double.apiUrl}/v10/users/@me`);
    expect(res.status).toBe(401);
  });
});

describe('registration and validation against the OpenAPI description', () => {
  it('records a bulk overwrite and gives each command an id', async () => {
    const stored = await client.application!.commands.set([command.toJSON()]);
    expect(stored.first()?.name).toBe('echo');
    expect(double.rest.registrations.at(-1)).toMatchObject({ scope: 'global', body: [{ name: 'echo' }] });
    expect(double.problems()).toEqual([]);
  });

  it('rejects, with 400 50035, a body Discord would reject, and records the violation', async () => {
    const before = double.rest.violations.length;
    const bad = { ...command.toJSON(), name: 'Not A Valid Name!', options: [{ type: 99, name: 'x', description: 'y' }] };
    await expect(client.rest.put(`/applications/${double.world.applicationId}/commands`, { body: [bad] })).rejects.toMatchObject({ status: 400, code: 50035 });
    const v = double.rest.violations.slice(before);
    expect(v).toHaveLength(1);
    expect(v[0]!.problems.join(' ')).toMatch(/name|type/);
    double.rest.violations.length = before;
  });

  it('rejects a message longer than 2000 characters and embeds over 6000 characters in all', async () => {
    const before = double.rest.violations.length;
    const channel = await client.channels.fetch(double.world.channelId);
    if (!channel?.isSendable()) throw new Error('no channel');
    await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ status: 400 });
    const embeds = [1, 2].map(() => ({ description: 'y'.repeat(3500) }));
    await expect(channel.send({ embeds })).rejects.toMatchObject({ status: 400 });
    const problems = double.rest.violations.slice(before).map((v) => v.problems.join(' '));
    expect(problems[0]).toMatch(/2000/);
    expect(problems[1]).toMatch(/6000/);
    double.rest.violations.length = before;
  });

  it('reports an unknown route loudly', async () => {
    const before = double.rest.unknownRoutes.length;
    await expect(client.rest.get('/guilds/1/nothing-here')).rejects.toMatchObject({ status: 404 });
    expect(double.rest.unknownRoutes.slice(before)).toEqual(['GET /guilds/1/nothing-here']);
    double.rest.unknownRoutes.length = before;
  });
});

describe('interactions', () => {
  it('delivers a slash command with its options and member permissions, and records the reply', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `you said ${i.options.getString('text')} (${i.memberPermissions?.has('ManageGuild')})`, allowedMentions: { parse: [] } });
    };
    const i = double.command('echo', { text: 'hello' }, { person: double.world.moderator });
    const answer = await double.answer(i);
    expect(answer.content).toBe('you said hello (true)');
    expect(answer.writes[0]).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(double.problems()).toEqual([]);
  });

  it('delivers a command in a DM with the user and a DM channel', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `dm ${i.channel?.isDMBased()} ${i.user.username} ${i.context}`, flags: MessageFlags.Ephemeral });
    };
    const i = double.command('echo', { text: 'hi' }, { where: 'dm' });
    const answer = await double.answer(i);
    expect(answer.content).toBe(`dm true ${double.world.member.user.username} 1`);
    expect(answer.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('answers autocomplete with choices', async () => {
    onInteraction = async (i) => {
      if (i.isAutocomplete()) await i.respond([{ name: `${i.options.getFocused()}!`, value: 'v' }]);
    };
    const i = double.autocomplete('echo', { text: 'ab' }, 'text');
    expect(await double.choices(i)).toEqual([{ name: 'ab!', value: 'v' }]);
  });

  it('deferred replies show "thinking" until edited; a button press updates the message it is on', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) {
        await i.deferReply();
        await new Promise((r) => setTimeout(r, 100));
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary));
        await i.editReply({ content: 'page 1', components: [row] });
      } else if (i.isButton()) await i.update({ content: `page 2 for ${i.user.username}`, components: [] });
    };
    const i = double.command('echo', { text: 'x' });
    expect(i.loading).toBe(false);
    await double.until(() => i.loading, 'the deferral');
    const page1 = await double.answer(i);
    expect(page1.content).toBe('page 1');
    const press = double.press(page1, 'next', { person: double.world.other });
    await double.until(() => press.acks.length > 0, 'the update');
    expect(page1.content).toBe(`page 2 for ${double.world.other.user.username}`);
    expect(double.problems()).toEqual([]);
  });

  it('refuses a second acknowledgement with 40060 and a late one with 10062', async () => {
    const errors: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'first' });
      await i.followUp({ content: 'a follow-up is fine' });
      await client.rest.post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'again' } }, auth: false }).catch((e) => errors.push(e));
    };
    const twice = double.command('echo', { text: 'x' });
    await double.until(() => errors.length > 0, 'the refused second ack');
    expect(twice.refused.map((r) => r.code)).toEqual([40060]);
    expect(errors[0]).toMatchObject({ status: 400, code: 40060 });
    expect(twice.followups.map((f) => f.content)).toEqual(['a follow-up is fine']);

    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 3100));
      await i.reply({ content: 'too late' }).catch((e) => errors.push(e));
    };
    const late = double.command('echo', { text: 'x' });
    await double.until(() => errors.length > 1, 'the refused late ack', 6000);
    expect(late.refused.map((r) => r.code)).toEqual([10062]);
    expect(errors[1]).toMatchObject({ status: 404, code: 10062 });
    expect(late.original).toBeUndefined();
  });

  it('delivers a DM message through the Channel partial and records the reply in the DM channel', async () => {
    const got = new Promise<import('discord.js').Message>((resolve) => client.once(Events.MessageCreate, resolve));
    double.dm(double.world.member, 'hello bot');
    const message = await got;
    expect(message.content).toBe('hello bot');
    expect(message.channel.isDMBased()).toBe(true);
    await message.reply({ content: 'hello human', allowedMentions: { parse: [] } });
    expect(double.dmReplies(double.world.member).map((m) => m.content)).toEqual(['hello human']);
    expect(double.problems()).toEqual([]);
  });
});

describe('gateway faults', () => {
  const echo = async (i: import('discord.js').Interaction) => {
    if (i.isChatInputCommand()) await i.reply({ content: 'back' });
  };

  it('a dropped connection (4000) is resumed and events sent meanwhile are replayed', async () => {
    onInteraction = echo;
    const resumes = double.gateway.events.filter((e) => e.kind === 'resume').length;
    double.gateway.drop();
    const missed = double.command('echo', { text: 'while away' });
    await double.gateway.whenConnected();
    expect(double.gateway.events.filter((e) => e.kind === 'resume').length).toBe(resumes + 1);
    expect((await double.answer(missed)).content).toBe('back');
  });

  it('RECONNECT (op 7) makes the client resume', async () => {
    const resumes = double.gateway.events.filter((e) => e.kind === 'resume').length;
    double.gateway.reconnect();
    await double.gateway.whenConnected();
    expect(double.gateway.events.filter((e) => e.kind === 'resume').length).toBe(resumes + 1);
    expect((await double.answer(double.command('echo', { text: 'x' }))).content).toBe('back');
  });

  it('INVALID SESSION resumable resumes on the same socket; not resumable identifies anew', async () => {
    const count = (k: string) => double.gateway.events.filter((e) => e.kind === k).length;
    const [resumes, identifies] = [count('resume'), count('identify')];
    double.gateway.invalidSession(true);
    await double.gateway.whenConnected();
    expect([count('resume'), count('identify')]).toEqual([resumes + 1, identifies]);
    const session = double.gateway.sessionId;
    double.gateway.invalidSession(false);
    await double.gateway.whenConnected();
    expect(count('identify')).toBe(identifies + 1);
    expect(double.gateway.sessionId).not.toBe(session);
    expect((await double.answer(double.command('echo', { text: 'x' }))).content).toBe('back');
  });
});

describe('REST faults', () => {
  it('a 429 with retry_after is waited out and the request retried; a 500 is retried', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'despite faults' });
    };
    double.faults.rateLimit({ route: /\/callback$/, retryAfter: 0.2 });
    const limited = double.command('echo', { text: 'x' });
    expect((await double.answer(limited)).content).toBe('despite faults');
    double.faults.serverError({ route: /\/callback$/, count: 2 });
    const failing = double.command('echo', { text: 'x' });
    expect((await double.answer(failing)).content).toBe('despite faults');
    expect(double.faults.injected.map((f) => f.status)).toEqual([429, 500, 500]);
    expect([limited.acks.length, failing.acks.length]).toEqual([1, 1]);
    const tries = double.rest.requests.filter((r) => r.route.startsWith(`/interactions/${failing.id}/`)).map((r) => r.status);
    expect(tries).toEqual([500, 500, 204]);
  });
});

describe('faults after the fact', () => {
  it('a 500 after Discord acknowledged: the retry is refused with 40060, nothing is acknowledged twice', async () => {
    const errors: unknown[] = [];
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'once' }).catch((e) => errors.push(e));
    };
    double.faults.serverError({ route: /\/callback$/, afterProcessing: true });
    const i = double.command('echo', { text: 'x' });
    await double.until(() => errors.length > 0, 'the refused retry');
    expect(errors[0]).toMatchObject({ status: 400, code: 40060 });
    expect(i.acks).toHaveLength(1);
    expect(i.refused.map((r) => r.code)).toEqual([40060]);
    expect(i.original?.content).toBe('once');
  });

  it('a message sent again with the same nonce and enforce_nonce is the first one, not a second', async () => {
    const channel = await client.channels.fetch(double.world.channelId);
    if (!channel?.isSendable()) throw new Error('no channel');
    const before = double.ledger.channelMessages.length;
    const a = await channel.send({ content: 'only once', nonce: '1234567', enforceNonce: true });
    const b = await channel.send({ content: 'only once', nonce: '1234567', enforceNonce: true });
    const c = await channel.send({ content: 'only once', nonce: '1234567' });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(double.ledger.channelMessages.length).toBe(before + 2);
  });
});

describe('the spec', () => {
  it('matches literal segments before parameters', () => {
    expect(double.spec.match('/webhooks/1/tok/messages/@original')?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(double.spec.match('/webhooks/1/tok/messages/2')?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}');
    expect(double.spec.match('/users/@me/channels')?.template).toBe('/users/@me/channels');
    expect(double.spec.validate('GET', '/no/such/route', undefined)).toHaveLength(1);
  });
});
