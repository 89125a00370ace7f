import { plural } from '../answers/format.ts';
import { type ChatInputCommandInteraction, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { BuildProgress } from '../index/build.ts';
import { RefreshBusy, RefreshError, type RefreshReport } from '../index/store.ts';
import { DISCORD_LIMITS } from '../limits.ts';
import type { BotContext } from './context.ts';
import { editReply } from './deliver.ts';
import { stripPaths } from './errors.ts';
import { NO_MENTIONS } from './pagination.ts';
import { cap, escapeText } from './render.ts';

/**
 * /refresh, for moderators: re-read the corpus, build aside, swap (the store does that), and report
 * what changed. Checked in code as well as by `default_member_permissions`: a server can change who
 * sees the command, and a DM has no server permissions at all.
 */

export type RefreshRefusal = 'dm' | 'permission';

/** Who may refresh: in a server, a member with Manage Server (or Administrator). */
export function refreshRefusal(inGuild: boolean, permissions: Readonly<PermissionsBitField> | null | undefined): RefreshRefusal | null {
  if (!inGuild) return 'dm';
  if (!permissions?.has(PermissionFlagsBits.ManageGuild)) return 'permission';
  return null;
}

const REFUSALS: Record<RefreshRefusal | 'busy', string> = {
  dm: '/refresh works only in a server, for its moderators.',
  permission: 'Only moderators (members with the Manage Server permission) can refresh the index.',
  busy: 'A refresh is already running. Please wait for it to finish, then try again if needed.',
};

const PHASES: Record<BuildProgress['phase'], string> = { analyse: 'reading articles', index: 'indexing sentences', derive: 'collecting people, tolls and dates' };

function progressText(p: BuildProgress): string {
  const pct = p.total ? ` ${Math.min(100, Math.round((p.done / p.total) * 100))}% (${p.done}/${p.total})` : '';
  return `Refreshing… ${PHASES[p.phase]}${p.phase === 'analyse' ? pct : ''}`;
}


/** Up to `max` file names, escaped, then "and N more". */
function fileList(files: string[], max = 5): string {
  if (!files.length) return '';
  const shown = files.slice(0, max).map((f) => escapeText(f));
  return ` (${shown.join(', ')}${files.length > max ? `, and ${files.length - max} more` : ''})`;
}

/** What a refresh changed, as message content (within Discord's 2000 characters). */
export function refreshSummary(r: RefreshReport): string {
  const lines = [
    `Index refreshed in ${(r.ms / 1000).toFixed(1)} s.`,
    `Articles: ${r.added.length} added${fileList(r.added)}, ${r.removed.length} removed${fileList(r.removed)}, ${r.changed.length} changed${fileList(r.changed)}.`,
    `Now serving ${plural(r.articles, 'article')}, ${plural(r.sentences, 'sentence')}, ${plural(r.people, 'person', 'people')}, ${plural(r.tolls, 'toll')}.`,
  ];
  if (r.notSaved) lines.push(`Not saved to disk (${escapeText(stripPaths(r.notSaved))}): the new index serves from memory; the next refresh saves it again.`);
  if (r.warnings.length) {
    lines.push(`${plural(r.warnings.length, 'warning')}:`);
    for (const w of r.warnings.slice(0, 5)) lines.push(`- ${escapeText(w.file)}: ${escapeText(stripPaths(w.problem))}`);
    if (r.warnings.length > 5) lines.push(`- and ${r.warnings.length - 5} more (see the log)`);
  }
  return cap(lines.join('\n'), DISCORD_LIMITS.content);
}

export function refreshFailure(err: RefreshError): string {
  return cap(`Refresh failed: ${escapeText(stripPaths(err.message))}. The previous index keeps serving, unchanged.`, DISCORD_LIMITS.content);
}

/**
 * Calls `edit` with the latest progress text at most once every `everyMs`, in order; `flush` waits
 * for the edits under way, so the final answer is never overwritten by a late progress edit.
 */
export function throttledProgress(edit: (text: string) => Promise<unknown>, everyMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    update(p: BuildProgress): void {
      const t = now();
      if (closed || t - last < everyMs) return;
      last = t;
      const text = progressText(p);
      chain = chain.then(() => edit(text)).catch(() => undefined);
    },
    async flush(): Promise<void> {
      closed = true;
      await chain;
    },
  };
}

/** The /refresh handler. The router has already deferred the reply (ephemeral). */
export async function runRefresh(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const edit = (content: string) => editReply(interaction, { content, allowedMentions: NO_MENTIONS }, ctx.log);
  const refusal = refreshRefusal(interaction.inGuild(), interaction.memberPermissions);
  if (refusal) {
    ctx.log.info({ user: interaction.user.id, guild: interaction.guildId, refusal }, 'refresh refused');
    await edit(REFUSALS[refusal]);
    return;
  }
  if (ctx.store.refreshing) {
    await edit(REFUSALS.busy);
    return;
  }
  const progress = throttledProgress(edit, ctx.progressEveryMs);
  ctx.log.info({ user: interaction.user.id, guild: interaction.guildId }, 'refresh started');
  await edit('Refreshing… reading the corpus folder');
  try {
    const report = await ctx.store.refresh((p) => progress.update(p));
    await progress.flush();
    ctx.log.info(
      { added: report.added.length, removed: report.removed.length, changed: report.changed.length, articles: report.articles, sentences: report.sentences, ms: Math.round(report.ms) },
      'refresh done',
    );
    await edit(refreshSummary(report));
  } catch (err) {
    await progress.flush();
    if (err instanceof RefreshBusy) {
      await edit(REFUSALS.busy);
      return;
    }
    if (err instanceof RefreshError) {
      ctx.log.warn({ reason: err.message }, 'refresh failed; the previous index keeps serving');
      await edit(refreshFailure(err));
      return;
    }
    throw err;
  }
}
