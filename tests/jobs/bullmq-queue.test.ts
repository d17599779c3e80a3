// The queue contract (queue-contract.ts) against the BullMQ implementation and a real redis-server:
// each queue over its own OUT gets its own BullMQ queue name, as each show would.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openBullMqQueue } from '../../src/jobs/bullmq-queue.js';
import { describeQueueContract } from './queue-contract.js';
import { startRedis, type RedisServer } from './redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describeQueueContract('BullMQ on Redis', (settings) =>
  openBullMqQueue({ ...settings, redisUrl: redis.url, queueName: `show-${createHash('sha256').update(settings.outDir).digest('hex').slice(0, 12)}` }),
);
