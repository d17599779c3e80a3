// BullMQ as the service's queue: `createService({ createQueue: bullMqQueue({ redisUrl }) })`, and
// `newscast serve OUT --redis URL`, which runs no job itself (`newscast worker` processes do, on
// this machine or others: the voicing scales apart from the API, and restarting the server never
// interrupts a job). BullMQ and ioredis are loaded only when the queue is made.
import type { StallSettings } from './bullmq-queue.js';
import type { JobQueue, QueueSettings } from './queue.js';
import type { ConnectionListener } from './redis-connection.js';
import { parseRedisUrl } from './redis-url.js';

export interface BullMqQueueOptions {
  /** redis://[:password@]host[:port][/db], or rediss:// for TLS. */
  redisUrl: string;
  /** One per show (OUT): every server and worker of the show uses the same. Default "newscast". */
  queueName?: string;
  stalls?: StallSettings;
  /** Told when Redis is lost and when it is back. */
  onConnection?: ConnectionListener;
}

/** A createQueue for createService: jobs on BullMQ, run by this process when its concurrency is above 0. */
export function bullMqQueue(options: BullMqQueueOptions): (settings: QueueSettings) => Promise<JobQueue> {
  parseRedisUrl(options.redisUrl);
  return async (settings) => {
    const { openBullMqQueue } = await import('./bullmq-queue.js');
    return openBullMqQueue({ ...settings, ...options });
  };
}
