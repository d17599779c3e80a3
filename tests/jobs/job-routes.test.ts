// A job's event stream when the queue's events fail it: an end whose event never came (BullMQ's
// read of the job failed while Redis was away) and a job that cannot be read at all. The queue is
// the real embedded store, wrapped to lose events and to be away; the server is real.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { jobRoutes } from '../../src/jobs/job-routes.js';
import type { JobQueue, QueueSettings } from '../../src/jobs/queue.js';
import { createService, type Service } from '../../src/jobs/service.js';
import { createSqliteQueue } from '../../src/jobs/sqlite-queue.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { shortArticle } from './queue-contract.js';

/** The embedded store, except that its done events are lost and, while `away`, every read fails. */
function faultyQueue(faults: { away: boolean; listeners: number }) {
  return async (settings: QueueSettings): Promise<JobQueue> => {
    const queue = await createSqliteQueue(settings);
    return {
      add: (request) => queue.add(request),
      async get(id) {
        if (faults.away) throw new Error('Redis is away');
        return queue.get(id);
      },
      list: (options) => queue.list(options),
      subscribe(listener) {
        faults.listeners++;
        const stop = queue.subscribe((event) => event.type !== 'done' && listener(event));
        let stopped = false;
        return () => {
          if (!stopped) faults.listeners--;
          stopped = true;
          stop();
        };
      },
      close: () => queue.close(),
    };
  };
}

const open: { server: RunningServer; service: Service }[] = [];
afterEach(async () => {
  for (const { server, service } of open.splice(0)) {
    await server.close();
    await service.close();
  }
});

async function start(faults: { away: boolean; listeners: number }) {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-job-routes-'));
  const service = await createService({ outDir, createQueue: faultyQueue(faults) });
  const server = await startServer({ outDir, port: 0, quiet: true, routes: [jobRoutes(service, { heartbeatMs: 200 })], log: () => {} });
  open.push({ server, service });
  return { service, server };
}

test('a job whose done event was lost still ends its stream (read again on each heartbeat) and settles', async () => {
  const faults = { away: false, listeners: 0 };
  const { service, server } = await start(faults);
  const { job } = await service.submit(shortArticle(61, 'Kelby'), { format: 'text', engine: 'flite-wasm' });
  const response = await fetch(`${server.url}api/jobs/${job.id}/events`, { signal: AbortSignal.timeout(40_000) });
  const text = await response.text();
  expect(text).toMatch(/event: done\ndata: .*"slug":"kelby-opens-reading-room-number-61"/);
  expect(await service.settled(job.id)).toMatchObject({ state: 'done' });
});

test('a stream whose job cannot be read (the store away) answers an error and leaves no listener behind', async () => {
  const faults = { away: false, listeners: 0 };
  const { server } = await start(faults);
  const before = faults.listeners;
  faults.away = true;
  const response = await fetch(`${server.url}api/jobs/${'0'.repeat(32)}/events`);
  expect(response.status).toBeGreaterThanOrEqual(500);
  await response.text();
  expect(faults.listeners).toBe(before);
});
