// The jobs inside `newscast serve OUT` and `newscast watch DIR`: a service over OUT, its sources
// (a watched folder, newsroom feeds), a line on stderr for each job that ends, and a stop on
// SIGINT or SIGTERM that lets running jobs finish (a second signal stops at once, as everywhere).
import { existsSync } from 'node:fs';
import { exitCleanlyOnSignals, stopExitingOnSignals } from '../interrupt.js';
import type { SharedLock } from '../publish/output-lock.js';
import { checkToken, tokenVariable } from '../server/auth.js';
import type { MountRoutes } from '../server/router.js';
import { forTerminal } from '../terminal-text.js';
import { jobRoutes } from './job-routes.js';
import { startFeedSource, type FeedSource } from './feed-source.js';
import type { JobOptions } from './queue.js';
import { createService, type Service } from './service.js';
import { watchFolder, type FolderWatcher } from './watch-folder.js';

export interface JobsFlags {
  concurrency: number;
  sourceFeed: string[];
  /** Seconds between two readings of each feed. */
  poll: number;
  /** serve --redis: jobs go on BullMQ (queue `queue`) and `newscast worker` processes run them. */
  redis?: string;
  queue?: string;
}

export interface RunningJobs {
  service: Service;
  /** Stops the sources, then the service (running jobs finish). */
  close(): Promise<void>;
}

const say = (message: string) => process.stderr.write(`newscast: ${forTerminal(message)}\n`);

/** A service over `outDir` with the feeds of `flags` (and `watchDir`, for `newscast watch`). */
export async function startJobs(outDir: string, flags: JobsFlags, jobOptions: JobOptions = {}, watchDir?: string): Promise<RunningJobs> {
  // With --redis, `newscast worker` processes run the jobs, not this one.
  const createQueue = flags.redis === undefined ? undefined : (await import('./redis-service.js')).bullMqQueue({ redisUrl: flags.redis, queueName: flags.queue, onConnection: ({ message }) => say(message) });
  const service = await createService({ outDir, concurrency: flags.redis === undefined ? flags.concurrency : 0, createQueue });
  service.on('done', ({ job }) => say(`job ${job.id} (${job.name}) done: ${job.result!.slug}`));
  service.on('failed', ({ job }) => say(`job ${job.id} (${job.name}) failed: ${job.error?.message ?? ''}`));
  service.on('retrying', ({ job, error }) => say(`job ${job.id} (${job.name}) failed (${error.message}); attempt ${job.attempts + 1} of ${job.maxAttempts} at ${job.retryAt}`));
  const feeds: FeedSource[] = flags.sourceFeed.map((url) => startFeedSource({ url, service, jobOptions, intervalMs: flags.poll * 1000, onMessage: say }));
  const watcher: FolderWatcher | undefined = watchDir === undefined ? undefined : await watchFolder({ dir: watchDir, service, jobOptions, onMessage: say });
  return {
    service,
    async close() {
      await watcher?.close();
      await Promise.all(feeds.map((feed) => feed.close()));
      await service.close();
    },
  };
}

/**
 * `newscast serve OUT`: the server's own checks first (a token beyond loopback, a folder to
 * serve), so a server that cannot start never starts a job; then the service, its routes, the server.
 */
export async function serveWithJobs<Flags extends JobsFlags & { host: string }>(
  outDir: string,
  flags: Flags,
  serve: (outDir: string, flags: Flags, routes: MountRoutes[], extra: { sharedLock?: SharedLock }) => Promise<void>,
): Promise<void> {
  checkToken(flags.host, process.env[tokenVariable] || undefined);
  if (!existsSync(outDir)) return serve(outDir, flags, [], {}); // says there is no folder to serve
  const jobs = await startJobs(outDir, flags);
  try {
    await serve(outDir, flags, [jobRoutes(jobs.service), (_router, server) => server.onClose(() => jobs.close())], { sharedLock: jobs.service.publishingLock });
  } catch (error) {
    await jobs.close();
    throw error;
  }
}

/** `newscast watch DIR -o OUT`: runs until SIGINT or SIGTERM. */
export async function watch(dir: string, outDir: string, flags: JobsFlags, jobOptions: JobOptions): Promise<void> {
  const jobs = await startJobs(outDir, flags, jobOptions, dir);
  const feeds = flags.sourceFeed.length > 0 ? ` and ${flags.sourceFeed.length} feed${flags.sourceFeed.length === 1 ? '' : 's'}` : '';
  say(`watching ${dir}${feeds}; episodes go to ${outDir}, ${flags.concurrency} at a time. Ctrl-C stops.`);
  stopExitingOnSignals();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      exitCleanlyOnSignals();
      say(`stopping (${signal}): running jobs finish first; a second signal stops at once.`);
      void jobs.close().then(() => process.exit(0));
    });
  }
}
