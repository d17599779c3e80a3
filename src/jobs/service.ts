// The library's face of the jobs: createService({ outDir }) gives submit, get, list, events and
// close over a queue (the embedded store unless another is given, e.g. BullMQ's). The HTTP API,
// `newscast watch` and the feed source all go through it. submit takes an article (or script), or
// a bulletin: several articles read into one episode.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NewscastError } from '../errors.js';
import { feedFileName } from '../publish/feed.js';
import { writeFeedAndSite } from '../publish/site/site.js';
import type { SharedLock } from '../publish/output-lock.js';
import { checkBulletinOptions, checkJobOptions, inputFormats, maxBulletinArticles, storyFormats } from './job-options.js';
import type { BulletinArticle, BulletinJobOptions, InputFormat, Job, JobEvent, JobOptions, JobQueue, JobRequest, JobState, QueueSettings, Submitted } from './queue.js';

export interface ServiceOptions {
  /** The show's folder: episodes, feed.xml and the job store (OUT/.newscast/) go there. */
  outDir: string;
  /** Jobs run at once (default 1: one job already uses every core for speech). */
  concurrency?: number;
  /** Attempts at most for a job that fails transiently (default 3). */
  maxAttempts?: number;
  /** Wait before the 2nd attempt, doubled for each one after (default 2000 ms). */
  backoffMs?: number;
  /** Another queue implementation (BullMQ); default the embedded SQLite store. */
  createQueue?: (settings: QueueSettings) => Promise<JobQueue>;
  /** Wraps the runner (tests inject faults); default runJob. */
  runner?: QueueSettings['runner'];
}

export interface SubmitOptions extends JobOptions {
  /** What the input is; default auto (judged from the text, as for a file without an extension). */
  format?: InputFormat;
  /** Names the input in messages and episode.json's source (a file name, a link). */
  name?: string;
  /** The caller's key: the same key gives the same job, whatever the content. */
  idempotencyKey?: string;
}

/** One story of a bulletin: an article, as submit takes one alone (a script cannot be a story). */
export interface BulletinStory {
  article: string | Uint8Array;
  /** Default auto (judged from the text). */
  format?: BulletinArticle['format'];
  /** Names the story in messages and in the episode's leftOut; default "story-N". */
  name?: string;
}

/** A bulletin: at least two stories, read in this order into one episode, and `newscast bulletin`'s options. */
export interface BulletinSubmission extends BulletinJobOptions {
  articles: BulletinStory[];
  /** Names the job in lists; default "bulletin". */
  name?: string;
  /** The caller's key: the same key gives the same job, whatever the stories. */
  idempotencyKey?: string;
}

export interface ServiceEvents {
  progress: Extract<JobEvent, { type: 'progress' }>;
  retrying: Extract<JobEvent, { type: 'retrying' }>;
  done: Extract<JobEvent, { type: 'done' }>;
  failed: Extract<JobEvent, { type: 'failed' }>;
}

export interface Service {
  readonly outDir: string;
  /** The queue's publishingLock (BullMQ: a lock in Redis): a caller that rebuilds OUT's feed itself holds it too. */
  readonly publishingLock?: SharedLock;
  /** Queues `input` (an article or, with format ssml, a script); the same input and options again give the same job. */
  submit(input: string | Uint8Array, options?: SubmitOptions): Promise<Submitted>;
  /** Queues a bulletin; the same stories in the same order with the same options again give the same job. */
  submit(bulletin: BulletinSubmission): Promise<Submitted>;
  get(id: string): Promise<Job | undefined>;
  list(options?: { state?: JobState; limit?: number }): Promise<Job[]>;
  /** Listens to every job's events of one type; returns the function that stops listening. */
  on<T extends keyof ServiceEvents>(type: T, listener: (event: ServiceEvents[T]) => void): () => void;
  /** Every event of every job; returns the function that stops listening. */
  subscribe(listener: (event: JobEvent) => void): () => void;
  /** The job once it is done or failed (rejected if the service closes first: the job waits in the store for the next start). */
  settled(id: string): Promise<Job>;
  /** Stops taking jobs and waits for the running ones; waiting jobs stay in the store. */
  close(): Promise<void>;
}

/** The queue's request for `input` and `options`, options checked (a usage error names the wrong one). */
export function jobRequest(input: string | Uint8Array, options: SubmitOptions = {}): JobRequest {
  const { format = 'auto', name, idempotencyKey, ...jobOptions } = options;
  if (!inputFormats.includes(format)) {
    throw new NewscastError('usage', `Unknown format "${String(format)}".`, `Use one of: ${inputFormats.join(', ')}.`);
  }
  const content = bytes(input).toString('base64');
  return { format, content, name, options: checkJobOptions(jobOptions), ...(idempotencyKey !== undefined && { idempotencyKey }) };
}

const bytes = (input: string | Uint8Array): Buffer => (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input));

/** The queue's request for a bulletin, options checked (a usage error names the wrong one). */
export function bulletinRequest(bulletin: BulletinSubmission): JobRequest {
  const { articles, name, idempotencyKey, ...options } = bulletin;
  if (!Array.isArray(articles) || articles.length < 2 || articles.length > maxBulletinArticles) {
    throw new NewscastError('usage', `A bulletin takes 2 to ${maxBulletinArticles} articles, not ${Array.isArray(articles) ? articles.length : 'none'}.`, 'Submit a single article as an episode; split a longer round-up into several bulletins.');
  }
  const stories = articles.map(({ article, format = 'auto', name: storyName }, index): BulletinArticle => {
    if (!storyFormats.includes(format)) {
      throw new NewscastError('usage', `Story ${index + 1}: format "${String(format)}" is not an article's.`, `Use one of: ${storyFormats.join(', ')}.`);
    }
    return { format, content: bytes(article).toString('base64'), ...(storyName !== undefined && { name: storyName }) };
  });
  return { kind: 'bulletin', articles: stories, ...(name !== undefined && { name }), options: checkBulletinOptions(options), ...(idempotencyKey !== undefined && { idempotencyKey }) };
}

function isBulletinSubmission(input: string | Uint8Array | BulletinSubmission): input is BulletinSubmission {
  return typeof input === 'object' && !(input instanceof Uint8Array);
}

/** How often settled() reads its job again, in case the event of its end never came. */
const settledRecheckMs = 5000;

export async function createService(options: ServiceOptions): Promise<Service> {
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const concurrency = options.concurrency ?? 1;
  // The embedded store's native module is loaded only by a service that uses it.
  const createQueue = options.createQueue ?? (await import('./sqlite-queue.js')).createSqliteQueue;
  const queue = await createQueue({
    outDir,
    concurrency,
    maxAttempts: options.maxAttempts,
    backoffMs: options.backoffMs,
    runner: options.runner,
  });
  // Every episode goes into the show's feed: a folder without one gets it now (built from every
  // episode there, so one a job publishes meanwhile is in it either way).
  // The show page too, so `newscast serve` has a page before the first episode.
  if (!existsSync(join(outDir, feedFileName))) await writeFeedAndSite(outDir, { sharedLock: queue.publishingLock });
  /** settled() calls still waiting: close() ends them, so no caller waits for a job no one will run now. */
  const waits = new Set<() => void>();

  const service: Service = {
    outDir,
    ...(queue.publishingLock && { publishingLock: queue.publishingLock }),
    submit: (input: string | Uint8Array | BulletinSubmission, submitOptions?: SubmitOptions) =>
      queue.add(isBulletinSubmission(input) ? bulletinRequest(input) : jobRequest(input, submitOptions)),
    get: (id) => queue.get(id),
    list: (listOptions) => queue.list(listOptions),
    on(type, listener) {
      return queue.subscribe((event) => {
        if (event.type === type) listener(event as ServiceEvents[typeof type]);
      });
    },
    subscribe: (listener) => queue.subscribe(listener),
    settled(id) {
      return new Promise<Job>((resolveJob, reject) => {
        let over = false;
        const finish = (): void => {
          over = true;
          clearInterval(recheck);
          unsubscribe();
          waits.delete(closed);
        };
        const closed = (): void => {
          finish();
          reject(new NewscastError('internal', `The service closed before job ${id} ended.`, 'It waits in the store and runs when a service over this folder starts again.'));
        };
        waits.add(closed);
        const finished = (job: Job | undefined): boolean => {
          if (over || !job || (job.state !== 'done' && job.state !== 'failed')) return false;
          finish();
          resolveJob(job);
          return true;
        };
        const unsubscribe = queue.subscribe((event) => {
          if (event.job.id === id) finished(event.job);
        });
        // Read again now and then: an end whose event was lost (Redis away) still settles. The
        // timer is ref'd on purpose: a script whose only work is this wait (a retry's backoff,
        // when every queue timer is unref'd) must not exit before the job ends.
        const recheck = setInterval(() => void queue.get(id).then(finished, () => undefined), settledRecheckMs);
        queue.get(id).then((job) => {
          if (over) return;
          if (!job) {
            finish();
            reject(new NewscastError('usage', `No job ${id}.`, 'Use the id submit returned.'));
          } else finished(job);
        }, (error: unknown) => {
          finish();
          reject(error);
        });
      });
    },
    async close() {
      await queue.close();
      for (const closed of [...waits]) closed();
    },
  };
  return service;
}
