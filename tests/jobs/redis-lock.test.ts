// The publishing lock in Redis (src/jobs/redis-lock.ts), against a real redis-server: holders take
// turns, a dead holder's lock expires, and a holder whose lock expired never releases the next one's.
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { redisLock } from '../../src/jobs/redis-lock.js';
import { classifyError } from '../../src/jobs/run-job.js';
import { startRedis, type RedisServer } from './redis-server.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

test('holders on several connections take turns: never two inside at once', async () => {
  const clients = [redis, new Redis(server.url), new Redis(server.url)];
  let inside = 0;
  let mostInside = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 9 }, (_, index) =>
      redisLock(clients[index % 3]!, 'test:turns')(async () => {
        inside++;
        mostInside = Math.max(mostInside, inside);
        await sleep(15);
        order.push(index);
        inside--;
      }),
    ),
  );
  expect(mostInside).toBe(1);
  expect(order.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  expect(await redis.exists('test:turns')).toBe(0);
  for (const client of clients.slice(1)) client.disconnect();
});

test('a lock whose holder died is taken once it expires', async () => {
  await redis.set('test:dead', 'a worker that was SIGKILLed', 'PX', 300);
  const started = Date.now();
  await redisLock(redis, 'test:dead')(async () => undefined);
  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
});

test('a live holder keeps its lock past the expiry, by extending it', async () => {
  let secondIn = false;
  const first = redisLock(redis, 'test:long', { ttlMs: 300 })(async () => {
    await sleep(1_000);
    expect(secondIn).toBe(false);
  });
  await sleep(50);
  const second = redisLock(redis, 'test:long', { ttlMs: 300 })(async () => {
    secondIn = true;
  });
  await Promise.all([first, second]);
  expect(secondIn).toBe(true);
});

test("a holder whose lock was lost does not release the next holder's", async () => {
  await redisLock(redis, 'test:lost')(async () => {
    await redis.set('test:lost', 'another worker took it after expiry');
  });
  expect(await redis.get('test:lost')).toBe('another worker took it after expiry');
});

test('waiting too long is a dependency error that names the lock, and a job meeting it is retried later', async () => {
  await redis.set('test:stuck', 'held', 'PX', 5_000);
  const error = await redisLock(redis, 'test:stuck', { maxWaitMs: 200 })(async () => undefined).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ kind: 'dependency', message: expect.stringContaining('test:stuck') });
  expect(classifyError(error).transient).toBe(true);
});
