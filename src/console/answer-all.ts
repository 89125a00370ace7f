import { lookupIn } from '../answers/format.ts';
import type { IndexStore } from '../index/store.ts';
import type { Logger } from '../log.ts';
import { renderPicture } from '../pictures/render.ts';
import { INTAKE_COMMANDS, type IntakeDeps, intakeLines, runIntakeCommand } from './intake.ts';
import { writePicture } from './pictures.ts';
import { renderJson, renderText } from './render.ts';
import { safeReply } from './safe-reply.ts';

/**
 * What `ask` does with its INPUTs: each answered in order, one JSON object per line with `json`.
 * Intake commands (`/add`, `/remove`, `/feeds`) change the index, so later INPUTs are answered from
 * the new one. With `imageDir`, each answer's picture is drawn after its text answer, written there,
 * and its path carried as `image`. Returns whether any INPUT failed (the exit code is then 1).
 */
export async function answerAll(
  store: IndexStore,
  deps: IntakeDeps,
  inputs: string[],
  opts: { json?: boolean; all?: boolean; 'image-dir'?: string | undefined },
  write: (text: string) => void,
  log: Logger,
): Promise<boolean> {
  let failed = false;
  const imageDir = opts['image-dir'];
  for (const [n, input] of inputs.entries()) {
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
    const lookup = lookupIn(index);
    const picture = imageDir && !('error' in r) ? await renderPicture(r, lookup) : null;
    const image = picture ? await writePicture(imageDir!, picture, String(n + 1)) : undefined;
    const shown = image ? { ...r, image, ...(picture?.note ? { imageNote: picture.note } : {}) } : r;
    const extra = image ? `image: ${image}${picture?.note ? `\n${picture.note}` : ''}\n` : '';
    write(`${opts.json ? renderJson(shown) : `${renderText(r, lookup)}\n${extra}`}\n`);
  }
  return failed;
}
