// Issue 15 with real parts: a real redis-server, `newscast worker` processes (dist/cli.js) taking
// jobs a client put on BullMQ, flite-wasm voicing, episodes checked against their manifests and the
// feed read back. Short lock and stalled-check times (--lock-duration, --stalled-interval) make a
// killed worker's job move on in seconds; NEWSCAST_PAUSE_AT (src/checkpoint.ts) holds a worker at
// a named point of the pipeline until it is killed there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openBullMqQueue, type BullMqQueue } from '../../src/jobs/bullmq-queue.js';
import type { Job } from '../../src/jobs/queue.js';
import { writeFeed } from '../../src/publish/feed.js';
import { runCli } from '../e2e/cli.js';
import { articleRequest, settled, shortArticle } from './queue-contract.js';
import { freePort, startRedis, type RedisServer } from './redis-server.js';
import { episodeFolders, expectOnlyWholeEpisodes, feedEnclosures, startWorker, stopWorker, type WorkerProcess } from './worker-processes.js';

let redis: RedisServer;
let cache: string;
let queueNumber = 0;
const workers: WorkerProcess[] = [];
const clients: BullMqQueue[] = [];

beforeAll(async () => {
  redis = await startRedis({ persistent: true });
  cache = mkdtempSync(join(tmpdir(), 'newscast-cache-'));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await redis.stop();
});

/** A show: its OUT (with a feed, as `serve` makes it) and its own queue name. */
async function show(): Promise<{ outDir: string; queue: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-show-'));
  await writeFeed(outDir);
  return { outDir, queue: `show${++queueNumber}` };
}

/** A client that submits and follows jobs and runs none (what `serve --redis` is). */
async function client(queue: string, outDir: string): Promise<BullMqQueue> {
  const opened = await openBullMqQueue({ redisUrl: redis.url, queueName: queue, outDir, concurrency: 0 });
  clients.push(opened);
  return opened;
}

function worker(queue: string, outDir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const started = startWorker(['--redis', redis.url, '-o', outDir, '--queue', queue, ...extra], { NEWSCAST_CACHE_DIR: cache, ...env });
  workers.push(started);
  return started;
}

const quickStalls = ['--lock-duration', '2', '--stalled-interval', '1'];

describe('newscast worker on BullMQ', () => {
  test('jobs from one client are done by several worker processes, each job once', async () => {
    const { outDir, queue } = await show();
    const pool = [worker(queue, outDir), worker(queue, outDir), worker(queue, outDir)];
    await Promise.all(pool.map((w) => w.waitFor(/taking jobs/)));
    const submitter = await client(queue, outDir);
    const added = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => submitter.add(articleRequest(shortArticle(n, 'Ashford')))));
    const jobs = await Promise.all(added.map(({ job }) => settled(submitter, job.id)));
    expect(jobs.map((job) => job.state)).toEqual(Array(6).fill('done'));
    const doneBy = pool.map((w) => w.doneJobs());
    expect(doneBy.flat().sort()).toEqual(jobs.map((job) => job.id.slice(0, 8)).sort());
    expect(doneBy.filter((done) => done.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(episodeFolders(outDir)).toHaveLength(6);
    expect(feedEnclosures(outDir)).toHaveLength(6);
    expectOnlyWholeEpisodes(outDir);
  });

  for (const stage of ['assemble', 'swap'] as const) {
    test(`a worker SIGKILLed at ${stage} has its job finished by another: one episode, nothing partial`, async () => {
      const { outDir, queue } = await show();
      const doomed = worker(queue, outDir, quickStalls, { NEWSCAST_PAUSE_AT: stage });
      await doomed.waitFor(/taking jobs/);
      const submitter = await client(queue, outDir);
      const { job } = await submitter.add(articleRequest(shortArticle(20, 'Carlow')));
      await doomed.waitFor(new RegExp(`paused at ${stage}`));
      const rescuer = worker(queue, outDir, quickStalls);
      await rescuer.waitFor(/taking jobs/);
      doomed.child.kill('SIGKILL');
      const done = await settled(submitter, job.id);
      expect(done).toMatchObject({ state: 'done', attempts: 2 });
      expect(rescuer.doneJobs()).toEqual([job.id.slice(0, 8)]);
      expect(episodeFolders(outDir)).toEqual([done.result!.slug]);
      expect(feedEnclosures(outDir)).toHaveLength(1);
      expectOnlyWholeEpisodes(outDir);
    });
  }

  test('SIGTERM lets the running job finish, then the worker exits 0; a second SIGTERM hands it back', async () => {
    const { outDir, queue } = await show();
    const submitter = await client(queue, outDir);
    const graceful = worker(queue, outDir);
    await graceful.waitFor(/taking jobs/);
    const { job } = await submitter.add(articleRequest(shortArticle(30, 'Dunmore')));
    await graceful.waitFor(/: render/);
    graceful.child.kill('SIGTERM');
    expect(await graceful.exited).toEqual({ code: 0, signal: null });
    expect(graceful.log()).toMatch(/SIGTERM: taking no more jobs; finishing the 1 running/);
    expect(await submitter.get(job.id)).toMatchObject({ state: 'done', attempts: 1 });

    const handing = worker(queue, outDir, [], { NEWSCAST_PAUSE_AT: 'assemble' });
    const second = await submitter.add(articleRequest(shortArticle(31, 'Dunmore')));
    await handing.waitFor(/paused at assemble/);
    handing.child.kill('SIGTERM');
    await handing.waitFor(/SIGTERM again hands it back/);
    handing.child.kill('SIGTERM');
    expect(await handing.exited).toEqual({ code: 143, signal: null });
    expect(handing.log()).toMatch(/handed 1 job back to the queue/);
    expect(await submitter.get(second.job.id)).toMatchObject({ state: 'waiting' });
    const taker = worker(queue, outDir);
    expect(await settled(submitter, second.job.id)).toMatchObject({ state: 'done' });
    expect(taker.doneJobs()).toEqual([second.job.id.slice(0, 8)]);
    expect(episodeFolders(outDir)).toHaveLength(2);
    expectOnlyWholeEpisodes(outDir);
  });

  test('Redis restarted mid-run (killed, then back from its append-only file): every job is still done, once', async () => {
    const { outDir, queue } = await show();
    const pool = [worker(queue, outDir), worker(queue, outDir)];
    await Promise.all(pool.map((w) => w.waitFor(/taking jobs/)));
    const submitter = await client(queue, outDir);
    const added = await Promise.all(Array.from({ length: 8 }, (_, n) => submitter.add(articleRequest(shortArticle(40 + n, 'Eastleigh')))));
    await pool[0]!.waitFor(/: render/);
    await redis.restart({ crash: true, downMs: 1_000 });
    await Promise.all(pool.map((w) => w.waitFor(/Redis at .* is back/)));
    const jobs: Job[] = await Promise.all(added.map(({ job }) => settled(submitter, job.id)));
    expect(jobs.map((job) => job.state)).toEqual(Array(8).fill('done'));
    expect(pool.flatMap((w) => w.doneJobs()).sort()).toEqual(jobs.map((job) => job.id.slice(0, 8)).sort());
    expect(episodeFolders(outDir)).toHaveLength(8);
    expect(feedEnclosures(outDir)).toHaveLength(8);
    expectOnlyWholeEpisodes(outDir);
  });

  test('refused at start: a --redis that is no redis:// URL (exit 2, the password never shown), a Redis that is not there (exit 3), serve --redis with --concurrency (exit 2)', async () => {
    const { outDir } = await show();
    const notUrl = await runCli(['worker', '--redis', 'localhost:secret@6379', '-o', outDir]);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/--redis must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(notUrl.stderr).not.toContain('secret');
    const port = await freePort();
    const absent = await runCli(['worker', '--redis', `redis://:secret@127.0.0.1:${port}`, '-o', outDir]);
    expect(absent.code).toBe(3);
    expect(absent.stderr).toContain(`Cannot connect to Redis at 127.0.0.1:${port}`);
    expect(absent.stderr).toContain('Start Redis');
    expect(absent.stderr).not.toContain('secret');
    const both = await runCli(['serve', outDir, '--redis', redis.url, '--concurrency', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/With --redis, serve runs no job itself[\s\S]*newscast worker/);
  });

  test('the same article from two clients at once is one job and one episode', async () => {
    const { outDir, queue } = await show();
    const [first, second] = [await client(queue, outDir), await client(queue, outDir)];
    const request = articleRequest(shortArticle(50, 'Fenwick'));
    const answers = await Promise.all([first.add(request), second.add(request)]);
    expect(answers[0].job.id).toBe(answers[1].job.id);
    expect(answers.map((answer) => answer.created).sort()).toEqual([false, true]);
    worker(queue, outDir, ['--concurrency', '2']);
    await settled(first, answers[0].job.id);
    expect(await first.list()).toHaveLength(1);
    expect(episodeFolders(outDir)).toHaveLength(1);
  });
});
