/**
 * One-shot answers for scripts and tests:
 *   npm run --silent ask -- [--corpus DIR] [--json] [--all] INPUT...
 * Each INPUT is a command line or a plain question. With --json, stdout carries exactly one JSON
 * object per INPUT, one per line, in order. A bad INPUT prints {"error": "..."} on its line; the
 * others are still answered, and the exit code is 1. --all lifts the item cap of /who, /search,
 * /casualties and /timeline (a plain question still gets its best few quotes).
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { lookupIn } from '../answers/format.ts';
import { ConfigError, configWithArgs } from '../config.ts';
import { createLogger } from '../log.ts';
import { openStore } from './open.ts';
import { renderJson, renderText } from './render.ts';
import { safeReply } from './safe-reply.ts';

const USAGE = 'usage: npm run --silent ask -- [--corpus DIR] [--snapshot-dir DIR] [--json] [--all] INPUT...';

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length === 0) {
    process.stderr.write(`nothing to answer\n${USAGE}\n`);
    return 2;
  }
  const config = configWithArgs(args.values);
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const store = await openStore(config, log);
  const index = store.index;
  const lookup = lookupIn(index);
  let failed = false;
  for (const input of args.positionals) {
    const r = safeReply(index, input, log, args.values.all ? { limit: Number.POSITIVE_INFINITY } : {});
    if ('error' in r) failed = true;
    process.stdout.write(`${args.values.json ? renderJson(r) : `${renderText(r, lookup)}\n`}\n`);
  }
  return failed ? 1 : 0;
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { corpus: { type: 'string' }, 'snapshot-dir': { type: 'string' }, json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `ask failed: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
