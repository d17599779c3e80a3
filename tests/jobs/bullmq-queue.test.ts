// The queue contract (queue-contract.ts) against the BullMQ implementation and a real redis-server:
// each queue over its own OUT gets its own BullMQ queue name, as each show would.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
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

const queueNameFor = (outDir: string): string => `show-${createHash('sha256').update(outDir).digest('hex').slice(0, 12)}`;

describeQueueContract(
  'BullMQ on Redis',
  (settings) => openBullMqQueue({ ...settings, redisUrl: redis.url, queueName: queueNameFor(settings.outDir) }),
  async (outDir, id) => {
    const client = new Redis(redis.url);
    try {
      // BullMQ's job hash, under its default prefix.
      const data = JSON.parse((await client.hget(`bull:${queueNameFor(outDir)}:${id}`, 'data'))!) as { content?: string; articles?: { content: string }[] };
      const inputs = data.articles?.map((article) => article.content) ?? [data.content!];
      return inputs.reduce((sum, content) => sum + Buffer.from(content, 'base64').length, 0);
    } finally {
      client.disconnect();
    }
  },
);
