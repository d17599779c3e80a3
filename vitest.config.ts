import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test's temporary files go in one folder, removed when the run ends.
    globalSetup: ['tests/temporary-folder.ts'],
    // A limit against hangs, not a speed check: encodes take seconds more on a busy machine.
    testTimeout: 60_000,
  },
});
