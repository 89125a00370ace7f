/**
 * 5. Refresh: on a temporary copy of the corpus (the reader does not follow symlinks, so a real copy),
 * time `store.refresh()` after adding one article, changing one, removing one, and changing nothing.
 * With `verify`, the incrementally refreshed index is compared with a full rebuild of the same files.
 */
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { reply } from '../src/answers/engine.ts';
import { RACY_MS } from '../src/index/corpus-files.ts';
import { buildPostings, samePostings } from '../src/index/postings.ts';
import { IndexStore } from '../src/index/store.ts';
import { createLogger } from '../src/log.ts';
import { benchSnapshotDir, rareWordQueries, round, stats } from './lib.ts';

type Scenario = 'add' | 'change' | 'remove' | 'nothing';

export async function benchRefresh(corpusDir: string, opts: { runs: number; verify: boolean }): Promise<Record<string, unknown>> {
  const root = await mkdtemp(path.join(tmpdir(), 'quotebot-bench-refresh-'));
  try {
    const dir = path.join(root, 'corpus');
    const snap = path.join(root, 'snap');
    await cp(path.resolve(corpusDir), dir, { recursive: true });
    await cp(benchSnapshotDir(corpusDir), snap, { recursive: true }).catch(() => {});
    // Files written just now are "racy" (see corpus-files.ts) and would be re-read at every refresh: let them settle.
    await sleep(RACY_MS + 200);
    const log = createLogger('error');
    const store = new IndexStore({ corpusDir: dir, snapshotDir: snap, log });
    const open = await store.open();
    // As the console and the bot do after opening: ready the first refresh in the background. The
    // event loop's longest stall during it is what an answer arriving meanwhile could wait.
    let longestStall = 0;
    let tick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - tick);
      tick = now;
    }, 1);
    const w0 = performance.now();
    await store.warmUp();
    clearInterval(ticker);
    const warmUp = { ms: round(performance.now() - w0), longestStallMs: round(Math.max(longestStall, performance.now() - tick)) };
    const files = [...store.index.articles.keys()];
    const template = await readFile(path.join(dir, files[Math.floor(files.length / 2)]!), 'utf8');

    const times: Record<Scenario, number[]> = { add: [], change: [], remove: [], nothing: [] };
    // Until the new index served (answers use it from then on); `times` run until it was also saved.
    const serving: Record<Scenario, number[]> = { add: [], change: [], remove: [], nothing: [] };
    const phases: Record<string, number[]> = { readAndAnalyse: [], postingsAndSearch: [], deriveAndSave: [] };
    const failures: string[] = [];
    const refresh = async (scenario: Scenario, expect: (r: Awaited<ReturnType<IndexStore['refresh']>>) => boolean, probe?: string) => {
      const t0 = performance.now();
      const marks: Record<string, number> = {};
      const r = await store.refresh((p) => {
        marks[p.phase] ??= performance.now();
      });
      const ms = performance.now() - t0;
      times[scenario].push(ms);
      serving[scenario].push(r.servingMs);
      if (marks.index && marks.derive) {
        phases.readAndAnalyse!.push(marks.index - t0);
        phases.postingsAndSearch!.push(marks.derive - marks.index);
        phases.deriveAndSave!.push(t0 + ms - marks.derive);
      }
      if (!expect(r)) failures.push(`${scenario}: unexpected report ${JSON.stringify({ added: r.added, changed: r.changed, removed: r.removed })}`);
      if (probe) {
        const found = reply(store.index, `/search ${probe}`);
        if ('error' in found || !found.items.some((i) => 'quote' in i && String(i.quote).includes(probe))) failures.push(`${scenario}: "${probe}" not found after the refresh`);
      }
    };

    for (let k = 0; k < opts.runs; k++) {
      const added = `zz-bench-${k}.txt`;
      const word = `Quokkafest${k}`;
      await writeFile(path.join(dir, added), `${template.trimEnd()}\n\nThe ${word} committee met on Tuesday.\n`);
      await refresh('add', (r) => r.added.includes(added), word);
      const target = files[(k * 7919) % files.length]!;
      const word2 = `Wombatcon${k}`;
      await appendFile(path.join(dir, target), `\n\nThe ${word2} delegates arrived on Friday.\n`);
      await refresh('change', (r) => r.changed.includes(target), word2);
      await rm(path.join(dir, added));
      await refresh('remove', (r) => r.removed.includes(added));
      await refresh('nothing', (r) => r.added.length + r.changed.length + r.removed.length === 0);
      process.stderr.write(
        `  refresh round ${k + 1}/${opts.runs}: add ${Math.round(times.add[k]!)} ms (serving after ${Math.round(serving.add[k]!)}), change ${Math.round(times.change[k]!)} ms (${Math.round(serving.change[k]!)})\n`,
      );
    }

    let verify: Record<string, unknown> | undefined;
    if (opts.verify) {
      // A full rebuild of the same files in a fresh store, and the same answers from both.
      const fresh = new IndexStore({ corpusDir: dir, snapshotDir: path.join(root, 'snap-full'), log });
      await fresh.open();
      const a = store.index;
      const b = fresh.index;
      const inputs = [...rareWordQueries(b, 200, 99).map((q) => `/search ${q}`), '/who', '/casualties', '/timeline', '/sources'];
      const differing = inputs.filter((q) => JSON.stringify(reply(a, q)) !== JSON.stringify(reply(b, q)));
      verify = {
        // The refreshed postings equal a full build over the refreshed sentence table (the incremental machinery alone).
        postingsEqualFullBuildOfSameSentences: samePostings(a.postings, buildPostings(a.sentences.map((s) => s.terms))),
        // And against a fresh full build of the same files (equal only if analysis is history-independent: see BENCHMARKS.md).
        samePostings: samePostings(a.postings, b.postings),
        sameSentences: JSON.stringify(a.sentences) === JSON.stringify(b.sentences),
        answersCompared: inputs.length,
        answersDiffering: differing.length,
        ...(differing.length ? { firstDiffering: differing.slice(0, 5) } : {}),
      };
    }

    return {
      articles: store.index.articles.size,
      firstOpenOfCopyMs: round(open.ms),
      warmUp,
      // The first refresh after the start (after the warm-up); the medians below include it.
      firstAddMs: round(times.add[0] ?? Number.NaN),
      firstAddServingMs: round(serving.add[0] ?? Number.NaN),
      serving: { add: stats(serving.add), change: stats(serving.change), remove: stats(serving.remove) },
      add: stats(times.add),
      change: stats(times.change),
      remove: stats(times.remove),
      nothingChanged: stats(times.nothing),
      phasesMedianMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v.length ? stats(v).median : null])),
      failures,
      ...(verify ? { verify } : {}),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
