// `newscast serve OUT --redis URL`: the service's queue is BullMQ's, and the service runs no job
// itself: `newscast worker` processes do, on this machine or others (scaling the voicing apart from
// the API, and a server restart never interrupts a job). Loaded only with --redis.
import { parseRedisUrl, type ConnectionListener } from './redis-connection.js';
import type { JobQueue, QueueSettings } from './queue.js';

export function bullMqQueueFactory(redisUrl: string, queueName: string, onConnection: ConnectionListener): (settings: QueueSettings) => Promise<JobQueue> {
  parseRedisUrl(redisUrl);
  return async (settings) => {
    const { openBullMqQueue } = await import('./bullmq-queue.js');
    return openBullMqQueue({ ...settings, concurrency: 0, redisUrl, queueName, onConnection });
  };
}
