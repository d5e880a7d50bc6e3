import { defineConfig } from 'vitest/config';

// Integration tests start real Prometheus/Alertmanager servers; two workers keep a 2-core machine responsive.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
