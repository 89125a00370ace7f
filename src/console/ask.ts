/**
 * One-shot answers for scripts and tests:
 *   npm run --silent ask -- [--corpus DIR] [--json] [--all] INPUT...
 * Each INPUT is a command line or a plain question. With --json, stdout carries exactly one JSON
 * object per INPUT, one per line, in order. A bad INPUT prints {"error": "..."} on its line; the
 * others are still answered, and the exit code is 1. --all lifts the item cap of /who, /search,
 * /casualties, /timeline and /sources (a plain question still gets its best few quotes). --image-dir
 * DIR writes each answer's picture there, its path carried as "image" on the answer's JSON line.
 * Intake commands work too (`/add <url or path>`, `/remove <file>`, `/feeds add|poll|list|remove`),
 * each printing one object with --json.
 */
import 'dotenv/config';
import { parseCommandLine, runEntry, UsageError } from '../cli.ts';
import { configWithArgs } from '../config.ts';
import { consoleLogger } from '../log.ts';
import { answerAll } from './answer-all.ts';
import { intakeDeps } from './intake.ts';
import { openStore } from './open.ts';

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
  const failed = await answerAll(store, intakeDeps(store, config, log), args.positionals, args.values, (line) => process.stdout.write(line), log);
  return failed ? 1 : 0;
}

runEntry('npm run ask', main);
