/**
 * How many of the sentences that state a toll `/casualties` quotes, on casualty stories the bot has
 * never been tuned on. A general toll-pattern detector (below: a head count near a word of death,
 * injury, loss or displacement, nothing taken from the bot's rules) flags sentences of a sample of
 * Reuters stories; the script reports the share of flagged sentences that `/casualties` quotes,
 * the quoted sentences the detector does not flag, and with `--list` every sentence of both kinds
 * and a sample of reports, for reading by hand.
 *
 *   npx tsx bench/tolls.ts [--corpus DIR] [--split dev|test|all] [--n 200] [--list] [--reports N]
 *
 * The split is by article number (file name digits): even = dev (look at its misses), odd = test
 * (report it; never read its misses while changing rules).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { answerCasualties } from '../src/answers/casualties.ts';
import type { CasualtyItem } from '../src/answers/types.ts';
import { readCorpus } from '../src/corpus/read.ts';
import { buildIndex } from '../src/index/build.ts';
import { ROOT } from './lib.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const corpus = path.resolve(ROOT, opt('corpus', '../shared/corpora/reuters-21578'));
const split = opt('split', 'test');
const n = Number(opt('n', '200'));
const list = args.includes('--list');
const reportsToShow = Number(opt('reports', '0'));

/** A story of a deadly event: a casualty word and a number in the same sentence, crudely, on the raw text. */
const STORY = /\b(?:killed|dead|died|deaths?|injured|wounded|missing|homeless|casualties|drowned)\b/i;
const NUMBER_WORD =
  '(?:\\d[\\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozens|scores|hundreds|thousands)';
/** The detector: a head count (not money, a percentage or a year) within five words of a toll word. */
const TOLL_WORD =
  '(?:killed|killing|kills|dead|died|dies|deaths?|death toll|toll|injur(?:ed|ies|ing)|wounded|wounding|hurt|missing|unaccounted|homeless|displaced|trapped|rescued|hospitali[sz]ed|treated|bodies|lives|casualties|fatalities|drowned|perished|victims)';
const NEAR = new RegExp(
  `(?<![$£\\d.])\\b${NUMBER_WORD}\\b(?![.,]?\\d)(?!\\s*(?:%|pct|percent|per cent|dlrs|dollars|mln dlrs|billion|tonnes|tons|barrels|shares|years?|months?|days?|hours?|miles?|km|kilometres|feet|metres)\\b)(?:\\W+\\w+){0,5}?\\W+${TOLL_WORD}\\b|\\b${TOLL_WORD}\\b(?:\\W+\\w+){0,5}?\\W+${NUMBER_WORD}\\b(?![.,]?\\d)(?!\\s*(?:%|pct|percent|dlrs|dollars|billion|tonnes|tons|barrels|shares|years?|months?|days?|hours?|miles?|km|feet|metres)\\b)`,
  'i',
);
const YEAR_ONLY = /^(?:1[89]|20)\d\d$/;
export function flags(sentence: string): boolean {
  const m = NEAR.exec(sentence);
  if (!m) return false;
  // A year alone ("died in 1985") is no count.
  const nums = m[0].match(new RegExp(`\\b${NUMBER_WORD}\\b`, 'gi')) ?? [];
  return nums.some((x) => !YEAR_ONLY.test(x));
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const read = await readCorpus(corpus);
const candidates = read.articles.filter((a) => {
  const num = Number(a.file.replace(/\D/g, ''));
  const inSplit = split === 'all' || (split === 'dev' ? num % 2 === 0 : num % 2 === 1);
  return inSplit && STORY.test(a.text) && a.text.split(/\n|(?<=\.)\s/).some((s) => flags(s));
});
const sample = candidates.sort((a, b) => (hash(a.file) < hash(b.file) ? -1 : 1)).slice(0, n);
const index = buildIndex(sample, []);
const items = answerCasualties(index, '', { limit: Number.POSITIVE_INFINITY }).items as CasualtyItem[];
const quoted = new Set<string>();
for (const it of items) for (const s of it.sources) quoted.add(`${s.source}\0${s.quote}`);

let flagged = 0;
let hit = 0;
const missed: string[] = [];
const extra: string[] = [];
for (const [file, a] of index.articles) {
  for (const s of a.sentences) {
    const f = flags(s.text);
    const q = quoted.has(`${file}\0${s.text}`);
    if (f) flagged++;
    if (f && q) hit++;
    if (f && !q) missed.push(`${file}: ${s.text}`);
    if (!f && q) extra.push(`${file}: ${s.text}`);
  }
}
const share = flagged ? hit / flagged : Number.NaN;
console.log(
  JSON.stringify({ corpus: path.relative(ROOT, corpus), split, articles: sample.length, items: items.length, flagged, quoted: hit, share: Math.round(share * 1000) / 1000, quotedNotFlagged: extra.length }),
);
if (list) {
  console.log('\n# flagged, not quoted');
  for (const m of missed) console.log(m);
  console.log('\n# quoted, not flagged');
  for (const m of extra) console.log(m);
}
if (reportsToShow) {
  console.log('\n# reports');
  let k = 0;
  for (const [n, it] of items.entries()) {
    const reports = it.reports ?? [];
    if (k < reportsToShow) console.log(`## item ${n + 1}: ${it.event ?? '-'}${it.change ? ` | ${it.change}` : ''}${it.order === 'figure' && reports.length > 1 ? ' (by figure)' : ''}`);
    for (const r of reports) {
      if (k++ >= reportsToShow) break;
      console.log(`${k}. [${r.kind}${r.update ? ', update' : ''}${r.part ? ', part' : ''}] ${r.figure?.text ?? r.victims.join('; ')} | ${r.source}: ${r.quote}`);
    }
  }
}
