import cliProgress from 'cli-progress';
import type { BuildProgress } from '../index/build.ts';

/** What each build phase is called on the bar. */
const PHASES: Record<BuildProgress['phase'], string> = { analyse: 'reading articles', index: 'indexing sentences', derive: 'collecting people, tolls and dates' };

export interface ProgressBar {
  update(p: BuildProgress): void;
  stop(): void;
}

/**
 * A progress bar on stderr for a long build or refresh (cli-progress), only when stderr is a
 * terminal: a pipe or a log file gets nothing (no control characters in logs). It appears only once
 * the build has run for `afterMs` (counted from its first progress), so a quick refresh shows none.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, afterMs = 400): ProgressBar {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let started: number | undefined;
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(p) {
      if (!bar) {
        started ??= Date.now();
        if (Date.now() - started < afterMs) return;
        bar = new cliProgress.SingleBar(
          { stream, format: '{phase} [{bar}] {percentage}% {value}/{total}', hideCursor: true, clearOnComplete: true, barsize: 30, etaBuffer: 50 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(1, p.total), 0, { phase: PHASES[p.phase] });
      }
      if (p.phase === 'analyse') bar.setTotal(Math.max(1, p.total));
      bar.update(p.phase === 'analyse' ? p.done : bar.getTotal(), { phase: PHASES[p.phase] });
    },
    stop() {
      bar?.stop();
      bar = undefined;
      started = undefined;
    },
  };
}
