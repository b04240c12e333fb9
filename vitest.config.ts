import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so CLI child processes do not starve.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/host/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/build-bundles.ts', 'test/helpers/pg-template.ts'],
        },
      },
      {
        // The renderer's components and hooks in a DOM, against a fake window.api (the renderer's boundary).
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
