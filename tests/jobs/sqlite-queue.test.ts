// The embedded store against the queue contract, and what only it does: its file in OUT.
import { existsSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createSqliteQueue, jobsDatabasePath } from '../../src/jobs/sqlite-queue.js';
import { articleRequest, describeQueueContract, shortArticle } from './queue-contract.js';

describeQueueContract('embedded SQLite', createSqliteQueue);

test('the store is one hidden file in OUT/.newscast/, in WAL mode', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const queue = await createSqliteQueue({ outDir, concurrency: 0 });
  await queue.close();
  expect(jobsDatabasePath(outDir)).toBe(join(outDir, '.newscast', 'jobs.sqlite'));
  expect(existsSync(jobsDatabasePath(outDir))).toBe(true);
});

test('a job whose process died maxAttempts times is failed, not run again', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const first = await createSqliteQueue({ outDir, concurrency: 0, maxAttempts: 2 });
  const { job } = await first.add(articleRequest(shortArticle(40)));
  await first.close();
  // What a process killed during its second attempt leaves: the job active, owned by a dead pid.
  const db = new Database(jobsDatabasePath(outDir));
  db.prepare(`UPDATE jobs SET state = 'active', attempts = 2, owner = ? WHERE id = ?`).run(`2147483646 ${hostname()}`, job.id);
  db.close();
  const second = await createSqliteQueue({ outDir, concurrency: 1, maxAttempts: 2 });
  try {
    expect(await second.get(job.id)).toMatchObject({ state: 'failed', attempts: 2, error: { kind: 'internal', message: 'The service stopped 2 times while running this job.', transient: true } });
  } finally {
    await second.close();
  }
});

test('a store made before fingerprints were kept opens, gains their column, and its old jobs have none', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const first = await createSqliteQueue({ outDir, concurrency: 0 });
  const { job } = await first.add(articleRequest(shortArticle(41)));
  await first.close();
  const db = new Database(jobsDatabasePath(outDir));
  db.exec('ALTER TABLE jobs DROP COLUMN fingerprint');
  db.close();
  const second = await createSqliteQueue({ outDir, concurrency: 0 });
  try {
    expect(await second.get(job.id)).toMatchObject({ id: job.id, state: 'waiting' });
    expect((await second.get(job.id))?.fingerprint).toBeUndefined();
    expect((await second.add(articleRequest(shortArticle(42)))).job.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  } finally {
    await second.close();
  }
});
