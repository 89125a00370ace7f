/**
 * What the people step costs against wink-nlp's own time (`bench/people.ts`, also section 8 of
 * `npm run bench`), printed as one line:
 *
 *   npx tsx scripts/people-cost.ts [--corpus seeds] [--limit 600] [--runs 3]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchPeople } from '../bench/people.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'seeds' }, limit: { type: 'string', default: '600' }, runs: { type: 'string', default: '3' } } });
const dir = path.resolve(values.corpus);
const r = benchPeople(dir, { limit: Number(values.limit), runs: Number(values.runs) });
process.stdout.write(
  `${r.articles} articles of ${dir}, ${r.runs} runs: wink readDoc ${r.wallMs.wink} ms, people ${r.wallMs.people} ms (medians); people / wink = ${r.wallMs.ratio.toFixed(2)}; ` +
    `CPU time: wink ${r.cpuMs.wink} ms, people ${r.cpuMs.people} ms, ratio ${r.cpuMs.ratio.toFixed(2)} (medians); ` +
    `least CPU time: wink ${r.leastCpuMs.wink} ms, people ${r.leastCpuMs.people} ms, ratio ${r.leastCpuMs.ratio.toFixed(2)}\n`,
);
