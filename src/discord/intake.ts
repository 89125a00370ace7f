import { plural } from '../answers/format.ts';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Client } from 'discord.js';
import { answer } from '../answers/engine.ts';
import type { FeedEntry, PollResult } from '../intake/feeds.ts';
import { IntakeError } from '../intake/guard.ts';
import type { Added, IntakeResult, Requester } from '../intake/intake.ts';
import { DISCORD_LIMITS } from '../limits.ts';
import { answerPayload } from './answer.ts';
import { type Choice, fold } from './autocomplete.ts';
import type { BotContext } from './context.ts';
import { editReply, respond, send } from './deliver.ts';
import { stripPaths } from './errors.ts';
import { NO_MENTIONS } from './pagination.ts';
import { waitText } from './ratelimit.ts';
import { cap, escapeText } from './render.ts';
import { refreshRefusal } from './refresh.ts';

/**
 * /articles and /feeds, for moderators (Manage Server, servers only, checked again in code as for
 * /refresh). The router has deferred the reply (ephemeral). Each intake counts against the server's
 * INTAKE_PER_HOUR; every reply is one edit of the deferred reply, and nobody is ever pinged.
 */

const REFUSED = {
  dm: 'Adding articles works only in a server, for its moderators.',
  permission: 'Only moderators (members with the Manage Server permission) can add or remove articles and feeds.',
  off: 'Article intake is not available on this bot.',
};

const quoted = (s: string | null | undefined, max = 200) => `“${escapeText(cap((s ?? '').replace(/\s+/g, ' '), max))}”`;

/** The reply to an add: title, outlet, date, sentence count, first sentence, what it brought. */
export function addedText(r: Added): string {
  const where = [r.outlet, r.published?.slice(0, 10)].filter(Boolean).map((s) => escapeText(s!)).join(', ');
  const people = r.people.length ? `${plural(r.people.length, 'person', 'people')} (${r.people.slice(0, 10).map(escapeText).join(', ')}${r.people.length > 10 ? ', …' : ''})` : 'no people';
  const lines = [
    `Added ${quoted(r.title ?? r.file)}${where ? ` — ${where}` : ''}`,
    `File: ${escapeText(r.file)} · ${plural(r.sentences, 'sentence')}`,
    `> ${escapeText(cap(r.firstSentence ?? '', 600))}`,
    `Now indexed from it: ${people}, ${plural(r.tolls, 'toll')}, ${plural(r.dated, 'dated sentence')}.`,
  ];
  return cap(lines.join('\n'), DISCORD_LIMITS.content);
}

function resultText(r: IntakeResult): string {
  if (r.status === 'added') return addedText(r);
  return cap(`Already indexed: ${quoted(r.title ?? r.file)} (${escapeText(r.file)}). Nothing was added.`, DISCORD_LIMITS.content);
}

/** The channel announcement of a poll: "3 new articles indexed: …". */
export function announcementText(feed: FeedEntry, added: Added[]): string {
  const titles = added.slice(0, 10).map((a) => quoted(a.title ?? a.file, 150));
  const more = added.length > 10 ? `, and ${added.length - 10} more` : '';
  return cap(`${plural(added.length, 'new article')} indexed from ${escapeText(feed.title ?? feed.url)}: ${titles.join(', ')}${more}.`, DISCORD_LIMITS.content);
}

/** Posts feed announcements in their channel; no pings. */
export function announcer(client: Client, ctx: Pick<BotContext, 'log'>) {
  return async (feed: FeedEntry, added: Added[]): Promise<void> => {
    if (!feed.channel) return;
    const channel = await client.channels.fetch(feed.channel);
    if (!channel?.isSendable()) return;
    await send(channel, { content: announcementText(feed, added), allowedMentions: NO_MENTIONS }, ctx.log);
  };
}

const failure = (err: unknown) => cap(`Not added: ${escapeText(stripPaths((err as Error).message))}`, DISCORD_LIMITS.content);

/** Moderator checks, shared: a refusal text, or null to go on. */
function refusal(interaction: ChatInputCommandInteraction, ctx: BotContext): string | null {
  const r = refreshRefusal(interaction.inGuild(), interaction.memberPermissions);
  if (r) {
    ctx.log.info({ user: interaction.user.id, guild: interaction.guildId, command: interaction.commandName, refusal: r }, 'intake refused');
    return REFUSED[r];
  }
  return ctx.intake ? null : REFUSED.off;
}

/** The server's intake allowance: null when there is room, else the wait. */
function overLimit(interaction: ChatInputCommandInteraction, ctx: BotContext): string | null {
  const verdict = ctx.intakeLimiter?.take(interaction.guildId ?? interaction.user.id);
  if (!verdict || verdict.allowed) return null;
  return `This server has added many articles in the last hour: please wait ${waitText(verdict.retryAfterMs)} and try again.`;
}

const requester = (i: ChatInputCommandInteraction): Requester => ({ moderator: i.user.id, guild: i.guildId, via: 'discord' });

/** The moderator's reply, edited in place: within Discord's content limit, pinging nobody. */
const replier = (interaction: ChatInputCommandInteraction, ctx: BotContext) => (content: string) =>
  editReply(interaction, { content: cap(content, DISCORD_LIMITS.content), allowedMentions: NO_MENTIONS }, ctx.log);

export async function runArticles(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const edit = replier(interaction, ctx);
  const refused = refusal(interaction, ctx);
  if (refused) return edit(refused);
  const intake = ctx.intake!.intake;
  const sub = interaction.options.getSubcommand();
  try {
    if (sub === 'add') {
      const url = interaction.options.getString('url');
      const file = interaction.options.getAttachment('file');
      if (!url === !file) return edit('Give either a link (url) or a file (file), not both.');
      const limited = overLimit(interaction, ctx);
      if (limited) return edit(limited);
      await edit(url ? `Fetching ${escapeText(cap(url, 300))}…` : `Reading ${escapeText(file!.name)}…`);
      const r = url ? await intake.addUrl(url, requester(interaction)) : await intake.addAttachment(file!.url, file!.name, file!.size, requester(interaction));
      return edit(resultText(r));
    }
    if (sub === 'list') {
      const query = cap(interaction.options.getString('query') ?? '', 200);
      const index = ctx.store.index;
      const payload = answerPayload(answer(index, 'sources', query, { limit: Number.POSITIVE_INFINITY }), index, ctx, interaction.user.id);
      await editReply(interaction, { ...payload, allowedMentions: NO_MENTIONS }, ctx.log);
      return;
    }
    const wanted = interaction.options.getString('article', true);
    const file = articleFile(ctx, wanted);
    if (!file) return edit(`No indexed article is called ${quoted(wanted)}. Pick one from the list as you type.`);
    const r = await intake.remove(file, requester(interaction));
    return edit(cap(`Removed ${quoted(r.title ?? r.file)} (${escapeText(r.file)}) from the corpus and the index.`, DISCORD_LIMITS.content));
  } catch (err) {
    if (err instanceof IntakeError) return edit(failure(err));
    throw err;
  }
}

/** An article by file name (what autocomplete sends) or by exact title. */
function articleFile(ctx: BotContext, wanted: string): string | undefined {
  const articles = ctx.store.index.articles;
  if (articles.has(wanted)) return wanted;
  const f = fold(wanted);
  for (const a of articles.values()) if (a.meta.title && fold(a.meta.title) === f) return a.meta.file;
  return undefined;
}

/** Title autocomplete for `list query` and `remove article`: title shown, file name sent. */
export async function autocompleteArticles(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = fold(String(interaction.options.getFocused() ?? '').slice(0, 200));
  const out: Choice[] = [];
  const later: Choice[] = [];
  const forList = interaction.options.getSubcommand(false) === 'list';
  for (const a of ctx.store.index.articles.values()) {
    const title = (a.meta.title ?? a.meta.file).replace(/\s+/g, ' ').trim();
    const t = fold(title);
    const value = forList ? cap(title, DISCORD_LIMITS.choiceValue) : a.meta.file;
    if (value.length > DISCORD_LIMITS.choiceValue) continue;
    const choice = { name: cap(title, DISCORD_LIMITS.choiceName), value };
    if (!typed || t.startsWith(typed)) out.push(choice);
    else if (t.includes(typed) || fold(a.meta.file).includes(typed)) later.push(choice);
    if (out.length >= DISCORD_LIMITS.autocompleteChoices) break;
  }
  await respond(interaction, [...out, ...later].slice(0, DISCORD_LIMITS.autocompleteChoices), ctx.log);
}

function pollText(p: PollResult): string {
  if (p.status === 'failed') return `The first poll failed: ${escapeText(stripPaths(p.error ?? ''))}. It will be tried again later.`;
  return `First poll: ${plural(p.added.length, 'new article')} indexed${p.duplicates ? `, ${p.duplicates} already indexed` : ''}${p.failed.length ? `, ${p.failed.length} could not be added` : ''}.`;
}

export async function runFeeds(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const edit = replier(interaction, ctx);
  const refused = refusal(interaction, ctx);
  if (refused) return edit(refused);
  const feeds = ctx.intake!.feeds;
  const sub = interaction.options.getSubcommand();
  try {
    if (sub === 'add') {
      const url = interaction.options.getString('url', true);
      const channel = interaction.options.getChannel('channel')?.id;
      const limited = overLimit(interaction, ctx);
      if (limited) return edit(limited);
      await edit(`Checking ${escapeText(cap(url, 300))}…`);
      const { feed, poll } = await feeds.add(url, requester(interaction), channel);
      return edit(`Following ${quoted(feed.title ?? feed.url)}, polled every ${feeds.options.pollMinutes} minutes${channel ? `; new articles are announced in <#${channel}>` : ''}.\n${pollText(poll)}`);
    }
    const mine = (await feeds.list()).filter((f) => !f.guild || f.guild === interaction.guildId);
    if (sub === 'list') {
      if (!mine.length) return edit('No feeds are followed. Add one with /feeds add.');
      const lines = mine.map((f) => `- ${escapeText(cap(f.title ?? f.url, 120))} — ${escapeText(cap(f.url, 300))}${f.channel ? ` → <#${f.channel}>` : ''} (last polled ${f.lastPolled?.slice(0, 16).replace('T', ' ') ?? 'never'}${f.failures ? `; failing: ${escapeText(cap(f.lastError ?? '', 150))}` : ''})`);
      return edit(`${plural(mine.length, 'feed')}:\n${lines.join('\n')}`);
    }
    const url = interaction.options.getString('feed', true);
    if (!mine.some((f) => f.url === url)) return edit(`This server follows no feed ${escapeText(cap(url, 300))} (see /feeds list).`);
    await feeds.remove(url, requester(interaction));
    return edit(`No longer following ${escapeText(cap(url, 300))}. Its articles stay indexed.`);
  } catch (err) {
    if (err instanceof IntakeError) return edit(`Not done: ${escapeText(stripPaths(err.message))}`);
    throw err;
  }
}

/** Feed autocomplete for `/feeds remove`: this server's feeds. */
export async function autocompleteFeeds(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = fold(String(interaction.options.getFocused() ?? ''));
  const list = ctx.intake ? await ctx.intake.feeds.list().catch(() => []) : [];
  const choices = list
    .filter((f) => (!f.guild || f.guild === interaction.guildId) && f.url.length <= DISCORD_LIMITS.choiceValue)
    .filter((f) => !typed || fold(`${f.title ?? ''} ${f.url}`).includes(typed))
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((f) => ({ name: cap(f.title ? `${f.title} — ${f.url}` : f.url, DISCORD_LIMITS.choiceName), value: f.url }));
  await respond(interaction, choices, ctx.log);
}
