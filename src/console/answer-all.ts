import { lookupIn } from '../answers/format.ts';
import type { IndexStore } from '../index/store.ts';
import type { Logger } from '../log.ts';
import { INTAKE_COMMANDS, type IntakeDeps, intakeLines, runIntakeCommand } from './intake.ts';
import { renderJson, renderText } from './render.ts';
import { safeReply } from './safe-reply.ts';

/**
 * What `ask` does with its INPUTs: each answered in order, one JSON object per line with `json`.
 * Intake commands (`/add`, `/remove`, `/feeds`) change the index, so later INPUTs are answered from
 * the new one. Returns whether any INPUT failed (the exit code is then 1).
 */
export async function answerAll(store: IndexStore, deps: IntakeDeps, inputs: string[], opts: { json?: boolean; all?: boolean }, write: (text: string) => void, log: Logger): Promise<boolean> {
  let failed = false;
  for (const input of inputs) {
    const command = /^\/(\S+)/.exec(input.trim())?.[1]?.toLowerCase() ?? '';
    if ((INTAKE_COMMANDS as readonly string[]).includes(command)) {
      const o = await runIntakeCommand(input, deps, log);
      if ('error' in o) failed = true;
      write(`${opts.json ? JSON.stringify(o) : intakeLines(o).join('\n')}\n`);
      continue;
    }
    const index = store.index;
    const r = safeReply(index, input, log, opts.all ? { limit: Number.POSITIVE_INFINITY } : {});
    if ('error' in r) failed = true;
    write(`${opts.json ? renderJson(r) : `${renderText(r, lookupIn(index))}\n`}\n`);
  }
  return failed;
}
