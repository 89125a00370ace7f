import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { snowflake } from './ids.ts';

/**
 * The Discord the double pretends to be: one application with its bot user, one server ("guild")
 * with a text channel, a moderator role, and three people. Payloads are built here in the shape the
 * gateway and the REST API send them (snake_case, ids as strings, permissions as decimal strings).
 */

export interface ApiUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export interface Person {
  user: ApiUser;
  /** Role ids in the guild (the @everyone role is implicit). */
  roles: string[];
  /** Total permissions in the guild's channel, as Discord computes them for `member.permissions`. */
  permissions: bigint;
}

/** What every member may do in the test channel. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.AddReactions;
/** A moderator also manages the server (what `/refresh` requires). */
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages;

function user(username: string, bot = false): ApiUser {
  return { id: snowflake(), username, global_name: bot ? null : username[0]!.toUpperCase() + username.slice(1), discriminator: '0', avatar: null, ...(bot ? { bot: true } : {}) };
}

export class World {
  readonly applicationId = snowflake();
  readonly bot: ApiUser = { ...user('quotebot', true), id: this.applicationId };
  readonly guildId = snowflake();
  readonly guildName = 'Newsroom';
  readonly channelId = snowflake();
  readonly moderatorRoleId = snowflake();
  readonly moderator: Person = { user: user('maya'), roles: [this.moderatorRoleId], permissions: MODERATOR_PERMISSIONS };
  readonly member: Person = { user: user('max'), roles: [], permissions: MEMBER_PERMISSIONS };
  readonly other: Person = { user: user('olga'), roles: [], permissions: MEMBER_PERMISSIONS };
  /** DM channel id per user id, created on first use (as POST /users/@me/channels does). */
  readonly #dms = new Map<string, string>();

  get people(): Person[] {
    return [this.moderator, this.member, this.other];
  }

  person(userId: string): Person | undefined {
    return this.people.find((p) => p.user.id === userId);
  }

  dmChannelId(userId: string): string {
    let id = this.#dms.get(userId);
    if (!id) {
      id = snowflake();
      this.#dms.set(userId, id);
    }
    return id;
  }

  /** The user whose DM channel this is, if it is one. */
  dmRecipient(channelId: string): ApiUser | undefined {
    for (const [userId, id] of this.#dms) if (id === channelId) return this.person(userId)?.user ?? (userId === this.bot.id ? this.bot : undefined);
    return undefined;
  }

  application(): Record<string, unknown> {
    return {
      id: this.applicationId,
      name: 'quotebot',
      icon: null,
      description: 'Answers with quotes',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      bot: this.bot,
      integration_types_config: { '0': {}, '1': {} },
    };
  }

  textChannel(): Record<string, unknown> {
    return { id: this.channelId, type: ChannelType.GuildText, guild_id: this.guildId, name: 'general', position: 0, parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, permission_overwrites: [], flags: 0 };
  }

  dmChannel(recipient: ApiUser): Record<string, unknown> {
    return { id: this.dmChannelId(recipient.id), type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [recipient] };
  }

  guildMember(p: Person): Record<string, unknown> {
    return { user: p.user, roles: p.roles, nick: null, avatar: null, joined_at: '2024-01-01T00:00:00.000Z', premium_since: null, deaf: false, mute: false, flags: 0, pending: false };
  }

  /** The member object inside a guild interaction: the member plus their permissions in the channel. */
  interactionMember(p: Person): Record<string, unknown> {
    return { ...this.guildMember(p), permissions: p.permissions.toString() };
  }

  roles(): Record<string, unknown>[] {
    const role = (id: string, name: string, permissions: bigint, position: number) => ({ id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position, permissions: permissions.toString(), managed: false, mentionable: false, flags: 0 });
    return [role(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0), role(this.moderatorRoleId, 'Moderators', MODERATOR_PERMISSIONS, 1)];
  }

  ready(sessionId: string, resumeUrl: string): Record<string, unknown> {
    return {
      v: 10,
      user: { ...this.bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: sessionId,
      resume_gateway_url: resumeUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      user_settings: {},
    };
  }

  guildCreate(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: this.guildName,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.moderator.user.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.roles(),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: '2024-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: 4,
      voice_states: [],
      members: [this.guildMember({ user: this.bot, roles: [], permissions: MEMBER_PERMISSIONS }), ...this.people.map((p) => this.guildMember(p))],
      channels: [this.textChannel()],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
