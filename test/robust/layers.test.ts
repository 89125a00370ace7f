import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of `src/`, lowest first: a module may import from its own layer and the ones below,
 * never from one above. Shared helpers (limits, config, log) sit below everything.
 */
const LAYERS: string[][] = [
  ['limits.ts', 'config.ts', 'log.ts'],
  ['corpus'],
  ['nlp'],
  ['facts'],
  ['index'],
  ['answers'],
  ['intake', 'pictures'],
  ['console', 'discord', 'health.ts', 'cli.ts', 'main.ts'],
];

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(?:ts|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** The layer of a file under `src/`: by its first path part. */
function layerOf(file: string): number {
  const top = path.relative(SRC, file).split(path.sep)[0]!;
  const at = LAYERS.findIndex((l) => l.includes(top));
  if (at < 0) throw new Error(`${top} has no layer: add it to LAYERS in this test`);
  return at;
}

/** Every relative import or dynamic import of a file, resolved. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

describe('the layers of the code', () => {
  const files = sources(SRC);

  it('never import from a higher layer (the core knows nothing of answers, front ends or Discord)', () => {
    const wrong: string[] = [];
    for (const f of files) {
      for (const target of importsOf(f)) {
        if (!target.startsWith(SRC)) continue;
        if (layerOf(target) > layerOf(f)) wrong.push(`${path.relative(SRC, f)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep discord.js inside src/discord (and commands/)', () => {
    const users = files.filter((f) => /from\s+['"]discord\.js['"]|from\s+['"]@discordjs\//.test(readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(users.filter((f) => !f.startsWith(`discord${path.sep}`))).toEqual([]);
    expect(users.length).toBeGreaterThan(0);
  });
});
