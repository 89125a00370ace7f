/**
 * No user input reaches a file path, a shell or eval. A scan of `src/` and `commands/`:
 * - nothing spawns a process or evaluates code (child_process, eval, new Function, vm, string timers);
 * - modules are loaded by literal names only;
 * - the file-system call sites are exactly the listed ones (a new one needs a deliberate update here,
 *   with a look at where its paths come from);
 * - the answer engine, which takes user text, cannot reach any of them;
 * and, at run time, a corpus read touches only the configured folder and the names it lists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { open, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { tempCorpus } from '../helpers/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.[cm]?[jt]s$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** The code of a file without its comments (a rough cut: enough for these scans). */
const code = (file: string) =>
  readFileSync(path.join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const FILES = [...sourceFiles('src'), ...sourceFiles('commands')].sort();

/** Modules that give access to files, processes or code evaluation. */
const SENSITIVE = /^(?:node:)?(?:fs|fs\/promises|child_process|vm|module|worker_threads|cluster|inspector)$/;

/** `file` → the names it imports from sensitive modules ("module:name", type-only imports left out). */
function sensitiveImports(file: string): string[] {
  const out: string[] = [];
  const re = /import\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of code(file).matchAll(re)) {
    const mod = m[3] ?? m[4] ?? m[5]!;
    if (!SENSITIVE.test(mod) || m[1]) continue;
    const clause = m[2];
    if (!clause) {
      out.push(`${mod}:*`);
      continue;
    }
    const named = /\{([\s\S]*)\}/.exec(clause)?.[1];
    const rest = clause.replace(/\{[\s\S]*\}/, '').replace(/,/g, ' ').trim();
    if (rest) out.push(`${mod}:${rest.startsWith('*') ? '*' : 'default'}`);
    for (const n of (named ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!n.startsWith('type ')) out.push(`${mod}:${n.split(/\s+as\s+/)[0]}`);
    }
  }
  return out.sort();
}

/**
 * Every place the code may touch the file system or load code, and why its paths are not user input.
 * Update deliberately: say where a new site's paths come from.
 */
const EXPECTED_SITES: Record<string, string[]> = {
  // Loads packages by literal names (gazetteer data).
  'src/facts/tolls/groups.ts': ['node:module:createRequire'],
  // Paths: typed to /add by the console's operator, who runs the process with these rights (console and
  // ask only: no Discord input reaches it; Discord uploads arrive as bytes).
  'src/console/intake.ts': ['node:fs/promises:readFile', 'node:fs/promises:stat'],
  // Writes pictures: into `ask --image-dir` (the operator's) or a fixed temporary folder, under names it makes itself.
  'src/console/pictures.ts': ['node:fs/promises:mkdir', 'node:fs/promises:writeFile'],
  // Paths: the configured corpus folder (CORPUS_DIR / --corpus), checked to exist and listed for a clear message.
  'src/console/open.ts': ['node:fs:readdirSync', 'node:fs:statSync'],
  // Paths: the configured corpus folder (CORPUS_DIR / --corpus) joined with names from its own listing.
  'src/corpus/read.ts': ['node:fs/promises:open', 'node:fs/promises:readdir', 'node:fs:constants'],
  // Receives articles from the pool; touches no file.
  'src/index/analyze-worker.ts': ['node:worker_threads:parentPort'],
  // Paths: the configured corpus folder and names from its own listing (change detection).
  'src/index/corpus-files.ts': ['node:fs:lstatSync', 'node:fs:readdirSync'],
  // Starts analyze-worker.mjs, a fixed file next to it.
  'src/index/pool.ts': ['node:worker_threads:Worker'],
  // Paths: the configured snapshot folder (SNAPSHOT_DIR, see snapshotDirFor) and fixed file names.
  'src/index/snapshot.ts': ['node:fs/promises:mkdir', 'node:fs/promises:open', 'node:fs/promises:readFile', 'node:fs/promises:rename', 'node:fs/promises:rm'],
  // Intake: writes into the configured corpus folder only, under names it makes itself (articleFileName:
  // ASCII letters, digits, hyphens) or fixed ones (sources.json, feeds.json), via temp file + rename.
  'src/intake/write.ts': ['node:fs/promises:open', 'node:fs/promises:readFile', 'node:fs/promises:rename', 'node:fs/promises:rm'],
  // Loads its word vectors: one literal JSON file beside it (vectors/stems.json), no path from input.
  'src/answers/ask/neighbours.ts': ['node:module:createRequire'],
  // Loads packages by names from a constant list in the code.
  'src/nlp/gazetteer.ts': ['node:module:createRequire'],
  // Reads the pictures' font: two literal paths inside the dejavu-fonts-ttf package.
  'src/pictures/font.ts': ['node:fs:readFileSync', 'node:module:createRequire'],
};

describe('the code has no door from user input to files, shells or eval', () => {
  it('finds the source files', () => {
    expect(FILES).toContain(path.join('src', 'answers', 'engine.ts'));
    expect(FILES.length).toBeGreaterThan(20);
  });

  it('never spawns a process or evaluates code', () => {
    const FORBIDDEN: [string, RegExp][] = [
      ['child_process', /\bchild_process\b/],
      ['eval', /(?<![\w.$])eval\s*\(/],
      ['new Function', /\bnew\s+Function\s*\(|(?<![\w.$])Function\s*\(\s*['"`]/],
      ['vm', /['"](?:node:)?vm['"]|\bvm\.(?:run|Script|compile|createContext)/],
      ['worker eval', /\beval\s*:\s*true\b/],
      ['string timer', /\bset(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/],
      ['process.binding', /\bprocess\.(?:binding|dlopen)\b/],
    ];
    const found = FILES.flatMap((f) => FORBIDDEN.filter(([, re]) => re.test(code(f))).map(([what]) => `${f}: ${what}`));
    expect(found).toEqual([]);
  });

  it('loads modules by literal names only', () => {
    const loads = FILES.flatMap((f) =>
      [...code(f).matchAll(/\b(?:require|import)\s*\(\s*([^)]*?)\s*\)/g)].filter((m) => !/^(['"])[^'"]+\1$/.test(m[1]!)).map((m) => `${f}: ${m[0]}`),
    );
    // gazetteer.ts: require(pkg) over a constant list of two package names in the same loop.
    expect(loads).toEqual(['src/nlp/gazetteer.ts: require(pkg)']);
    expect(code('src/nlp/gazetteer.ts')).toMatch(/for \(const pkg of \[(?:'[^']+',?\s*)+\]\)/);
  });

  it('touches the file system only at the listed call sites', () => {
    const sites = Object.fromEntries(FILES.map((f) => [f, sensitiveImports(f)]).filter(([, names]) => names!.length > 0));
    expect(sites).toEqual(EXPECTED_SITES);
  });

  it('the answer engine (which takes user text) cannot reach any of them', () => {
    const graph = (file: string): string[] =>
      [...code(file).matchAll(/(?:import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g)]
        .filter((m) => !m[1])
        .map((m) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), m[2] ?? m[3]!)));
    const reach = new Set<string>();
    const visit = (f: string) => {
      if (reach.has(f)) return;
      reach.add(f);
      for (const g of graph(f)) visit(g);
    };
    for (const entry of ['src/answers/engine.ts', 'src/answers/parse.ts', 'src/console/render.ts']) visit(entry);
    expect(reach.size).toBeGreaterThan(5);
    const fsSites = Object.keys(EXPECTED_SITES).filter((f) => EXPECTED_SITES[f]!.some((n) => /fs/.test(n)));
    expect([...reach].filter((f) => fsSites.includes(f))).toEqual([]);
  });
});

describe('at run time', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('a corpus read opens only the configured folder and the names it lists, whatever the names are', async () => {
    const t = await tempCorpus();
    cleanups.push(t.cleanup);
    for (const name of ['..\\..\\evil.txt', '$(id).txt', '`ls`.txt', '%2e%2e%2fetc.txt', '-rf.txt']) {
      await writeFile(path.join(t.dir, name), 'An odd file name.\n');
    }
    const listed: string[] = [];
    const opened: string[] = [];
    const read = await readCorpus(t.dir, {
      readdir: async (dir) => {
        listed.push(dir);
        return readdir(dir, { withFileTypes: true });
      },
      open: async (file, flags) => {
        opened.push(file);
        return open(file, flags);
      },
    });
    expect(listed).toEqual([t.dir]);
    for (const f of opened) {
      expect(path.dirname(f)).toBe(t.dir);
      expect(path.resolve(f)).toBe(f.replace(/\/+$/, ''));
    }
    expect(read.articles.map((a) => a.file)).toContain('$(id).txt');
    expect(read.warnings).toEqual([]);
  });
});
