import { randomBytes } from 'node:crypto';
import { type APIEmbed, ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageMentionOptions } from 'discord.js';
import type { CommandName } from '../answers/types.ts';
import { DISCORD_LIMITS } from '../limits.ts';

/**
 * Previous / Next buttons for answers longer than one page. A button's customId carries the page
 * key, the target page and the asker's id (`pg:<key>:<page>:<asker>`, well under Discord's 100
 * characters); the key points to a small in-memory state — the command and query, re-answered on each
 * press (answering is cheap). State lives as long as an interaction token (15 minutes); after that,
 * or after a restart, the buttons answer that they have expired.
 */

/** Every message the bot sends parses no mention: a quote with `@everyone` or `<@id>` pings nobody. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

export interface PageState {
  command: CommandName;
  query: string;
  askerId: string;
  createdAt: number;
  /** The picture attached to the message (`timeline.png`), shown in every page's embed. */
  image?: string;
}

export interface PageButtonId {
  key: string;
  page: number;
  askerId: string;
}

const PREFIX = 'pg';

export function pageCustomId({ key, page, askerId }: PageButtonId): string {
  return `${PREFIX}:${key}:${page}:${askerId}`;
}

/** Reads a page button's customId; null for anything that is not one (or is malformed). */
export function parsePageCustomId(customId: string): PageButtonId | null {
  const m = /^pg:([\w-]{1,32}):(\d{1,4}):(\d{1,25})$/.exec(customId);
  if (!m) return null;
  return { key: m[1]!, page: Number(m[2]), askerId: m[3]! };
}

export const isPageButton = (customId: string): boolean => customId.startsWith(`${PREFIX}:`);

/** Page states by key, dropped after `ttlMs`, at most `max` kept (oldest dropped first). */
export class Pager {
  readonly #states = new Map<string, PageState>();
  readonly ttlMs: number;
  readonly max: number;

  constructor(ttlMs: number = DISCORD_LIMITS.tokenLifetimeMs, max = 5000) {
    this.ttlMs = ttlMs;
    this.max = max;
  }

  /** Keeps a state and returns its key. */
  put(state: PageState): string {
    this.#prune(state.createdAt);
    const key = randomBytes(6).toString('base64url');
    this.#states.set(key, state);
    while (this.#states.size > this.max) this.#states.delete(this.#states.keys().next().value!);
    return key;
  }

  /** The state behind a key, unless it is unknown or older than the TTL. */
  get(key: string, now: number = Date.now()): PageState | undefined {
    const state = this.#states.get(key);
    if (!state) return undefined;
    if (now - state.createdAt >= this.ttlMs) {
      this.#states.delete(key);
      return undefined;
    }
    return state;
  }

  get size(): number {
    return this.#states.size;
  }

  clear(): void {
    this.#states.clear();
  }

  /** States are kept in creation order: drop expired ones from the front. */
  #prune(now: number): void {
    for (const [key, state] of this.#states) {
      if (now - state.createdAt < this.ttlMs) break;
      this.#states.delete(key);
    }
  }
}

/** The Previous / Next row for page `page` of `total`. */
export function pageButtons(key: string, page: number, total: number, askerId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(pageCustomId({ key, page: Math.max(0, page - 1), askerId }))
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page <= 0),
    new ButtonBuilder()
      .setCustomId(pageCustomId({ key, page: Math.min(total - 1, page + 1), askerId }))
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page >= total - 1),
  );
}

export interface PagePayload {
  embeds: APIEmbed[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** The message for page `page` of `total`: its embed, and buttons when there is more than one page. */
export function pagePayload(embed: APIEmbed, page: number, total: number, nav?: { key: string; askerId: string }): PagePayload {
  const p = Math.min(Math.max(0, page), total - 1);
  return {
    embeds: [embed],
    components: nav && total > 1 ? [pageButtons(nav.key, p, total, nav.askerId)] : [],
    allowedMentions: NO_MENTIONS,
  };
}
