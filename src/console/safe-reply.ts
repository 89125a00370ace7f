import { randomBytes } from 'node:crypto';
import { reply } from '../answers/engine.ts';
import type { AnswerOptions, Reply } from '../answers/types.ts';
import type { CorpusIndex } from '../index/types.ts';
import type { Logger } from '../log.ts';

/**
 * `reply` for a front end that must keep going: an answer that throws (a bug, never bad input) is
 * logged with a short id, and the user gets that id in a plain message, never a stack or a path.
 */
export function safeReply(index: CorpusIndex, input: string, log: Logger, opts: AnswerOptions = {}): Reply {
  try {
    return reply(index, input, opts);
  } catch (err) {
    const id = randomBytes(4).toString('hex');
    log.error({ err, id }, `answer failed (error id ${id})`);
    return { error: `Something went wrong while answering; it has been logged as error ${id}.` };
  }
}
