// The embedded store against the queue contract, and what only it does: its file in OUT.
import { existsSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import type { JobQueue, JobRunner } from '../../src/jobs/queue.js';
import { runJob } from '../../src/jobs/run-job.js';
import { createSqliteQueue, jobsDatabasePath } from '../../src/jobs/sqlite-queue.js';
import { articleRequest, describeQueueContract, settled, shortArticle } from './queue-contract.js';

describeQueueContract('embedded SQLite', createSqliteQueue, async (outDir, id) => {
  const db = new Database(jobsDatabasePath(outDir), { readonly: true });
  try {
    const row = db.prepare('SELECT format, content FROM jobs WHERE id = ?').get(id) as { format: string; content: Buffer };
    if (row.format !== 'bulletin') return row.content.length;
    return (JSON.parse(row.content.toString('utf8')) as { content: string }[]).reduce((sum, article) => sum + Buffer.from(article.content, 'base64').length, 0);
  } finally {
    db.close();
  }
});

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

test('a job another process ran ends here too: its listeners hear done or failed (serve and watch over one OUT)', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  // The follower only submits and follows (serve --redis-like, or a watcher whose jobs the other took).
  const follower = await createSqliteQueue({ outDir, concurrency: 0 });
  const worker = await createSqliteQueue({ outDir, concurrency: 1 });
  const workerEnds: string[] = [];
  worker.subscribe((event) => (event.type === 'done' || event.type === 'failed') && workerEnds.push(event.job.id));
  try {
    const good = await follower.add(articleRequest(shortArticle(41)));
    const bad = await follower.add(articleRequest('   \n', { name: 'empty.txt' }));
    const [done, failed] = await Promise.all([settled(follower, good.job.id), settled(follower, bad.job.id)]);
    expect(done).toMatchObject({ state: 'done', result: { slug: 'millbrook-opens-reading-room-number-41' } });
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'empty.txt is empty.' } });
    // The one that ran them told its listeners once each, not again when its own poll sees the rows.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(workerEnds.sort()).toEqual([good.job.id, bad.job.id].sort());
  } finally {
    await worker.close();
    await follower.close();
  }
});

test('a live job is leased: a second queue on the same OUT in the same process does not run it again, however long it runs', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow: JobRunner = async (data, context) => {
    calls++;
    await gate;
    return runJob(data, context);
  };
  const first = await createSqliteQueue({ outDir, concurrency: 1, runner: slow, leaseMs: 600 });
  let second: JobQueue | undefined;
  try {
    const { job } = await first.add(articleRequest(shortArticle(71)));
    while ((await first.get(job.id))?.state !== 'active') await new Promise((resolve) => setTimeout(resolve, 50));
    second = await createSqliteQueue({ outDir, concurrency: 1, runner: slow, leaseMs: 600 });
    // Several leases long: the first keeps its lease fresh, so the job is never taken from it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await second.get(job.id)).toMatchObject({ state: 'active', attempts: 1 });
    expect(calls).toBe(1);
    release();
    expect(await settled(first, job.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(calls).toBe(1);
  } finally {
    release();
    await second?.close();
    await first.close();
  }
});

test('a job whose lease lapsed (its owner gone: a recreated container has a new hostname) runs again here', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const first = await createSqliteQueue({ outDir, concurrency: 0 });
  const { job } = await first.add(articleRequest(shortArticle(72)));
  await first.close();
  // What a container killed mid-job leaves: the job active, owned by a process of a host that is gone.
  const db = new Database(jobsDatabasePath(outDir));
  db.prepare(`UPDATE jobs SET state = 'active', attempts = 1, started_at = ?, owner = ? WHERE id = ?`).run(Date.now() - 60_000, '1 newscast-7d9f4c-old', job.id);
  db.close();
  const second = await createSqliteQueue({ outDir, concurrency: 1, leaseMs: 1000 });
  try {
    const ended = await Promise.race([settled(second, job.id), new Promise<undefined>((resolve) => setTimeout(resolve, 20_000))]);
    expect(ended).toMatchObject({ state: 'done', attempts: 2 });
  } finally {
    await second.close();
  }
});

test('a store made before leases gains its heartbeat_at column when opened, its jobs kept', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const first = await createSqliteQueue({ outDir, concurrency: 0 });
  const { job } = await first.add(articleRequest(shortArticle(73)));
  await first.close();
  const db = new Database(jobsDatabasePath(outDir));
  db.exec('ALTER TABLE jobs DROP COLUMN heartbeat_at');
  db.close();
  const second = await createSqliteQueue({ outDir, concurrency: 1 });
  try {
    expect(await settled(second, job.id)).toMatchObject({ state: 'done', attempts: 1 });
  } finally {
    await second.close();
  }
  const reopened = new Database(jobsDatabasePath(outDir));
  expect((reopened.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((column) => column.name)).toContain('heartbeat_at');
  reopened.close();
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

test('a store from before inputs were dropped has its ended jobs’ inputs dropped when it is opened, and keeps the waiting ones’', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-queue-'));
  const first = await createSqliteQueue({ outDir, concurrency: 0 });
  const ended = await first.add(articleRequest(shortArticle(44)));
  const waiting = await first.add(articleRequest(shortArticle(45)));
  await first.close();
  const db = new Database(jobsDatabasePath(outDir));
  db.prepare(`UPDATE jobs SET state = 'done', finished_at = ?, result = ? WHERE id = ?`).run(Date.now(), JSON.stringify({ slug: 'gone' }), ended.job.id);
  db.pragma('user_version = 0'); // as stores made before inputs were dropped are
  db.close();
  const again = await createSqliteQueue({ outDir, concurrency: 0 });
  await again.close();
  const reader = new Database(jobsDatabasePath(outDir), { readonly: true });
  const lengths = Object.fromEntries((reader.prepare('SELECT id, length(content) AS bytes FROM jobs').all() as { id: string; bytes: number }[]).map((row) => [row.id, row.bytes]));
  // Marked done, so no later start reads every ended job again.
  expect(reader.pragma('user_version', { simple: true })).toBe(1);
  reader.close();
  expect(lengths).toEqual({ [ended.job.id]: 0, [waiting.job.id]: Buffer.byteLength(shortArticle(45)) });
});
