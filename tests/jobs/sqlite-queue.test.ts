// The embedded store against the queue contract, and what only it does: its file in OUT.
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createSqliteQueue, jobsDatabasePath } from '../../src/jobs/sqlite-queue.js';
import { describeQueueContract } from './queue-contract.js';

describeQueueContract('embedded SQLite', createSqliteQueue);

test('the store is one hidden file in OUT/.newscast/, in WAL mode', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const queue = await createSqliteQueue({ outDir, concurrency: 0 });
  await queue.close();
  expect(jobsDatabasePath(outDir)).toBe(join(outDir, '.newscast', 'jobs.sqlite'));
  expect(existsSync(jobsDatabasePath(outDir))).toBe(true);
});
