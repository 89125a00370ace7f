/**
 * 6. End to end: the real bot (`startBot`, discord.js) against the Discord API double of the tests
 * (`test/discord/double`), on this corpus. Latency is from the double sending INTERACTION_CREATE on
 * its gateway to it receiving the interaction's callback (the acknowledgement Discord wants within
 * 3 s), with 1, 50 and 500 interactions in flight; and the time until every answer is complete.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startBot } from '../src/discord/bot.ts';
import { deployCommands } from '../src/discord/deploy.ts';
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { type Interaction, startDiscordDouble } from '../test/discord/double/index.ts';
import { benchSnapshotDir, knownNames, rareWordQueries, round, stats } from './lib.ts';

export async function benchE2E(corpusDir: string, opts: { waves: number[] }): Promise<Record<string, unknown>[]> {
  const double = await startDiscordDouble({ quiet: true });
  const log = createLogger('error');
  const snapshotDir = benchSnapshotDir(corpusDir);
  const config = loadConfig({
    DISCORD_TOKEN: double.token,
    DISCORD_API_URL: double.apiUrl,
    CORPUS_DIR: corpusDir,
    SNAPSHOT_DIR: path.dirname(snapshotDir),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
  });
  const store = new IndexStore({ corpusDir, snapshotDir, log });
  await store.open();
  await deployCommands(config);
  const bot = await startBot(config, { store, log });
  try {
    const index = store.index;
    const words = rareWordQueries(index, 60, 42);
    const names = knownNames(index, 20);
    const asks: [string, Record<string, string>][] = [
      ...words.slice(0, 20).map((q): [string, Record<string, string>] => ['search', { query: q }]),
      ...words.slice(20, 30).map((q): [string, Record<string, string>] => ['ask', { question: `What happened in ${q.split(' ')[0]}?` }]),
      ...words.slice(30, 35).map((q): [string, Record<string, string>] => ['timeline', { topic: q.split(' ')[0]! }]),
      ...names.slice(0, 5).map((n): [string, Record<string, string>] => ['who', { name: n }]),
      ['who', {}],
      ['casualties', {}],
      ['timeline', {}],
      ['sources', {}],
      ['help', {}],
    ];
    const people = double.world.people;
    const send = (n: number) =>
      Array.from({ length: n }, (_, k) => {
        const [command, options] = asks[k % asks.length]!;
        return double.command(command, options, { person: people[k % people.length]!, where: k % 5 === 4 ? 'dm' : 'guild' });
      });
    // A bot that has been running a while: each kind of question once first.
    for (const [command, options] of asks) await double.answer(double.command(command, options));

    const out: Record<string, unknown>[] = [];
    for (const n of opts.waves) {
      const rounds = n === 1 ? 30 : n <= 50 ? 4 : 2;
      const acks: number[] = [];
      // By how the bot acknowledged: its answer itself (callback type 4) or a deferral (type 5).
      const byKind: Record<'answered' | 'deferred', number[]> = { answered: [], deferred: [] };
      const done: number[] = [];
      let late = 0;
      let lost = 0;
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const sent: Interaction[] = send(n);
        await double.until(() => sent.every((i) => i.acks.length > 0 || i.refused.length > 0), 'acknowledgements', 60_000);
        await double.until(() => sent.every((i) => (i.original && !i.loading) || i.refused.length > 0), 'answers', 60_000);
        done.push(performance.now() - t0);
        for (const i of sent) {
          if (i.acks[0]) {
            acks.push(i.acks[0].at - i.sentAt);
            byKind[i.acks[0].type === 5 ? 'deferred' : 'answered'].push(i.acks[0].at - i.sentAt);
          }
          if (i.refused.some((x) => x.code === 10062)) late++;
          if (!i.acks[0]) lost++;
        }
      }
      const a = stats(acks);
      out.push({
        inFlight: n,
        rounds,
        ackP50: a.p50,
        ackP99: a.p99,
        ackMax: a.max,
        allAnsweredMedianMs: round(stats(done).median),
        ackedByAnswer: byKind.answered.length ? { n: byKind.answered.length, p99: stats(byKind.answered).p99 } : null,
        ackedByDeferral: byKind.deferred.length ? { n: byKind.deferred.length, p99: stats(byKind.deferred).p99 } : null,
        lateOver3s: late,
        notAcknowledged: lost,
      });
      process.stderr.write(`  e2e ${n} in flight: ack p99 ${a.p99} ms, all answered in ${Math.round(stats(done).median)} ms\n`);
    }
    const problems = double.problems();
    if (problems.length) out.push({ inFlight: 'problems', rounds: problems.length, ackP50: problems.slice(0, 3).join(' | ') });
    return out;
  } finally {
    await bot.stop();
    await double.close();
  }
}
