import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/devices/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/build-main.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
