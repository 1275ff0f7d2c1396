import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: multi-process end-to-end tests fork their own workers, so
    // running test files in parallel would only make every one of them slower.
    fileParallelism: false,
  },
});
