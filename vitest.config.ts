import { spawnSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

// The BullMQ tests need Debian's redis-server (`.ci/run` installs it). Where it is missing they are
// left out with a notice, so `npm test` passes on a plain machine; under CI they always run, and fail.
const redisTests = ['tests/jobs/bullmq-*.test.ts', 'tests/jobs/redis-lock.test.ts', 'tests/e2e/serve-redis.test.ts'];
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis && !process.env['CI']) {
  console.warn(`newscast tests: redis-server is not installed, so the BullMQ tests are left out (${redisTests.join(', ')}).`);
}

export default defineConfig({
  test: {
    // Every test's temporary files go in one folder, removed when the run ends.
    globalSetup: ['tests/temporary-folder.ts'],
    // A limit against hangs, not a speed check: encodes take seconds more on a busy machine.
    testTimeout: 60_000,
    exclude: ['**/node_modules/**', ...(hasRedis || process.env['CI'] ? [] : redisTests)],
  },
});
