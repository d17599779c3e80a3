// A BullMQ job as the queue interface's Job (queue.ts). BullMQ keeps a failure as one string, its
// failedReason: the worker puts the whole JobError there as JSON, so whichever client reads the
// job, or hears its `failed` event, gets the kind, message and hint the CLI would give.
import type { Job as BullJob } from 'bullmq';
import type { ProgressEvent } from '../pipeline.js';
import { describeData, type Job, type JobData, type JobError, type JobResult, type JobState } from './queue.js';

/** What BullMQ stores for a job: the request's data and who submitted it (see bullmq-queue.ts: add). */
export type StoredData = JobData & { submission: string; fingerprint?: string };

/** The stored data as the runner takes it. */
export function jobData({ submission: _, fingerprint: __, ...data }: StoredData): JobData {
  return data as JobData;
}

/** BullMQ's states (getState, getJobs types) as ours; a delayed job is one waiting for its retry. */
export const bullStates: Record<string, JobState> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  delayed: 'waiting',
  'waiting-children': 'waiting',
  active: 'active',
  completed: 'done',
  failed: 'failed',
};

export function encodeFailure(error: JobError): string {
  return JSON.stringify(error);
}

/** The JobError a worker stored, or, for a failure BullMQ itself decided (a job stalled too often), one made of its words. */
export function decodeFailure(failedReason: string): JobError {
  try {
    const parsed = JSON.parse(failedReason) as JobError;
    if (typeof parsed.kind === 'string' && typeof parsed.message === 'string') return parsed;
  } catch {
    // Not ours: BullMQ's own message.
  }
  return { kind: 'internal', message: failedReason, transient: true };
}

function iso(time: number | undefined): string | undefined {
  return time ? new Date(time).toISOString() : undefined;
}

/** `retryAt`: when a delayed job's next attempt may start (read from BullMQ's delayed set). */
export function toJob(job: BullJob<StoredData, JobResult>, bullState: string, retryAt?: number): Job | undefined {
  const state = bullStates[bullState];
  if (!state) return undefined;
  const { data } = job;
  const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as unknown as ProgressEvent) : undefined;
  return {
    id: job.id!,
    ...(data.fingerprint && { fingerprint: data.fingerprint }),
    state,
    ...describeData(data),
    ...(progress && { progress }),
    attempts: Math.max(job.attemptsStarted ?? 0, job.attemptsMade),
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: iso(job.timestamp)!,
    ...(job.processedOn && { startedAt: iso(job.processedOn) }),
    ...(state !== 'waiting' && state !== 'active' && job.finishedOn && { finishedAt: iso(job.finishedOn) }),
    ...(bullState === 'delayed' && retryAt && { retryAt: iso(retryAt) }),
    // The last failure, while the job waits for its retry or once it has failed.
    ...((state === 'waiting' || state === 'failed') && job.failedReason && { error: decodeFailure(job.failedReason) }),
    ...(state === 'done' && { result: job.returnvalue }),
  };
}
