/**
 * The console keeps going when an answer fails: the user sees a short message with an error id (no
 * stack, no path), the log has the error under the same id, and the next line is answered.
 */
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/answers/types.ts';
import { renderJson } from '../../src/console/render.ts';
import { runConsole } from '../../src/console/repl.ts';
import { safeReply } from '../../src/console/safe-reply.ts';
import { IndexStore } from '../../src/index/store.ts';
import type { CorpusIndex } from '../../src/index/types.ts';
import { memoryLogger, seedIndex } from '../helpers/corpus.ts';
import { expectClearError } from './check.ts';

let index: CorpusIndex;
let broken: CorpusIndex;
beforeAll(async () => {
  index = await seedIndex();
  // An index whose search fails the way a bug would: with a path and a stack in the error.
  broken = {
    ...index,
    search: {
      search: () => {
        throw new Error(`boom in ${process.cwd()}/src/index/search.ts:42:7`);
      },
    } as never,
    // Plain questions read the postings directly (the answer ranker): they fail the same way.
    postings: {
      get terms(): never {
        throw new Error(`boom in ${process.cwd()}/src/answers/ask/rank.ts:42:7`);
      },
    } as never,
  };
});

describe('an answer that throws', () => {
  it('becomes a clear error with an id, logged with the same id', () => {
    const logs = memoryLogger();
    const r = safeReply(broken, '/search Raqqa', logs.log);
    const e = expectClearError(r);
    const id = /error ([0-9a-f]{8})/.exec(e)?.[1];
    expect(id).toBeDefined();
    const logged = logs.lines().filter((l) => l.id === id);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]!.err)).toContain('boom');
    expect(renderJson(r)).not.toMatch(/\n/);
    // A working index is not affected.
    expect(safeReply(index, '/search Raqqa', logs.log)).not.toHaveProperty('error');
  });

  it('does not stop the console: the next line is answered', async () => {
    const logs = memoryLogger();
    const store = new IndexStore({ corpusDir: '/nonexistent', snapshotDir: '/nonexistent', log: logs.log });
    store.use(broken);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => {
      out += String(d);
    });
    const done = runConsole(store, input, output);
    input.end('/search Raqqa\n/help\n');
    await done;
    expect(out).toMatch(/! Something went wrong while answering; it has been logged as error [0-9a-f]{8}\./);
    expect(out).not.toContain(process.cwd());
    expect(out).toContain('/help');
    expect(out).toMatch(/Bye\.\n$/);
  });

  it('the error form keeps the reply type', () => {
    const r: Reply = safeReply(broken, 'Raqqa strikes', memoryLogger().log);
    expect(Object.keys(r)).toEqual(['error']);
  });
});
