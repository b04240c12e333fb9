import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/host/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/helpers/build-bundles.ts', 'test/helpers/pg-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so CLI child processes do not starve.
    maxWorkers: 2,
  },
});
