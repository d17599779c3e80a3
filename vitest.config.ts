import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test's temporary files go in one folder, removed when the run ends.
    globalSetup: ['tests/temporary-folder.ts'],
  },
});
