import { plural } from '../answers/format.ts';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IntakeDeps } from '../intake/deps.ts';
import type { FeedEntry, PollResult } from '../intake/feeds.ts';
import { IntakeError } from '../intake/guard.ts';
import type { Added, IntakeResult, Removed } from '../intake/intake.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log.ts';

/**
 * The intake commands of the console and of `ask`: `/add <url or path>`, `/remove <file>`,
 * `/feeds add <url>` (polls it at once), `/feeds poll`, `/feeds list`, `/feeds remove <url>`. Each
 * gives one object (`--json` prints it on one line, as the other commands' answers) and its lines
 * for a person. The console's operator runs the process: a path given to `/add` is read with the
 * operator's own rights (a Discord user can never name a path).
 */

export const INTAKE_COMMANDS = ['add', 'remove', 'feeds'] as const;

export { type IntakeDeps, intakeDeps } from '../intake/deps.ts';

export type IntakeOutput = { command: string; query: string } & (
  | { result: IntakeResult | Removed }
  | { feed: FeedEntry; poll: PollResult }
  | { removed: FeedEntry }
  | { polls: PollResult[] }
  | { feeds: FeedEntry[] }
  | { error: string }
);

const WHO = { moderator: 'console', via: 'console' as const };

/** Runs one intake command line (`/add …`); never throws for the operator's mistakes. */
export async function runIntakeCommand(line: string, deps: IntakeDeps, log: Logger): Promise<IntakeOutput> {
  const m = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
  const command = m?.[1]?.toLowerCase() ?? '';
  const rest = (m?.[2] ?? '').trim();
  const out = <T extends object>(o: T) => ({ command, query: rest, ...o });
  try {
    if (command === 'add') {
      if (!rest) throw new IntakeError('Give a link or a file path: /add https://… or /add notes/story.txt');
      if (/^https?:\/\//i.test(rest)) return out({ result: await deps.intake.addUrl(rest, WHO) });
      const full = path.resolve(rest);
      const st = await stat(full).catch(() => undefined);
      if (!st?.isFile()) throw new IntakeError(`No such file: ${rest}`);
      if (st.size > LIMITS.maxUploadBytes) throw new IntakeError(`Too large: ${rest} is over ${LIMITS.maxUploadBytes / 1024 / 1024} MB; nothing was added.`);
      return out({ result: await deps.intake.addFile(path.basename(full), await readFile(full), WHO) });
    }
    if (command === 'remove') {
      if (!rest) throw new IntakeError('Give the article file: /remove 2015-07-24-obama-admits.txt');
      return out({ result: await deps.intake.remove(rest, WHO) });
    }
    if (command === 'feeds') {
      const [sub = 'list', ...args] = rest.split(/\s+/).filter(Boolean);
      const arg = args.join(' ');
      if (sub === 'list') return out({ feeds: await deps.feeds.list() });
      if (sub === 'poll') return out({ polls: await deps.feeds.poll(true) });
      if (sub === 'add' && arg) return out(await deps.feeds.add(arg, WHO));
      if (sub === 'remove' && arg) return out({ removed: await deps.feeds.remove(arg, WHO) });
      throw new IntakeError('Usage: /feeds list | /feeds poll | /feeds add <url> | /feeds remove <url>');
    }
    throw new IntakeError(`Unknown intake command /${command}`);
  } catch (err) {
    if (!(err instanceof IntakeError)) log.error({ err }, `intake command failed: /${command}`);
    return out({ error: err instanceof IntakeError ? err.message : `Something went wrong (${(err as Error).message}).` });
  }
}


/** What an added article brought, in a few lines (the console; Discord renders the same facts). */
export function addedLines(r: Added): string[] {
  return [
    `Added ${r.file}: “${r.title ?? r.file}”${[r.outlet, r.published?.slice(0, 10)].filter(Boolean).length ? ` (${[r.outlet, r.published?.slice(0, 10)].filter(Boolean).join(', ')})` : ''}.`,
    `  ${plural(r.sentences, 'sentence')}; first: “${r.firstSentence ?? ''}”`,
    `  Found: ${r.people.length ? `${plural(r.people.length, 'person', 'people')} (${r.people.slice(0, 8).join(', ')}${r.people.length > 8 ? ', …' : ''})` : 'no people'}, ${plural(r.tolls, 'toll')}, ${plural(r.dated, 'dated sentence')}.`,
  ];
}

function pollLines(p: PollResult): string[] {
  if (p.status === 'failed') return [`! ${p.feed}: ${p.error}`];
  if (p.status === 'unchanged' && !p.added.length) return [`${p.feed}: unchanged`];
  return [
    `${p.feed}: ${plural(p.added.length, 'new article')} indexed${p.duplicates ? `, ${p.duplicates} already indexed` : ''}${p.failed.length ? `, ${p.failed.length} failed` : ''}`,
    ...p.added.map((a) => `  + ${a.file}: ${a.title ?? ''}`),
    ...p.failed.map((f) => `  ! ${f.link}: ${f.reason}`),
  ];
}

export function intakeLines(o: IntakeOutput): string[] {
  if ('error' in o) return [`! ${o.error}`];
  if ('result' in o) {
    const r = o.result;
    if (r.status === 'added') return addedLines(r);
    if (r.status === 'duplicate') return [`Already indexed: ${r.file}${r.title ? ` (“${r.title}”)` : ''}.`];
    return [`Removed ${r.file}${r.title ? ` (“${r.title}”)` : ''}.`];
  }
  if ('poll' in o) return [`Following ${o.feed.url}${o.feed.title ? ` (“${o.feed.title}”)` : ''}.`, ...pollLines(o.poll)];
  if ('removed' in o) return [`No longer following ${o.removed.url}.`];
  if ('polls' in o) return o.polls.length ? o.polls.flatMap(pollLines) : ['No feeds are followed: /feeds add <url>.'];
  if (!o.feeds.length) return ['No feeds are followed: /feeds add <url>.'];
  return o.feeds.map((f) => `${f.url}${f.title ? ` — ${f.title}` : ''} (last polled ${f.lastPolled ?? 'never'}${f.failures ? `; ${plural(f.failures, 'failure')}: ${f.lastError}` : ''})`);
}
