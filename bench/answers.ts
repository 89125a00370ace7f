/**
 * 4. Answer latency per command, with queries drawn from the corpus itself: random sentences' rarer
 * words, and names from /who's own list. Each input goes through `reply` (parse, then the answer
 * module), as typed in the console or a DM; a slash command takes the same path minus the parse.
 */
import { reply } from '../src/answers/engine.ts';
import type { CorpusIndex } from '../src/index/types.ts';
import { knownNames, rareWordQueries, round, stats } from './lib.ts';

interface Kind {
  name: string;
  target: number;
  inputs: string[];
}

function kinds(index: CorpusIndex, n: number): Kind[] {
  const words = rareWordQueries(index, n, 42);
  const topics = rareWordQueries(index, n, 43).map((q) => q.split(' ')[0]!);
  let names = knownNames(index, n);
  if (names.length === 0) names = rareWordQueries(index, n, 44).map((q) => q.split(' ')[0]!); // /who lists nobody yet: any word
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  const questions = Array.from({ length: n }, (_, i) => {
    const w = pick(topics, i);
    const who = pick(names, i);
    return [`Who is ${who}?`, `How many people were killed in ${w}?`, `What happened in ${w}?`, `When did ${w} happen?`, `What did ${who} say about ${pick(words, i)}?`][i % 5]!;
  });
  return [
    { name: '/who', target: 20, inputs: ['/who'] },
    { name: '/who <name>', target: 20, inputs: names.map((x) => `/who ${x}`) },
    { name: '/casualties', target: 20, inputs: ['/casualties'] },
    { name: '/casualties <topic>', target: 50, inputs: topics.map((x) => `/casualties ${x}`) },
    { name: '/timeline', target: 20, inputs: ['/timeline'] },
    { name: '/timeline <topic>', target: 50, inputs: topics.map((x) => `/timeline ${x}`) },
    { name: '/search', target: 50, inputs: words.map((x) => `/search ${x}`) },
    { name: 'question', target: 50, inputs: questions },
  ];
}

export function benchAnswers(index: CorpusIndex, opts: { iterations: number }): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const k of kinds(index, Math.max(50, opts.iterations))) {
    if (k.inputs.length === 0) continue;
    for (let i = 0; i < Math.min(20, opts.iterations); i++) reply(index, k.inputs[i % k.inputs.length]!); // warm-up
    const times: number[] = [];
    const slow: { ms: number; input: string }[] = [];
    let empty = 0;
    let errors = 0;
    for (let i = 0; i < opts.iterations; i++) {
      const input = k.inputs[i % k.inputs.length]!;
      const t = performance.now();
      const r = reply(index, input);
      const ms = performance.now() - t;
      times.push(ms);
      slow.push({ ms, input });
      if ('error' in r) errors++;
      else if (r.items.length === 0) empty++;
    }
    const s = stats(times);
    slow.sort((a, b) => b.ms - a.ms);
    out.push({
      command: k.name,
      n: s.n,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      targetP99: k.target,
      met: s.p99 <= k.target,
      nothingFound: round(empty / times.length, 2),
      errors,
      slowest: slow.slice(0, 3).map((x) => `${round(x.ms, 1)} ms: ${x.input.slice(0, 60)}`),
    });
  }
  return out;
}
