import { defineConfig } from 'vitest/config';

/**
 * Two groups: everything, then the 500-interaction load test alone, so Discord's 3-second
 * acknowledgement rule it checks is not competing with other test files for the 2 cores.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: ['test/discord/load.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'load', include: ['test/discord/load.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
