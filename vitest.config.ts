import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two groups: everything, then the 500-interaction load test alone, so Discord's 3-second
 * acknowledgement rule it checks is not competing with other test files for the 2 cores.
 *
 * Discord's OpenAPI description is read where it is (../shared/discord-api-spec, or DISCORD_API_SPEC;
 * the same path as test/discord/double/spec.ts). Without it the end-to-end suites, whose Discord
 * double validates every request against it, are left out, with this one notice.
 */
const SPEC = process.env.DISCORD_API_SPEC ? path.resolve(process.env.DISCORD_API_SPEC) : path.resolve(import.meta.dirname, '../shared/discord-api-spec/openapi.json');
const withSpec = existsSync(SPEC);
if (!withSpec) {
  process.stderr.write(
    `\nNOTICE: Discord's OpenAPI description is not at ${SPEC} (set DISCORD_API_SPEC to its path): the Discord end-to-end suites (test/discord/) and the spec checks are skipped.\n\n`,
  );
}
const noSpec = withSpec ? [] : ['test/discord/**'];
// The saved news pages intake is measured on (test/helpers/web.ts reads them in place).
const PAGES = path.resolve(import.meta.dirname, '../shared/news-pages/bbc-1/source.html');
if (!existsSync(PAGES)) {
  process.stderr.write(`\nNOTICE: the saved news pages are not at ${path.dirname(path.dirname(PAGES))}: the intake tests that serve them are skipped.\n\n`);
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share their worker's module cache: wink-nlp's model, the gazetteers and the
    // transformed sources load once per worker, not once per file (about 40% of the suite's CPU).
    // Nothing here mocks modules; stubbed environment variables are restored after each test.
    isolate: false,
    unstubEnvs: true,
    // Suites marked concurrent (the entry points run as child processes) run three tests at a time.
    maxConcurrency: 3,
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: ['test/discord/load.test.ts', ...noSpec], sequence: { groupOrder: 0 } } },
      ...(withSpec ? [{ extends: true as const, test: { name: 'load', include: ['test/discord/load.test.ts'], sequence: { groupOrder: 1 } } }] : []),
    ],
  },
});
