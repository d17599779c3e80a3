// The --redis URL: checked before anything connects, and shown without its password.
import { NewscastError } from '../errors.js';

/** host:port of a Redis URL, never its password. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the Redis URL';
  }
}

/** Checks a --redis value: redis:// or rediss:// (TLS), host, optional port, password and database. */
export function parseRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NewscastError('usage', 'The --redis value is not a URL.', 'Give one like redis://localhost:6379 (rediss:// for TLS; redis://:PASSWORD@host:6379/0 with a password).');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new NewscastError('usage', `--redis must be a redis:// or rediss:// URL, not ${parsed.protocol}//.`, 'Give one like redis://localhost:6379.');
  }
  return url;
}
