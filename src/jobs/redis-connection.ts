// Connections to Redis, set up the way BullMQ's guide asks: a client that submits (the service)
// fails a command at once while Redis is away (`enableOfflineQueue: false`), so a submission gets
// a 503 in milliseconds instead of hanging; a worker's and the event listener's connections retry
// every command for ever (`maxRetriesPerRequest: null`), so they carry on when Redis is back.
// ioredis reconnects by itself in both cases.
import { Redis } from 'ioredis';
import { NewscastError } from '../errors.js';
import { redisAddress } from './redis-url.js';

type RedisRole = 'producer' | 'worker';

/** What a process hears about its connection: lost (with why) and back. */
export type ConnectionListener = (event: { up: boolean; message: string }) => void;

export function redisClient(url: string, role: RedisRole, onConnection?: ConnectionListener): Redis {
  const client = new Redis(url, role === 'producer' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { maxRetriesPerRequest: null });
  let connected = false;
  let lost = false;
  // Without an 'error' listener ioredis logs every failed reconnection attempt; one line per outage
  // is enough (none before the first connection: waitForRedis reports that).
  client.on('error', (error: Error) => {
    if (lost || !connected) return;
    lost = true;
    onConnection?.({ up: false, message: `lost Redis at ${redisAddress(url)} (${error.message}); reconnecting` });
  });
  client.on('ready', () => {
    connected = true;
    if (!lost) return;
    lost = false;
    onConnection?.({ up: true, message: `Redis at ${redisAddress(url)} is back` });
  });
  return client;
}

/** Resolves once `client` is connected; a dependency error, with the last reason heard, after `timeoutMs` (at start-up Redis must be there). */
export async function waitForRedis(client: Redis, url: string, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return;
  let lastError = 'no answer';
  const onError = (error: Error) => (lastError = error.message);
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(unreachable(url, lastError, true)), timeoutMs);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    client.off('error', onError);
  }
}

/** The error for a command that could not reach Redis. */
function unreachable(url: string, why: string, atStart = false): NewscastError {
  if (atStart) return new NewscastError('dependency', `Cannot connect to Redis at ${redisAddress(url)} (${why}).`, 'Start Redis (apt-get install redis-server), or check the --redis URL.');
  return new NewscastError('dependency', `Redis at ${redisAddress(url)} cannot be reached (${why}): nothing was queued or changed.`, 'Try again in a moment: the service reconnects by itself once Redis is back.');
}

/** Runs commands on `client`, a failure while it is not connected becoming a dependency error (503 in the API). */
export async function reaching<T>(client: Redis, url: string, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (client.status === 'ready') throw error;
    throw unreachable(url, (error as Error).message);
  }
}
