/**
 * One-shot answers for scripts and tests:
 *   npm run --silent ask -- [--corpus DIR] [--json] [--all] INPUT...
 * Each INPUT is a command line or a plain question. With --json, stdout carries exactly one JSON
 * object per INPUT, one per line, in order. A bad INPUT prints {"error": "..."} on its line; the
 * others are still answered, and the exit code is 1. --all lifts the item cap of /who, /search,
 * /casualties, /timeline and /sources (a plain question still gets its best few quotes). --image-dir
 * DIR writes each answer's picture there, its path carried as "image" on the answer's JSON line.
 */
import 'dotenv/config';
import { lookupIn } from '../answers/format.ts';
import { parseCommandLine, runEntry, UsageError } from '../cli.ts';
import { configWithArgs } from '../config.ts';
import { consoleLogger } from '../log.ts';
import { renderPicture } from '../pictures/render.ts';
import { openStore } from './open.ts';
import { writePicture } from './pictures.ts';
import { renderJson, renderText } from './render.ts';
import { safeReply } from './safe-reply.ts';

export const ASK_USAGE = `usage: npm run --silent ask -- [--corpus DIR] [--snapshot-dir DIR] [--json] [--all] [--image-dir DIR] INPUT...

Answers each INPUT (a command such as "/search Raqqa" or a plain question) and exits.

  --corpus DIR        the folder of .txt articles (default: CORPUS_DIR, else seeds)
  --snapshot-dir DIR  where the index snapshot is kept (default: SNAPSHOT_DIR, else .cache/index)
  --json              one JSON object per INPUT, one per line, in order
  --all               every item, not the first 50 (/who, /search, /casualties, /timeline, /sources)
  --image-dir DIR     write each answer's picture (/timeline, /casualties) as a PNG in DIR; its
                      path is printed, and with --json carried as "image" on the answer's line
  -h, --help          this help`;

async function main(): Promise<number> {
  const args = parseCommandLine(
    {
      corpus: { type: 'string' },
      'snapshot-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'image-dir': { type: 'string' },
    },
    process.argv.slice(2),
    true,
  );
  if (args.values.help) {
    process.stdout.write(`${ASK_USAGE}\n`);
    return 0;
  }
  if (args.positionals.length === 0) throw new UsageError('nothing to answer: give a command or a question, e.g. "/search Raqqa"');
  const config = configWithArgs(args.values);
  const log = consoleLogger(config.LOG_LEVEL);
  const store = await openStore(config, log);
  const index = store.index;
  const lookup = lookupIn(index);
  let failed = false;
  const imageDir = args.values['image-dir'];
  for (const [n, input] of args.positionals.entries()) {
    const r = safeReply(index, input, log, args.values.all ? { limit: Number.POSITIVE_INFINITY } : {});
    if ('error' in r) failed = true;
    // The text answer first; its picture is drawn after it.
    const picture = imageDir && !('error' in r) ? await renderPicture(r, lookup) : null;
    const image = picture ? await writePicture(imageDir!, picture, String(n + 1)) : undefined;
    const shown = image ? { ...r, image, ...(picture?.note ? { imageNote: picture.note } : {}) } : r;
    const extra = image ? `image: ${image}${picture?.note ? `\n${picture.note}` : ''}\n` : '';
    process.stdout.write(`${args.values.json ? renderJson(shown) : `${renderText(r, lookup)}\n${extra}`}\n`);
  }
  return failed ? 1 : 0;
}

runEntry('npm run ask', main);
