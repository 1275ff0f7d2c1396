import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Multi-process tests on a busy 2-core machine can take tens of seconds each.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Two cores: multi-process end-to-end tests fork their own workers, so
    // running test files in parallel would only make every one of them slower.
    fileParallelism: false,
    // A private TMPDIR per run, and no test file may leave a `dpt-*` folder in it (test/helpers/temp-files.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/setup-file.ts'],
  },
});
