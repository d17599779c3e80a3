// The jobs inside `newscast serve OUT` and `newscast watch DIR`: a service over OUT, its sources
// (a watched folder, newsroom feeds), a line on stderr for each job that ends, and a stop on
// SIGINT or SIGTERM that lets running jobs finish (a second signal stops at once, as everywhere).
import { existsSync } from 'node:fs';
import { NewscastError } from '../errors.js';
import { exitCleanlyOnSignals, stopExitingOnSignals } from '../interrupt.js';
import { prepareOutputFolder } from '../output-folder.js';
import type { SharedLock } from '../publish/output-lock.js';
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
  /** --feed-private-pages: item pages on any private address are fetched (feed-fetch.ts). */
  feedPrivatePages?: boolean;
  /** serve --redis: jobs go on BullMQ (queue `queue`) and `newscast worker` processes run them. */
  redis?: string;
  queue?: string;
}

export interface RunningJobs {
  service: Service;
  /** Stops the sources, then the service: running jobs finish, waiting ones stay in the store for the next start. */
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
  let watcher: FolderWatcher | undefined;
  try {
    watcher = watchDir === undefined ? undefined : await watchFolder({ dir: watchDir, service, jobOptions, onMessage: say });
  } catch (error) {
    await service.close();
    throw error;
  }
  const feeds: FeedSource[] = flags.sourceFeed.map((url) => startFeedSource({ url, service, jobOptions, intervalMs: flags.poll * 1000, onMessage: say, allowPrivateAddresses: flags.feedPrivatePages === true }));
  return {
    service,
    async close() {
      // Intake first: no file or feed item is taken after this, and no waiting job starts once
      // the service closes; then the files of the jobs that ended are moved, the rest left in place.
      await watcher?.stop();
      await Promise.all(feeds.map((feed) => feed.close()));
      await service.close();
      await watcher?.close();
    },
  };
}

/**
 * `newscast serve OUT`: the server listens first and the service starts once it does, so a server
 * that cannot start (a port in use, an address not this machine's) leaves nothing in OUT; a
 * request in between waits for the service. OUT is proven writable beforehand.
 */
export async function serveWithJobs<Flags extends JobsFlags>(
  outDir: string,
  flags: Flags,
  serve: (outDir: string, flags: Flags, routes: MountRoutes[], extra: { sharedLock?: SharedLock }) => Promise<void>,
): Promise<void> {
  if (existsSync(outDir)) await prepareOutputFolder(outDir); // else serve says there is no folder
  let started: (service: Service) => void = () => undefined;
  const service = new Promise<Service>((resolve) => (started = resolve));
  let jobs: RunningJobs | undefined;
  // DELETE rebuilds the feed: with --redis, under the queue's publishing lock, once the service has it.
  const sharedLock = flags.redis === undefined ? undefined : async <T>(work: () => Promise<T>): Promise<T> => {
    const lock = (await service).publishingLock;
    return lock ? lock(work) : work();
  };
  await serve(outDir, flags, [jobRoutes(service), (_router, server) => server.onClose(async () => jobs?.close())], { sharedLock });
  try {
    jobs = await startJobs(outDir, flags);
  } catch (error) {
    // The server is up and would keep the process alive: say why, and stop.
    const failure = error instanceof NewscastError ? error : new NewscastError('internal', (error as Error).message);
    say(`error: ${failure.message}${failure.hint ? `\n  ${failure.hint}` : ''}`);
    process.exit(failure.exitCode);
  }
  started(jobs.service);
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
      say(`stopping (${signal}): running jobs finish first, waiting ones run at the next start; a second signal stops at once.`);
      void jobs.close().then(() => process.exit(0));
    });
  }
}
