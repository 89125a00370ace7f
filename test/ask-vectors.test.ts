import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stemVectors, VECTOR_FILE } from '../src/answers/ask/neighbours.ts';
import { queryTerms } from '../src/nlp/terms.ts';

const README = path.join(path.dirname(VECTOR_FILE.pathname), 'README.md');

describe('the shipped stem vectors', () => {
  it('load from the file beside the module, with the size and dimensions the README gives', () => {
    const v = stemVectors();
    expect(v.dims).toBe(100);
    expect(v.terms.length).toBe(33_563);
    expect(v.unit.length).toBe(v.terms.length * v.dims);
    const bytes = statSync(VECTOR_FILE).size;
    expect(bytes).toBeLessThanOrEqual(5_000_000);
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(`${v.terms.length.toLocaleString('en')} terms × ${v.dims} dimensions, ${bytes} bytes`);
    expect(readme).toMatch(/MIT License/);
    // Sorted as the postings' terms are, and unit length.
    for (let i = 1; i < v.terms.length; i++) expect(v.terms[i - 1]! < v.terms[i]!).toBe(true);
    for (const i of [0, 1000, v.terms.length - 1]) {
      let n = 0;
      for (let d = 0; d < v.dims; d++) n += v.unit[i * v.dims + d]! ** 2;
      expect(n).toBeCloseTo(1, 4);
    }
    // Keyed by the index's own terms: stems, as sentences are normalised.
    expect(v.terms).toContain(queryTerms('earthquakes')[0]);
    expect(v.terms).toContain(queryTerms('killed')[0]);
    expect(v.terms).not.toContain('killed');
  });
});
