// The queue interface (queue.ts) on BullMQ and Redis, for any number of workers on any number of
// machines sharing OUT. BullMQ does the distributed part: a job's id is its idempotency key
// (adding an id that exists is a no-op), a worker holds a lock on its job and renews it, a job
// whose lock lapsed (its worker was SIGKILLed, its machine lost) is found by another worker's
// stalled-job check and run again from the start, transient failures are retried with
// exponential backoff and UnrecoverableError fails a job at once. Progress, completion and
// failure travel through Redis's events stream (QueueEvents), so a client hears them from
// whichever worker runs the job. Publishing into OUT is serialized across machines by a lock in
// Redis (redis-lock.ts), around the file lock in OUT.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullStates, decodeFailure, encodeFailure, jobData, toJob, type StoredData } from './bullmq-job.js';
import { fingerprintOf, jobIdFor } from './job-key.js';
import { progressRelay } from './progress-relay.js';
import type { ProgressEvent } from '../pipeline.js';
import type { SharedLock } from '../publish/output-lock.js';
import { defaultBackoffMs, defaultMaxAttempts, describeData, isBulletin, type Job, type JobError, type JobEvent, type JobQueue, type JobRequest, type JobResult, type JobState, type QueueSettings, type Submitted, withoutInput } from './queue.js';
import { redisLock } from './redis-lock.js';
import { runsAgain } from './rerun.js';
import { reaching, redisClient, waitForRedis, type ConnectionListener } from './redis-connection.js';
import { classifyError, runJob } from './run-job.js';

/** BullMQ's stalled-job settings: how soon a dead worker's job goes to another. */
export interface StallSettings {
  /** A worker's lock on its job lasts this long unless renewed (BullMQ renews it every half). Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock lapsed. Default 30 s. */
  stalledIntervalMs?: number;
  /** Times a job may be found stalled and run again before it fails. Default 1. */
  maxStalledCount?: number;
}

export interface BullMqSettings extends QueueSettings {
  /** redis://[:password@]host[:port][/db], or rediss:// for TLS. */
  redisUrl: string;
  /** BullMQ's queue name, one per show (OUT): every server and worker of the show uses the same. Default "newscast". */
  queueName?: string;
  stalls?: StallSettings;
  /** Told when Redis is lost and when it is back. */
  onConnection?: ConnectionListener;
  /** false: no event stream (subscribe hears nothing): a worker process that only runs jobs. Default true. */
  followEvents?: boolean;
  /** Told what this process's worker does, for its log. */
  onRun?: (event: RunEvent) => void;
}

/** What this process's worker does with a job. */
export type RunEvent = { job: { id: string; name: string }; attempt: number; maxAttempts: number } & (
  | { type: 'start' }
  | { type: 'progress'; progress: ProgressEvent }
  | { type: 'done'; result: JobResult; seconds: number }
  | { type: 'failed'; error: JobError; willRetry: boolean; seconds: number }
);

const defaultQueueName = 'newscast';

/**
 * Drops an ended job's input (queue.ts: withoutInput) if it is still in the completed or failed set
 * and still holds the input of the submission that ran: a client that sent it again meanwhile has
 * stored its own (rerun), which stays. KEYS: the job's hash, completed, failed; ARGV: id, submission, data.
 */
const dropInputScript = `
if not (redis.call('zscore', KEYS[2], ARGV[1]) or redis.call('zscore', KEYS[3], ARGV[1])) then return 0 end
local data = redis.call('hget', KEYS[1], 'data')
if not data or cjson.decode(data)['submission'] ~= ARGV[2] then return 0 end
redis.call('hset', KEYS[1], 'data', ARGV[3])
return 1`;

/** Opens the queue once Redis answers (a dependency error after 5 s if it does not). */
export async function openBullMqQueue(settings: BullMqSettings): Promise<BullMqQueue> {
  const producer = redisClient(settings.redisUrl, 'producer', settings.onConnection);
  try {
    await waitForRedis(producer, settings.redisUrl);
    const queue = new BullMqQueue(settings, producer);
    if (settings.followEvents !== false) await queue.listen();
    return queue;
  } catch (error) {
    producer.disconnect();
    throw error;
  }
}

export class BullMqQueue implements JobQueue {
  private readonly url: string;
  private readonly queue: Queue<StoredData, JobResult>;
  private readonly worker?: Worker<StoredData, JobResult>;
  private events?: QueueEvents;
  private readonly listeners = new Set<(event: JobEvent) => void>();
  /** Events are delivered in the order Redis gave them, though each needs the job read first. */
  private delivery: Promise<void> = Promise.resolve();
  /** The jobs this process runs now, with the lock token that lets it hand them back. */
  private readonly running = new Map<string, { job: BullJob<StoredData, JobResult>; token: string }>();
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly workerConnection?: Redis;
  private eventsConnection?: Redis;
  readonly publishingLock: SharedLock;

  constructor(
    private readonly settings: BullMqSettings,
    private readonly producer: Redis,
  ) {
    this.url = settings.redisUrl;
    this.maxAttempts = settings.maxAttempts ?? defaultMaxAttempts;
    this.backoffMs = settings.backoffMs ?? defaultBackoffMs;
    const name = settings.queueName ?? defaultQueueName;
    this.queue = new Queue<StoredData, JobResult>(name, { connection: producer });
    this.queue.on('error', () => undefined); // reported once per outage by redisClient
    const lockKey = `${this.queue.keys['']}publish-lock`;
    // A dead worker's hold on publishing lapses as soon as its hold on its job.
    const lockOptions = { ttlMs: settings.stalls?.lockDurationMs ?? 30_000 };
    if (settings.concurrency > 0) {
      // A worker waits for Redis to come back, then publishes.
      this.workerConnection = redisClient(this.url, 'worker', settings.onConnection);
      this.publishingLock = redisLock(this.workerConnection, lockKey, lockOptions);
      this.worker = this.startWorker(name, this.workerConnection);
    } else {
      // The service (a DELETE, its first feed) answers 503 at once while Redis is away.
      const lock = redisLock(producer, lockKey, lockOptions);
      this.publishingLock = (work) => reaching(producer, this.url, () => lock(work));
    }
  }

  private startWorker(name: string, connection: Redis): Worker<StoredData, JobResult> {
    const { outDir, concurrency, runner = runJob, stalls = {}, onRun } = this.settings;
    const sharedLock = this.publishingLock;
    const worker = new Worker<StoredData, JobResult>(
      name,
      async (job, token) => {
        this.running.set(job.id!, { job, token: token! });
        const relay = progressRelay((event) => job.updateProgress(event as never));
        const started = performance.now();
        const seconds = () => Math.round(performance.now() - started) / 1000;
        const about = { job: { id: job.id!, name: describeData(job.data).name }, attempt: job.attemptsStarted, maxAttempts: job.opts.attempts ?? 1 };
        onRun?.({ type: 'start', ...about });
        try {
          const data = jobData(job.data);
          const onProgress = (progress: ProgressEvent) => {
            relay.report(progress);
            onRun?.({ type: 'progress', ...about, progress });
          };
          const result = await runner(data, { outDir, onProgress, sharedLock });
          onRun?.({ type: 'done', ...about, result, seconds: seconds() });
          return result;
        } catch (error) {
          const failure = classifyError(error);
          onRun?.({ type: 'failed', ...about, error: failure, willRetry: failure.transient && job.attemptsMade + 1 < about.maxAttempts, seconds: seconds() });
          throw failure.transient ? new Error(encodeFailure(failure)) : new UnrecoverableError(encodeFailure(failure));
        } finally {
          await relay.flushed();
          this.running.delete(job.id!);
        }
      },
      {
        connection,
        concurrency,
        lockDuration: stalls.lockDurationMs ?? 30_000,
        stalledInterval: stalls.stalledIntervalMs ?? 30_000,
        maxStalledCount: stalls.maxStalledCount ?? 1,
      },
    );
    worker.on('error', () => undefined); // connection errors: reported once per outage by redisClient
    worker.on('completed', (job) => void this.dropInput(job));
    worker.on('failed', (job) => job && void this.dropInput(job)); // one to be retried is in the delayed set: kept
    return worker;
  }

  private async dropInput(job: BullJob<StoredData, JobResult>): Promise<void> {
    const keys = [this.queue.toKey(job.id!), this.queue.keys['completed']!, this.queue.keys['failed']!];
    // Redis away: the input stays, as it did before inputs were dropped.
    await this.producer.eval(dropInputScript, keys.length, ...keys, job.id!, job.data.submission, JSON.stringify(withoutInput(job.data))).catch(() => undefined);
  }

  async add(request: JobRequest): Promise<Submitted> {
    const id = jobIdFor(request);
    // BullMQ's add returns a job whether it made it or found it: a token of this submission in the
    // data tells which, when two clients send the same story at once.
    const submission = randomUUID();
    const { idempotencyKey: _, ...requestData } = request;
    const data = { ...requestData, submission, fingerprint: fingerprintOf(request) } as StoredData;
    return reaching(this.producer, this.url, async () => {
      const added = await this.queue.add(isBulletin(request) ? 'bulletin' : 'episode', data, {
        jobId: id,
        attempts: this.maxAttempts,
        backoff: { type: 'exponential', delay: this.backoffMs },
        // Kept: a finished job is what makes the same story sent again the same job.
        removeOnComplete: false,
        removeOnFail: false,
      });
      const found = await this.read(id);
      if (!found) throw new Error(`job ${id} vanished as it was added`);
      // A job made now is answered as it was made (an idle worker may have taken it already).
      if (found.submission === submission) return { job: toJob(added, 'waiting')!, created: true };
      const rerun = runsAgain(found.job, this.settings.outDir) ? await this.rerun(id, found.job.state, data) : undefined;
      return rerun ? { job: rerun, created: true } : { job: found.job, created: false };
    });
  }

  /**
   * Moves a finished job that runs again (rerun.ts) back to waiting, from attempt 0, with the input
   * sent again (its own was dropped as it ended): BullMQ's retry, atomic, and refused if the job is
   * no longer in that state (another client put it back first, with the same input).
   */
  private async rerun(id: string, state: JobState, data: StoredData): Promise<Job | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    try {
      await (job as BullJob<StoredData, JobResult>).updateData(data);
      await job.retry(state === 'failed' ? 'failed' : 'completed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch {
      return undefined;
    }
    job.progress = 0; // the last attempt's progress is not this one's
    return toJob(job as BullJob<StoredData, JobResult>, 'waiting');
  }

  async get(id: string): Promise<Job | undefined> {
    return reaching(this.producer, this.url, async () => (await this.read(id))?.job);
  }

  private async read(id: string): Promise<{ job: Job; submission: string; failedReason?: string } | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const state = await job.getState();
    // A delayed job's time to run is its score in BullMQ's delayed set (the time in ms, times 0x1000).
    const score = state === 'delayed' ? await this.producer.zscore(this.queue.keys['delayed']!, id) : null;
    const mapped = toJob(job as BullJob<StoredData, JobResult>, state, score ? Math.floor(Number(score) / 0x1000) : undefined);
    return mapped && { job: mapped, submission: job.data.submission, failedReason: job.failedReason || undefined };
  }

  async list(options: { state?: JobState; limit?: number } = {}): Promise<Job[]> {
    const limit = options.limit ?? 100;
    const types = Object.keys(bullStates).filter((type) => options.state === undefined || bullStates[type] === options.state);
    return reaching(this.producer, this.url, async () => {
      const jobs: Job[] = [];
      for (const type of types) {
        // Each state's newest `limit`; merged and cut below.
        for (const job of await this.queue.getJobs([type as never], 0, limit - 1, false)) {
          const mapped = job && toJob(job as BullJob<StoredData, JobResult>, type);
          if (mapped) jobs.push(mapped);
        }
      }
      return jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)).slice(0, limit);
    });
  }

  subscribe(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Follows the queue's event stream from its present end: read from the last entry's id, not
   * BullMQ's default "$" (events from the first blocking read on), which would miss those of a job
   * added in between.
   */
  async listen(): Promise<void> {
    const [last] = await this.producer.xrevrange(this.queue.keys['events']!, '+', '-', 'COUNT', 1);
    this.eventsConnection = redisClient(this.url, 'worker');
    const events = new QueueEvents(this.queue.name, { connection: this.eventsConnection, lastEventId: last?.[0] ?? '0' });
    this.events = events;
    events.on('error', () => undefined);
    // A job is read once per attempt and at its end; its progress events in between update that
    // copy (a read per progress event was most of a job's Redis commands).
    const copies = new Map<string, Job>();
    const deliver = (id: string, make: (found: { job: Job; failedReason?: string }) => JobEvent | undefined, settle = false) => {
      this.delivery = this.delivery
        .then(async () => {
          if (this.listeners.size === 0) return;
          // A progress event of an attempt already read needs no read.
          const known = settle ? undefined : copies.get(id);
          const found = known ? { job: known } : await this.read(id);
          const event = found && make(found);
          if (found?.job.state === 'active' && !settle) copies.set(id, found.job);
          else copies.delete(id);
          if (event) for (const listener of this.listeners) listener(event);
        })
        .catch(() => undefined); // Redis away: a client reads the job again once it is back
    };
    // In the delivery chain, so a copy read before this attempt began is not used after.
    events.on('active', ({ jobId }) => (this.delivery = this.delivery.then(() => void copies.delete(jobId))));
    events.on('progress', ({ jobId, data }) => {
      const progress = data as unknown as ProgressEvent;
      deliver(jobId, (found) => {
        found.job = { ...found.job, progress };
        return { type: 'progress', job: found.job, progress };
      });
    });
    events.on('completed', ({ jobId }) => deliver(jobId, ({ job }) => ({ type: 'done', job }), true));
    events.on('failed', ({ jobId }) => deliver(jobId, ({ job }) => ({ type: 'failed', job }), true));
    // An attempt failed and will be retried after its backoff: BullMQ moved the job to its delayed
    // set (by the time it is read, the next attempt may have started).
    events.on('delayed', ({ jobId }) => deliver(jobId, ({ job, failedReason }) => (failedReason ? { type: 'retrying', job, error: decodeFailure(failedReason) } : undefined), true));
    await events.waitUntilReady();
  }

  /** Gives the jobs this process is running back to the queue at once, for another worker to run from the start. */
  async handBack(): Promise<number> {
    const jobs = [...this.running.values()];
    this.running.clear();
    await Promise.all(jobs.map(({ job, token }) => job.moveToWait(token).catch(() => undefined)));
    return jobs.length;
  }

  /** How many jobs this process runs now. */
  get runningCount(): number {
    return this.running.size;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.events?.close();
    await this.queue.close();
    for (const client of [this.producer, this.workerConnection, this.eventsConnection]) client?.disconnect();
  }
}
