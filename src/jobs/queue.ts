// The job queue's contract: what a job is, its states and events, and the interface every queue
// implementation offers (the embedded SQLite store here, BullMQ on Redis in #15). It follows
// BullMQ's model so that one maps onto it directly: a job's id is its idempotency key (BullMQ's
// `jobId`: adding an id that exists returns the existing job), progress is reported by the worker
// (`job.updateProgress`) and heard by every client (QueueEvents), transient failures are retried
// with exponential backoff up to `attempts`, permanent ones fail at once (BullMQ's
// UnrecoverableError), and a job whose worker died is run again from the start (a stalled job).
// Everything in a job is plain JSON, so it can be stored anywhere.
import type { ErrorKind } from '../errors.js';
import type { ProgressEvent } from '../pipeline.js';
import type { EpisodeManifest } from '../publish/manifest.js';
import type { SharedLock } from '../publish/output-lock.js';

/** What the submitted bytes are: an article in one of the reader's formats (auto: judged from the text), or an SSML script. */
export type InputFormat = 'auto' | 'text' | 'markdown' | 'html' | 'ssml';

/** The options a job may set: those of `newscast generate` that make sense for a service. */
export interface JobOptions {
  title?: string;
  template?: string;
  engine?: string;
  voice?: string;
  rate?: number;
}

/** One job's input, as stored: the bytes, not a path, so any worker on any machine can run it. */
export interface EpisodeJobData {
  kind?: 'episode';
  format: InputFormat;
  /** The input's bytes, base64 (lossless: a UTF-16 or binary file gets the CLI's own message). */
  content: string;
  /** A name for messages and the episode's source (a file name, a feed item's link); default "article". */
  name?: string;
  options: JobOptions;
}

/** One story of a bulletin: an article's bytes and format, as an episode job holds them (a script cannot be a story). */
export interface BulletinArticle {
  format: Exclude<InputFormat, 'ssml'>;
  content: string;
  /** Names the story in messages and in the episode's leftOut; default "story-N". */
  name?: string;
}

/** The options of `newscast bulletin` a job may set. */
export interface BulletinJobOptions extends JobOptions {
  /** How many stories the headline roundup names, from the first. */
  headlines?: number;
  /** The longest the bulletin may be: each story keeps its first paragraphs so the whole fits. */
  maxMinutes?: number;
  /** Leave out a story that cannot be read (the episode says which) instead of failing. */
  skipBad?: boolean;
}

/** A bulletin's input: several articles, read in this order into one episode (#16). */
export interface BulletinJobData {
  kind: 'bulletin';
  articles: BulletinArticle[];
  /** Default "bulletin". */
  name?: string;
  options: BulletinJobOptions;
}

export type JobData = EpisodeJobData | BulletinJobData;

/** Submitted: the data, and the caller's idempotency key if it has one (else one is made from the content). */
export type JobRequest = JobData & { idempotencyKey?: string };

export function isBulletin(data: JobData): data is BulletinJobData {
  return data.kind === 'bulletin';
}

export type JobState = 'waiting' | 'active' | 'done' | 'failed';

/** Why a job failed: the NewscastError's kind, message and hint, and whether trying again may help. */
export interface JobError {
  kind: ErrorKind;
  message: string;
  hint?: string;
  /** true: the machine's fault (an engine crash, a full disk, a bug), retried with backoff; false: the input's, failed at once. */
  transient: boolean;
}

/** What a done job made. */
export interface JobResult {
  /** The episode's folder name in OUT. */
  slug: string;
  manifest: EpisodeManifest;
  /** What worked but may not be what was meant (the pipeline's onWarning). */
  warnings?: string[];
  /** What making a bulletin said: the stories left out (skipBad), what maxMinutes cut. */
  notes?: string[];
}

export interface Job {
  /** The idempotency key (see job-key.ts): the same content and options, or the same caller key, give the same id. */
  id: string;
  /** A hash of the job's content and options (job-key.ts: fingerprintOf): a caller key sent again with another body differs here. Absent in jobs stored before it was kept. */
  fingerprint?: string;
  state: JobState;
  /** What the job makes: one article's (or script's) episode, or a bulletin of several articles. */
  kind: 'episode' | 'bulletin';
  /** `data.name`, for lists. */
  name: string;
  /** An episode's input format (a bulletin's articles each have their own). */
  format?: InputFormat;
  /** A bulletin's stories in order: each one's name and format. */
  articles?: { name: string; format: BulletinArticle['format'] }[];
  options: JobOptions | BulletinJobOptions;
  /** The latest progress event of the current attempt. */
  progress?: ProgressEvent;
  /** Attempts started so far (1 while the first runs). */
  attempts: number;
  maxAttempts: number;
  /** ISO times. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** A waiting job that failed before: when its next attempt may start (backoff). */
  retryAt?: string;
  /** The last failure (kept while a retry waits). */
  error?: JobError;
  result?: JobResult;
}

/** What a queue tells its listeners, from whichever worker runs the job. */
export type JobEvent =
  | { type: 'progress'; job: Job; progress: ProgressEvent }
  /** An attempt failed transiently and the job waits for its next one (job.retryAt). */
  | { type: 'retrying'; job: Job; error: JobError }
  | { type: 'done'; job: Job }
  | { type: 'failed'; job: Job };

export interface Submitted {
  job: Job;
  /** false: a job with this key existed already, and this is it. */
  created: boolean;
}

export interface JobQueue {
  /** Adds a job, or returns the one with the same key (idempotent: never a second job or episode). */
  add(request: JobRequest): Promise<Submitted>;
  get(id: string): Promise<Job | undefined>;
  /** Newest first. */
  list(options?: { state?: JobState; limit?: number }): Promise<Job[]>;
  /** Every job's events; returns the unsubscribe function. */
  subscribe(listener: (event: JobEvent) => void): () => void;
  /** Stops taking jobs, waits for the running ones to finish, releases the store. */
  close(): Promise<void>;
  /**
   * For a queue whose workers may run on other hosts (BullMQ): the lock every process publishing
   * into OUT holds around OUT's file lock; the service's own feed writes take it too.
   */
  readonly publishingLock?: SharedLock;
}

/**
 * Runs one job to its episode (see run-job.ts); a queue's workers call it, whatever the store.
 * `sharedLock`: held around publishing when workers on other hosts publish into OUT too (BullMQ).
 */
export type JobRunner = (data: JobData, context: { outDir: string; onProgress: (event: ProgressEvent) => void; sharedLock?: SharedLock }) => Promise<JobResult>;

/** What every implementation is made from (the contract test builds queues this way). */
export interface QueueSettings {
  /** The show's folder, OUT: episodes are published there. */
  outDir: string;
  /** Jobs run at once by this process's worker; 0: this process only submits and follows. */
  concurrency: number;
  /** Attempts at most for a job that fails transiently (default 3). */
  maxAttempts?: number;
  /** Wait before the 2nd attempt; doubled for each one after (default 2 s). */
  backoffMs?: number;
  /** The code that runs a job; default runJob (run-job.ts). Tests wrap it to inject faults. */
  runner?: JobRunner;
}

/** What a Job says of its data, the same whichever store holds it. */
export function describeData(data: JobData): Pick<Job, 'kind' | 'name' | 'format' | 'articles' | 'options'> {
  if (!isBulletin(data)) return { kind: 'episode', name: data.name ?? 'article', format: data.format, options: data.options };
  const articles = data.articles.map((article, index) => ({ name: storyName(article, index), format: article.format }));
  return { kind: 'bulletin', name: data.name ?? 'bulletin', articles, options: data.options };
}

/**
 * A job's data once it has ended, done or failed for good: its input dropped (a fetched page may be
 * a megabyte, and a newsroom sends thousands), its names and formats kept for its record. The record
 * stays, for it is what makes the same story sent again the same job; a job that runs again
 * (rerun.ts) is sent with its input, and that is stored again.
 */
export function withoutInput<T extends JobData>(data: T): T {
  if (isBulletin(data)) return { ...data, articles: data.articles.map((article) => ({ ...article, content: '' })) };
  return { ...data, content: '' };
}

/** A bulletin story's name: the one given, or "story-N" (from 1). */
export function storyName(article: BulletinArticle, index: number): string {
  return article.name ?? `story-${index + 1}`;
}

export const defaultMaxAttempts = 3;
export const defaultBackoffMs = 2000;

/** Wait before attempt `attempt + 1` after `attempt` failed transiently: backoff, 2·backoff, 4·backoff… */
export function backoffDelay(attempt: number, backoffMs: number): number {
  return backoffMs * 2 ** (attempt - 1);
}
