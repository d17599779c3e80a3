// `newscast serve OUT --redis URL` and `newscast worker` as processes over a real redis-server,
// through real HTTP: articles POSTed to one server are voiced by several workers, a client
// following a job hears its progress from whichever worker runs it, a POST while Redis is down is a
// 503 at once and the service carries on once it is back, one article from two clients at once is
// one job, and 100 jobs leave a feed of 100 items.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { shortArticle } from '../jobs/queue-contract.js';
import { startRedis, type RedisServer } from '../jobs/redis-server.js';
import { episodeFolders, expectOnlyWholeEpisodes, feedEnclosures, startWorker, stopWorker, type WorkerProcess } from '../jobs/worker-processes.js';
import { followJobEvents } from '../server/http.js';
import { decode } from './audio-reader.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Serving {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

let redis: RedisServer;
let cache: string;
let showNumber = 0;
const processes: ChildProcess[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis({ persistent: true });
  cache = mkdtempSync(join(tmpdir(), 'newscast-cache-'));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
  await Promise.all(
    processes.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
    }),
  );
});
afterAll(async () => {
  await redis.stop();
});

/** A show's folder and queue; `serve OUT --redis` on a free port. */
async function serveShow(): Promise<{ out: string; queue: string; server: Serving }> {
  const out = mkdtempSync(join(tmpdir(), 'newscast-redis-show-'));
  const queue = `serve${++showNumber}`;
  const server = await new Promise<Serving>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', out, '--redis', redis.url, '--queue', queue, '--port', '0', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
    processes.push(child);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const listening = / at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (listening) resolve({ child, url: listening[1]!, stderr: () => stderr });
    });
    child.on('close', () => reject(new Error(`serve ended before listening: ${stderr}`)));
  });
  return { out, queue, server };
}

function worker(queue: string, out: string, extra: string[] = []): WorkerProcess {
  const started = startWorker(['--redis', redis.url, '-o', out, '--queue', queue, ...extra], { NEWSCAST_CACHE_DIR: cache });
  workers.push(started);
  return started;
}

/** POSTs an article; a hang is a failure, not a wait. */
async function post(server: Serving, article: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}api/episodes?engine=flite-wasm`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: article, signal: AbortSignal.timeout(20_000) });
  return { status: response.status, body: await response.json() };
}


async function jobOf(server: Serving, id: string): Promise<any> {
  return ((await (await fetch(`${server.url}api/jobs/${id}`)).json()) as { job: unknown }).job;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('serve --redis with worker processes', () => {
  test('articles POSTed to one server are voiced by several workers; events carry progress from the worker running the job; DELETE rebuilds the feed', async () => {
    const { out, queue, server } = await serveShow();
    const pool = [worker(queue, out), worker(queue, out)];
    await Promise.all(pool.map((w) => w.waitFor(/taking jobs/)));
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const { status, body } = await post(server, shortArticle(n, 'Greyfield'));
      expect(status).toBe(202);
      ids.push(body.job.id);
    }
    const events = (await followJobEvents(server.url, ids[3]!)).events;
    expect(events.at(-1)!.event).toBe('done');
    const stages = new Set(events.filter((event) => event.event === 'progress').map((event) => event.data.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['render', 'assemble', 'publish']));
    await until(async () => (await Promise.all(ids.map((id) => jobOf(server, id)))).every((job) => job.state === 'done'), 'every job done', 50_000);
    const doneBy = pool.map((w) => w.doneJobs());
    expect(doneBy.flat().sort()).toEqual(ids.map((id) => id.slice(0, 8)).sort());
    expect(doneBy.every((done) => done.length > 0)).toBe(true);
    const slug = (await jobOf(server, ids[0]!)).result.slug as string;
    const audio = await fetch(`${server.url}${slug}/episode.mp3`);
    const fetched = join(mkdtempSync(join(tmpdir(), 'newscast-fetched-')), 'episode.mp3');
    writeFileSync(fetched, Buffer.from(await audio.arrayBuffer()));
    expect((await decode(fetched)).length).toBeGreaterThan(16_000);
    expect(feedEnclosures(out)).toHaveLength(4);
    expect((await fetch(`${server.url}api/episodes/${slug}`, { method: 'DELETE' })).status).toBe(200);
    expect(feedEnclosures(out)).toHaveLength(3);
    expect(episodeFolders(out)).not.toContain(slug);
    expectOnlyWholeEpisodes(out);
  });

  test('Redis down: a POST gets a 503 dependency error at once, not a hang; back up, the server and the worker carry on', async () => {
    const { out, queue, server } = await serveShow();
    const w = worker(queue, out);
    await w.waitFor(/taking jobs/);
    let whileDown: { status: number; body: any } | undefined;
    await redis.restart({
      whileDown: async () => {
        whileDown = await post(server, shortArticle(10, 'Hartley'));
      },
    });
    expect(whileDown).toMatchObject({ status: 503, body: { error: { kind: 'dependency', message: expect.stringMatching(/^Redis at 127\.0\.0\.1:\d+ cannot be reached .*nothing was queued/) } } });
    expect(whileDown!.body.error.hint).toMatch(/try again/i);
    await until(async () => (await post(server, shortArticle(10, 'Hartley'))).status !== 503, 'the server to reconnect', 20_000);
    const { body } = await post(server, shortArticle(10, 'Hartley'));
    await until(async () => (await jobOf(server, body.job.id)).state === 'done', 'the job after the outage', 50_000);
    expect(server.stderr()).toMatch(/lost Redis at .*reconnecting[\s\S]*Redis at .* is back/);
    expect(w.log()).toMatch(/Redis at .* is back/);
    expect(episodeFolders(out)).toHaveLength(1);
  });

  test('the same article POSTed by two clients at once: one 202, one 200, one job, one episode', async () => {
    const { out, queue, server } = await serveShow();
    const answers = await Promise.all([post(server, shortArticle(20, 'Inverby')), post(server, shortArticle(20, 'Inverby'))]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 202]);
    expect(answers[0]!.body.job.id).toBe(answers[1]!.body.job.id);
    worker(queue, out);
    await until(async () => (await jobOf(server, answers[0]!.body.job.id)).state === 'done', 'the job', 50_000);
    expect(episodeFolders(out)).toHaveLength(1);
    expect(feedEnclosures(out)).toHaveLength(1);
  });

  test('a 100-job run through two workers leaves a feed with 100 items, each job done once', async () => {
    const { out, queue, server } = await serveShow();
    const pool = [worker(queue, out, ['--concurrency', '2']), worker(queue, out, ['--concurrency', '2'])];
    const ids: string[] = [];
    for (let n = 0; n < 100; n++) ids.push((await post(server, shortArticle(100 + n, 'Jarrow'))).body.job.id);
    expect(new Set(ids).size).toBe(100);
    await until(async () => {
      const response = await fetch(`${server.url}api/jobs?state=done&limit=1000`);
      return ((await response.json()) as { jobs: unknown[] }).jobs.length === 100;
    }, '100 jobs done', 850_000);
    expect(episodeFolders(out)).toHaveLength(100);
    expect(feedEnclosures(out)).toHaveLength(100);
    expect(pool.flatMap((w) => w.doneJobs()).sort()).toEqual(ids.map((id) => id.slice(0, 8)).sort());
    expectOnlyWholeEpisodes(out);
  }, 900_000);
});
