import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError } from './config.ts';
import { type Logger, log as defaultLog, scrubSecrets } from './log.ts';

/**
 * What every entry point (`npm start`, `ask`, `deploy-commands`) shares: reading the command line and
 * ending. An operator's mistake (a bad option, a missing folder, a bad variable) ends in one line
 * saying what to do and a non-zero exit, never a stack trace; the stack of anything unexpected goes
 * to the debug log (LOG_LEVEL=debug).
 */

/** A bad command line: the message, then how to get help; exit code 2. */
export class UsageError extends Error {}
/** An operator's mistake that is not the command line's (a missing corpus folder): one line; exit code 1. */
export class OperatorError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Node's parseArgs, with its errors said briefly ("--corpus needs a value"). `--help`/`-h` is always known. */
export function parseCommandLine<O extends Options>(options: O, args: string[], allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(usageProblem(err as Error & { code?: string }));
  }
}

function usageProblem(err: Error & { code?: string }): string {
  const m = err.message;
  const option = /'(-{1,2}[\w-]+)/.exec(m)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option ? (/argument missing|ambiguous/.test(m) ? `${option} needs a value` : `${option} takes no value`) : m.split('.')[0]!;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(m)?.[1] ?? ''}`.trim();
    default:
      return m.split('\n')[0]!;
  }
}

/** How a run ended that was not a success: the one line to print and the exit code. */
export function describeFailure(name: string, err: unknown, help = `${name} -- --help`): { line: string; code: number } {
  if (err instanceof UsageError) return { line: `${name}: ${err.message}. Run \`${help}\` for the options.`, code: 2 };
  if (err instanceof ConfigError || err instanceof OperatorError) return { line: err.message, code: err instanceof ConfigError ? 2 : 1 };
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return { line: `${name} failed: ${message} (LOG_LEVEL=debug shows the details)`, code: 1 };
}

/**
 * Runs an entry point's `main` and ends the process: its exit code, or one line on stderr for a
 * failure (secrets scrubbed), with the stack in the debug log.
 */
export function runEntry(name: string, main: () => Promise<number | undefined>, log: Logger = defaultLog): void {
  // \`npm start\`, \`npm run ask\`: the help is asked for after npm's own \`--\`.
  main().then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err) => {
      const { line, code } = describeFailure(name, err);
      if (!(err instanceof UsageError || err instanceof ConfigError || err instanceof OperatorError)) log.debug({ err }, `${name} failed`);
      process.stderr.write(`${scrubSecrets(line)}\n`);
      // Nothing more to do: a worker or a socket left open by the failure must not keep the process up.
      process.exit(code);
    },
  );
}
