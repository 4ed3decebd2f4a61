import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { CountingReporter } from './counting-reporter.ts';

export default defineConfig({
  test: {
    reporters: ['default', new CountingReporter()],
    projects: [
      {
        test: {
          name: 'core',
          root: '.',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'hub',
          root: '.',
          include: ['test/hub/**/*.test.ts'],
          globalSetup: ['test/hub/global-setup.ts'],
          environment: 'node',
          // The hub tests share one PostgreSQL server and spawn real processes: one file at a time keeps them robust
          // on a 2-core machine that runs the other projects at the same time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          root: '.',
          include: ['test/ui/**/*.test.tsx'],
          environment: 'happy-dom',
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll gives up after 1 s by default: too little for a page waiting on a busy machine's server (a
          // sign-in's password check missed it while the other Vitest process ran beside it).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
