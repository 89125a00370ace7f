import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType, InteractionResponseType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/engine.ts';
import type { CommandName } from '../../src/answers/types.ts';
import { startBot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import type { Interaction, StoredMessage } from './double/index.ts';
import { buttonsOf, corpusTexts, type Harness, messageWrites, quotesOf, startHarness, textOf, unescapeMarkdown } from './harness.ts';

/**
 * The bot end to end, through the real discord.js client and the Discord double: registration,
 * every command in a server and in a DM, autocomplete, `hide`, page buttons, DM questions, and a
 * quote that carries `@everyone`. Answers are checked against the answer engine on the same index
 * and every quote against the article files themselves.
 */

const EVERYONE_FILE = 'zz_town_notice.txt';
const EVERYONE_TEXT = 'Town crier reads the bridge notice\n\nThe mayor told @everyone gathered at the town hall that the old stone bridge would reopen on Monday.\nOfficials thanked <@123456789012345678> and the <@&234567890123456789> team for the bridge survey.\n';

let h: Harness;
let texts: string[];

beforeAll(async () => {
  h = await startHarness({ articles: { [EVERYONE_FILE]: EVERYONE_TEXT } });
  texts = await corpusTexts(h.corpusDir);
});

afterAll(async () => {
  await h?.stop();
});

/** Every quote shown is a sentence of an article, word for word. */
function expectVerbatim(m: StoredMessage): void {
  for (const q of quotesOf(m)) expect(texts.some((t) => t.includes(q)), `not in any article: ${q}`).toBe(true);
}

/** The answer the engine gives on the serving index is what the user sees (first page). */
function expectRendersEngine(m: StoredMessage, command: CommandName, query: string): void {
  const expected = answer(h.store.index, command, query);
  const shown = unescapeMarkdown(textOf(m));
  const first = expected.items[0];
  if (first && 'quote' in first) expect(first.quote.replace(/\s+/g, ' ').startsWith(quotesOf(m)[0] ?? '\u0000')).toBe(true);
  else if (first && 'usage' in first) for (const item of expected.items) expect(shown).toContain(`/${(item as { command: string }).command}`);
  else {
    expect(expected.message).toBeDefined();
    expect(shown).toContain((expected.message ?? '').replace(/\s+/g, ' ').trim());
  }
}

function expectOneAck(i: Interaction): void {
  expect(i.acks).toHaveLength(1);
  expect(i.refused).toEqual([]);
}

describe('registration', () => {
  const USER_COMMANDS: Record<string, { arg?: string; required?: boolean; autocomplete?: boolean }> = {
    ask: { arg: 'question', required: true },
    search: { arg: 'query', required: true },
    who: { arg: 'name', required: false, autocomplete: true },
    casualties: { arg: 'event', required: false },
    timeline: { arg: 'topic', required: false },
    sources: { arg: 'query', required: false },
    help: {},
  };

  it('overwrites the global command set in bulk with every command', () => {
    expect(h.double.rest.registrations.map((r) => r.scope)).toEqual(['global']);
    const names = (h.double.rest.registrations[0]!.body as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual([...Object.keys(USER_COMMANDS), 'refresh', 'articles', 'feeds'].sort());
    // No DISCORD_APPLICATION_ID: the deploy asked the API for the application.
    expect(h.double.rest.requests.some((r) => r.method === 'GET' && r.route === '/applications/@me')).toBe(true);
  });

  it('declares each user command for servers, bot DMs and group DMs, guild and user installs, with its options and hide', () => {
    const body = h.double.rest.registrations[0]!.body as Record<string, unknown>[];
    for (const [name, want] of Object.entries(USER_COMMANDS)) {
      const cmd = body.find((c) => c.name === name)!;
      expect([...(cmd.contexts as number[])].sort()).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel]);
      expect([...(cmd.integration_types as number[])].sort()).toEqual([ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall]);
      expect(cmd.default_member_permissions ?? null).toBeNull();
      const options = cmd.options as { name: string; type: number; required?: boolean; autocomplete?: boolean; max_length?: number }[];
      expect(options.find((o) => o.name === 'hide')).toMatchObject({ type: ApplicationCommandOptionType.Boolean });
      expect(options.find((o) => o.name === 'hide')?.required ?? false).toBe(false);
      if (want.arg) {
        const arg = options.find((o) => o.name === want.arg);
        expect(arg).toMatchObject({ type: ApplicationCommandOptionType.String });
        expect(arg?.required ?? false).toBe(want.required);
        expect(arg?.autocomplete ?? false).toBe(want.autocomplete ?? false);
        expect(arg?.max_length).toBeLessThanOrEqual(6000);
      }
      expect(options.map((o) => o.name).sort()).toEqual([...(want.arg ? [want.arg] : []), 'hide'].sort());
    }
  });

  it('declares /refresh for moderators only (Manage Server), in servers only', () => {
    const refresh = (h.double.rest.registrations[0]!.body as Record<string, unknown>[]).find((c) => c.name === 'refresh')!;
    expect(String(refresh.default_member_permissions)).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(refresh.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('registers in one server when DISCORD_GUILD_ID is set, through the same REST base URL', async () => {
    const r = await deployCommands({ ...h.config, DISCORD_GUILD_ID: h.double.world.guildId });
    expect(r.scope).toBe('guild');
    expect(h.double.rest.registrations.at(-1)?.scope).toBe(h.double.world.guildId);
    expect(h.double.rest.commands.get(h.double.world.guildId)?.map((c) => c.name).sort()).toEqual(h.double.rest.commands.get('global')?.map((c) => c.name).sort());
  });
});

describe('each command, in a server and in a DM', () => {
  const cases: [CommandName, Record<string, string>][] = [
    ['ask', { question: 'How many people died on the Russian jet?' }],
    ['search', { query: 'Raqqa' }],
    ['who', {}],
    ['who', { name: 'Vladimir Putin' }],
    ['casualties', {}],
    ['timeline', { topic: 'Putin' }],
    ['sources', {}],
    ['help', {}],
  ];
  for (const where of ['guild', 'dm'] as const) {
    for (const [command, options] of cases) {
      it(`/${command} ${JSON.stringify(options)} in a ${where}`, async () => {
        const i = h.double.command(command, options, { where });
        const m = await h.double.answer(i);
        expectOneAck(i);
        expect(m.flags & MessageFlags.Ephemeral).toBe(0);
        expect(textOf(m).length).toBeGreaterThan(0);
        expectVerbatim(m);
        expectRendersEngine(m, command, Object.values(options)[0] ?? '');
      });
    }
  }

  it('quotes are shown as quotes, each followed by its source', async () => {
    const m = await h.double.answer(h.double.command('search', { query: 'Raqqa' }));
    const lines = textOf(m).split('\n');
    const quoteAt = lines.flatMap((l, n) => (l.startsWith('> ') ? [n] : []));
    expect(quoteAt.length).toBeGreaterThan(0);
    for (const n of quoteAt) expect(lines[n + 1]).toMatch(/^— .*(Raqqa|NDTV|\.txt)/);
  });
});

describe('hide', () => {
  it('hide:true answers only the asker (ephemeral flag 64); without it the answer is public', async () => {
    const hidden = await h.double.answer(h.double.command('search', { query: 'Kerry', hide: true }));
    expect(hidden.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const shown = await h.double.answer(h.double.command('search', { query: 'Kerry', hide: false }));
    expect(shown.flags & MessageFlags.Ephemeral).toBe(0);
    expect(quotesOf(hidden)).toEqual(quotesOf(shown));
  });
});

describe('autocomplete', () => {
  it('/who suggests known people matching what is typed, at most 25', async () => {
    const people = h.store.index.derived.people.map((p) => p.name);
    const i = h.double.autocomplete('who', { name: 'vlad' }, 'name');
    const choices = await h.double.choices(i);
    expect(i.acks[0]?.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.toLowerCase()).toContain('vlad');
      expect(people).toContain(c.value);
    }
    expect(choices.map((c) => c.value)).toContain('Vladimir Putin');
  });

  it('with nothing typed it offers people from the index, never more than 25', async () => {
    const choices = await h.double.choices(h.double.autocomplete('who', { name: '' }, 'name', { where: 'dm' }));
    expect(choices.length).toBe(Math.min(25, new Set(h.store.index.derived.people.map((p) => p.name)).size));
  });
});

describe('pagination', () => {
  let page1: StoredMessage;
  let firstQuotes: string[];
  const asker = () => h.double.world.member;

  it('a long answer comes with Previous (disabled) and Next', async () => {
    page1 = await h.double.answer(h.double.command('search', { query: 'Islamic State' }, { person: asker() }));
    firstQuotes = quotesOf(page1);
    expect(textOf(page1)).toMatch(/page 1 of \d+/);
    const [previous, next] = buttonsOf(page1);
    expect([previous?.label, previous?.disabled, next?.label, next?.disabled]).toEqual(['Previous', true, 'Next', false]);
  });

  it('Next and Previous turn the page for the asker, on the same message', async () => {
    const next = buttonsOf(page1).find((b) => b.label === 'Next')!;
    const press = h.double.press(page1, next.customId, { person: asker() });
    await h.double.until(() => press.acks.length > 0, 'the page turn');
    expect(press.acks[0]?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(page1)).toMatch(/page 2 of \d+/);
    expect(quotesOf(page1)).not.toEqual(firstQuotes);
    expectVerbatim(page1);
    const back = h.double.press(page1, buttonsOf(page1).find((b) => b.label === 'Previous')!.customId, { person: asker() });
    await h.double.until(() => back.acks.length > 0, 'the page turn back');
    expect(textOf(page1)).toMatch(/page 1 of \d+/);
    expect(quotesOf(page1)).toEqual(firstQuotes);
  });

  it('another user pressing them is refused, ephemerally, and the message stays as it was', async () => {
    const before = textOf(page1);
    const press = h.double.press(page1, buttonsOf(page1).find((b) => b.label === 'Next')!.customId, { person: h.double.world.other });
    const refusal = await h.double.answer(press);
    expect(press.acks[0]?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(refusal.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toMatch(/only the person who asked/i);
    expect(textOf(page1)).toBe(before);
  });
});

describe('every person of /who, page by page', () => {
  it('Next walks through all of them: "N people · page k of M", each person once, none left out', async () => {
    const people = h.store.index.derived.people;
    expect(people.length).toBeGreaterThan(5);
    const message = await h.double.answer(h.double.command('who', {}, { person: h.double.world.member }));
    const total = Number(/page 1 of (\d+)/.exec(textOf(message))?.[1]);
    expect(total).toBe(Math.ceil(people.length / 5));
    expect(textOf(message)).toContain(`${people.length} people · page 1 of ${total}`);
    const seen: string[] = [];
    const namesOn = () => [...textOf(message).matchAll(/\*\*\d+\.\*\* \*\*([^*]+)\*\*/g)].map((m) => m[1]!);
    seen.push(...namesOn());
    for (let page = 2; page <= total; page++) {
      const press = h.double.press(message, buttonsOf(message).find((b) => b.label === 'Next')!.customId, { person: h.double.world.member });
      await h.double.until(() => press.acks.length > 0, `page ${page}`);
      expect(textOf(message)).toContain(`page ${page} of ${total}`);
      seen.push(...namesOn());
    }
    expect(buttonsOf(message).find((b) => b.label === 'Next')?.disabled).toBe(true);
    expect(seen).toHaveLength(people.length);
    expect(new Set(seen).size).toBe(people.length);
    expectVerbatim(message);
  });
});

describe('/sources [query]', () => {
  it('finds articles by words of their title, each title once', async () => {
    const [article] = [...h.store.index.articles.values()].filter((a) => a.meta.title);
    const word = article!.meta.title!.split(' ').find((w) => w.length > 5)!;
    const message = await h.double.answer(h.double.command('sources', { query: word }, { person: h.double.world.member }));
    expect(textOf(message)).toContain(article!.meta.title!);
    expect(textOf(message).split(article!.meta.title!)).toHaveLength(2);
  });
});

describe('DMs', () => {
  it('a plain message in a DM is answered like /ask, with quotes', async () => {
    const question = 'How many people died on the Russian jet?';
    h.double.dm(h.double.world.other, question);
    const [reply] = await h.double.until(() => {
      const r = h.double.dmReplies(h.double.world.other);
      return r.length ? r : undefined;
    }, 'a DM reply');
    expect(quotesOf(reply!).length).toBeGreaterThan(0);
    expectVerbatim(reply!);
    expectRendersEngine(reply!, 'ask', question);
  });

  it("the bot ignores other bots' messages", async () => {
    const robot = { user: { ...h.double.world.other.user, id: '123456789012345670', username: 'robot', bot: true }, roles: [], permissions: 0n };
    h.double.dm(robot, 'Who is Putin?');
    h.double.dm(h.double.world.moderator, 'Who is Putin?');
    await h.double.until(() => h.double.dmReplies(h.double.world.moderator).length > 0, 'the human’s reply');
    expect(h.double.ledger.channelMessages.filter((m) => m.channel_id === h.double.world.dmChannelId(robot.user.id) && m.author.id === h.double.world.bot.id)).toEqual([]);
  });
});

describe('mentions', () => {
  it('a quote containing @everyone and user/role mentions is shown, and no mention is parsed', async () => {
    const i = h.double.command('search', { query: 'bridge' });
    const m = await h.double.answer(i);
    const shown = unescapeMarkdown(textOf(m));
    expect(shown).toContain('@everyone');
    expect(shown).toContain('<@123456789012345678>');
    for (const write of m.writes) expect(write.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('every message the bot wrote in this suite parsed no mention', () => {
    const writes = messageWrites(h.double);
    expect(writes.length).toBeGreaterThan(20);
    for (const w of writes) expect(w.allowed_mentions, JSON.stringify(w).slice(0, 200)).toMatchObject({ parse: [] });
  });
});

describe('after a restart', () => {
  it('old page buttons answer politely that they have expired', async () => {
    const m = await h.double.answer(h.double.command('search', { query: 'Islamic State' }));
    const next = buttonsOf(m).find((b) => b.label === 'Next')!;
    await h.bot.stop();
    h.bot = await startBot(h.config, { store: h.store, log: h.logs.log });
    const press = h.double.press(m, next.customId);
    const notice = await h.double.answer(press);
    expect(notice.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(notice.content).toMatch(/expired/i);
  });
});

describe('the contract with Discord', () => {
  it('sent nothing Discord would reject, used no unknown route, and answered every interaction once within 3 s', () => {
    expect(h.double.problems()).toEqual([]);
    for (const i of h.double.ledger.interactions.values()) expectOneAck(i);
  });
});
