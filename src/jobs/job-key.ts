// A job's id is its idempotency key: a hash of what decides the episode (the input's bytes, its
// format, the options that change the sound), or of the key the caller gave. The same story sent
// twice, by a retrying CMS or two editors, is one job and one episode. Options at their defaults
// count as absent, so `{ rate: 1 }` and `{}` are the same job. A bulletin's id is a hash of every
// article's bytes and format, in order, and its options: the same stories in another order are
// another bulletin.
import { createHash } from 'node:crypto';
import { isBulletin, type BulletinJobOptions, type JobRequest } from './queue.js';

const defaults: Partial<Record<keyof BulletinJobOptions, unknown>> = { engine: 'auto', template: 'default', rate: 1, skipBad: false };

/** The options with defaults and blanks dropped, keys sorted: equal options give equal text. */
function normalizedOptions(options: BulletinJobOptions): BulletinJobOptions {
  const kept = Object.entries(options)
    .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value] as const)
    .filter(([key, value]) => value !== undefined && value !== '' && defaults[key as keyof BulletinJobOptions] !== value)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(kept) as BulletinJobOptions;
}

/** 32 hex digits: safe in a URL, a file name and a BullMQ job id. */
export function jobIdFor(request: JobRequest): string {
  if (request.idempotencyKey !== undefined) return jobIdForKey(request.idempotencyKey);
  if (isBulletin(request)) {
    const articles = request.articles.map((article) => [contentHash(article.content), article.format]);
    return idOf(`bulletin\0${JSON.stringify([articles, normalizedOptions(request.options)])}`);
  }
  return idOf(`content\0${JSON.stringify([contentHash(request.content), request.format, normalizedOptions(request.options)])}`);
}

function contentHash(base64: string): string {
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

/** What the job makes, whatever key names it: the id its content and options alone would give. */
export function fingerprintOf(request: JobRequest): string {
  const { idempotencyKey: _, ...data } = request;
  return jobIdFor(data);
}

/** The id of the job a caller's idempotency key names. */
export function jobIdForKey(idempotencyKey: string): string {
  return idOf(`key\0${idempotencyKey}`);
}

function idOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
