// One publisher at a time across machines: workers on several hosts share OUTDIR (over NFS, say),
// where the file lock in OUTDIR (publish/output-lock.ts) is judged by host and process id, and a
// lock of another host's process cannot be told stale for a day. So with Redis, publishing is
// serialized by a key in Redis as well: SET NX PX takes it with an expiry (a worker that dies
// holding it frees it within `ttlMs`), it is extended while held, and released only by the token
// that took it (a Lua compare-and-delete), never a lock that expired and another worker now holds.
// A holder paused past the expiry is caught before it changes OUTDIR: the file lock a worker on
// another host took over no longer names it (output-lock.ts: confirm, just before the swap).
// The single-instance pattern of redis.io's "Distributed locks" page; no library: redlock's last
// stable release is from 2020 and its v5 is a beta, and this is the whole of what is needed.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { NewscastError } from '../errors.js';
import type { SharedLock } from '../publish/output-lock.js';

const releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const extendScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface RedisLockOptions {
  /** How long the lock outlives a holder that stopped extending it (died). */
  ttlMs?: number;
  /** How long to wait for it before giving up. */
  maxWaitMs?: number;
}

/** A SharedLock on `key` in Redis, for withOutputLock to take around its file lock. */
export function redisLock(redis: Redis, key: string, options: RedisLockOptions = {}): SharedLock {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  return async (work) => {
    const token = randomBytes(16).toString('hex');
    const started = Date.now();
    for (let attempt = 0; (await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK'; attempt++) {
      if (Date.now() - started > maxWaitMs) {
        // EBUSY: a job that meets it is retried later (run-job.ts: classifyError), a request gets a 503.
        const busy = Object.assign(new Error(`${key} is held`), { code: 'EBUSY' });
        throw new NewscastError('dependency', `Another worker has held the publishing lock ${key} in Redis for ${Math.round(maxWaitMs / 1000)} s.`, 'A worker may be stuck publishing; it expires by itself if that worker has died.', { cause: busy });
      }
      await sleep(Math.min(20 * 2 ** attempt, 250));
    }
    // Extended while held; a failed extension (Redis away for a moment) is retried on the next tick.
    const extend = setInterval(() => void redis.eval(extendScript, 1, key, token, ttlMs).catch(() => undefined), ttlMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(extend);
      await redis.eval(releaseScript, 1, key, token).catch(() => undefined); // unreleased, it expires
    }
  };
}
