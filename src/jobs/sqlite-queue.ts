// The embedded queue: jobs in one SQLite file inside the show's folder (OUT/.newscast/jobs.sqlite;
// hidden, so the site never serves it), through better-sqlite3. SQLite because it is one file,
// needs no server, survives a SIGKILL whole (WAL: a write is committed or absent), and lets
// several processes on one machine (serve and watch over one OUT) share the queue safely: a job is
// claimed by one UPDATE … WHERE state = 'waiting'. better-sqlite3 because it is the best kept
// binding, synchronous (a claim is one statement, never interleaved with another in this process)
// and fast; its 12.x line runs on Node 20.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type { ProgressEvent } from '../pipeline.js';
import { fingerprintOf, jobIdFor } from './job-key.js';
import {
  backoffDelay,
  describeData,
  isBulletin,
  type BulletinArticle,
  type InputFormat,
  defaultBackoffMs,
  defaultMaxAttempts,
  type Job,
  type JobData,
  type JobEvent,
  type JobQueue,
  type JobRequest,
  type JobState,
  type QueueSettings,
  type Submitted,
  withoutInput,
} from './queue.js';
import { classifyError, runJob } from './run-job.js';
import { runsAgain } from './rerun.js';

/** Where the queue's files live in OUT. */
const serviceFolderName = '.newscast';

export function jobsDatabasePath(outDir: string): string {
  return join(outDir, serviceFolderName, 'jobs.sqlite');
}

/** How often waiting jobs are looked for besides on add and on finish: retries coming due, jobs another process added. */
const pollMs = 500;

/** How far back each poll looks for jobs another process ended (its commit may land a moment after its clock read). */
const endedWindowMs = 60_000;

/** A running job's lease: its owner renews it every quarter of this; another queue takes back a job whose lease is older. */
const defaultLeaseMs = 30_000;

interface Row {
  id: string;
  state: JobState;
  name: string;
  format: InputFormat | typeof bulletinFormat;
  options: string;
  content: Buffer;
  progress: string | null;
  attempts: number;
  max_attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  retry_at: number | null;
  error: string | null;
  result: string | null;
  owner: string | null;
  heartbeat_at: number | null;
  fingerprint: string | null;
}

/**
 * A bulletin is stored in the same row: format "bulletin", its articles (each one's format, bytes
 * and name) as JSON in content, so stores made before bulletins open unchanged.
 */
const bulletinFormat = 'bulletin';

const schema = `
  CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'done', 'failed')),
    name TEXT NOT NULL,
    format TEXT NOT NULL,
    options TEXT NOT NULL,
    content BLOB NOT NULL,
    progress TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    retry_at INTEGER,
    error TEXT,
    result TEXT,
    owner TEXT,
    fingerprint TEXT
  );
  CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
  CREATE INDEX IF NOT EXISTS jobs_by_finish ON jobs (finished_at);
`;

/** The store's user_version once the inputs of its ended jobs are dropped (dropEndedInputs). */
const inputsDroppedVersion = 1;

/** Columns added since the first stores: added to a store that lacks them. */
const addedColumns = { heartbeat_at: 'INTEGER', fingerprint: 'TEXT' };

const iso = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

/** The row's input as the runner takes it. */
function toData(row: Row): JobData {
  const options = JSON.parse(row.options) as JobData['options'];
  if (row.format === bulletinFormat) return { kind: 'bulletin', articles: JSON.parse(row.content.toString('utf8')) as BulletinArticle[], name: row.name, options };
  return { format: row.format, content: row.content.toString('base64'), name: row.name, options };
}

/** The content column of a job that has ended: its input dropped (queue.ts: withoutInput). */
function endedContent(row: Row): Buffer {
  return toColumns(withoutInput(toData(row))).content;
}

/** The request's format and content columns. */
function toColumns(request: JobRequest): { format: Row['format']; content: Buffer } {
  if (isBulletin(request)) return { format: bulletinFormat, content: Buffer.from(JSON.stringify(request.articles), 'utf8') };
  return { format: request.format, content: Buffer.from(request.content, 'base64') };
}

function toJob(row: Row): Job {
  return {
    id: row.id,
    state: row.state,
    ...describeData(toData(row)),
    ...(row.progress !== null && { progress: JSON.parse(row.progress) as ProgressEvent }),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    createdAt: iso(row.created_at)!,
    ...(row.started_at !== null && { startedAt: iso(row.started_at) }),
    ...(row.finished_at !== null && { finishedAt: iso(row.finished_at) }),
    ...(row.retry_at !== null && row.state === 'waiting' && { retryAt: iso(row.retry_at) }),
    ...(row.error !== null && { error: JSON.parse(row.error) as Job['error'] }),
    ...(row.result !== null && { result: JSON.parse(row.result) as Job['result'] }),
    ...(row.fingerprint !== null && { fingerprint: row.fingerprint }),
  };
}

export interface SqliteQueueSettings extends QueueSettings {
  /** How long a running job's lease lasts unrenewed before another queue runs it again (default 30 s; tests shorten it). */
  leaseMs?: number;
}

export async function createSqliteQueue(settings: SqliteQueueSettings): Promise<JobQueue> {
  return new SqliteQueue(settings);
}

class SqliteQueue implements JobQueue {
  private readonly db: Database.Database;
  private readonly events = new EventEmitter();
  private readonly running = new Map<string, Promise<void>>();
  /** Jobs ended within endedWindowMs whose end was told here (or came before this queue), by id: their finished_at. */
  private toldEnds = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly leaseTimer: NodeJS.Timeout;
  /**
   * Who runs an active job: a token of this queue, not a pid and hostname (a recreated container
   * has a new hostname, a pid is reused after a reboot, two queues in one process share one).
   * Whether its owner still lives is told by the lease it renews (heartbeat_at).
   */
  private readonly owner = randomUUID();
  private readonly leaseMs: number;
  private closing = false;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(private readonly settings: SqliteQueueSettings) {
    this.leaseMs = settings.leaseMs ?? defaultLeaseMs;
    this.maxAttempts = settings.maxAttempts ?? defaultMaxAttempts;
    this.backoffMs = settings.backoffMs ?? defaultBackoffMs;
    const path = jobsDatabasePath(settings.outDir);
    mkdirSync(join(settings.outDir, serviceFolderName), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses nothing when the process is killed (only a power cut may take the
    // last commits back), and spares an fsync per progress event.
    this.db.pragma('synchronous = NORMAL');
    // Another process (serve and watch over one OUT) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    const columns = new Set((this.db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((column) => column.name));
    for (const [name, type] of Object.entries(addedColumns)) {
      if (columns.has(name)) continue;
      try {
        this.db.exec(`ALTER TABLE jobs ADD COLUMN ${name} ${type}`);
      } catch (error) {
        // Another process opening the same store added it first.
        if (!/duplicate column/i.test((error as Error).message)) throw error;
      }
    }
    this.dropEndedInputs();
    this.events.setMaxListeners(0);
    this.requeueOrphans();
    this.hearEnds(false);
    this.timer = setInterval(() => {
      this.requeueOrphans();
      this.hearEnds(true);
      this.pump();
    }, pollMs);
    this.timer.unref();
    const renewLeases = this.db.prepare(`UPDATE jobs SET heartbeat_at = ? WHERE owner = ? AND state = 'active'`);
    this.leaseTimer = setInterval(() => {
      if (this.running.size > 0 && this.db.open) renewLeases.run(Date.now(), this.owner);
    }, this.leaseMs / 4);
    this.leaseTimer.unref();
    queueMicrotask(() => this.pump());
  }

  async add(request: JobRequest): Promise<Submitted> {
    const id = jobIdFor(request);
    const { format, content } = toColumns(request);
    const inserted = this.db
      .prepare(
        `INSERT INTO jobs (id, state, name, format, options, content, max_attempts, created_at, fingerprint)
         VALUES (?, 'waiting', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(id, describeData(request).name, format, JSON.stringify(request.options), content, this.maxAttempts, Date.now(), fingerprintOf(request));
    const created = inserted.changes > 0 || this.rerun(id, request);
    if (created) queueMicrotask(() => this.pump());
    return { job: this.row(id)!, created };
  }

  /** Puts a finished job that runs again (rerun.ts) back to waiting, from attempt 0, with the input sent again; false if it does not run again. */
  private rerun(id: string, request: JobRequest): boolean {
    const job = this.row(id);
    if (!job || !runsAgain(job, this.settings.outDir)) return false;
    const { format, content } = toColumns(request);
    // Only from the state it was read in: another process may have put it back already.
    const reset = this.db
      .prepare(
        `UPDATE jobs SET state = 'waiting', attempts = 0, progress = NULL, started_at = NULL, finished_at = NULL, retry_at = NULL, error = NULL, result = NULL, owner = NULL,
           format = ?, content = ?, options = ?, fingerprint = ?
         WHERE id = ? AND state = ?`,
      )
      .run(format, content, JSON.stringify(request.options), fingerprintOf(request), id, job.state);
    return reset.changes > 0;
  }

  async get(id: string): Promise<Job | undefined> {
    return this.row(id);
  }

  async list(options: { state?: JobState; limit?: number } = {}): Promise<Job[]> {
    const rows = this.db
      .prepare(`SELECT * FROM jobs WHERE (? IS NULL OR state = ?) ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(options.state ?? null, options.state ?? null, options.limit ?? -1) as Row[];
    return rows.map(toJob);
  }

  subscribe(listener: (event: JobEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.timer);
    await Promise.all(this.running.values());
    clearInterval(this.leaseTimer);
    this.db.close();
  }

  /**
   * A store from before inputs were dropped as jobs ended still holds them: dropped once, when it is
   * first opened, and the store marked (SQLite's user_version) so no later start reads them again.
   */
  private dropEndedInputs(): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) >= inputsDroppedVersion) return;
    const ended = this.db.prepare(`SELECT * FROM jobs WHERE state IN ('done', 'failed') AND length(content) > 0`).all() as Row[];
    const drop = this.db.prepare(`UPDATE jobs SET content = ? WHERE id = ? AND state = ?`);
    for (const row of ended) drop.run(endedContent(row), row.id, row.state);
    this.db.pragma(`user_version = ${inputsDroppedVersion}`);
  }

  private row(id: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row && toJob(row);
  }

  private emit(event: JobEvent): void {
    this.events.emit('event', event);
  }

  /**
   * A job left active by a process that died (its lease not renewed for leaseMs) runs again from
   * the start (its cached speech and segments make that cheap); one that has taken down its
   * process maxAttempts times fails. A store from before leases: started_at stands for the lease.
   */
  private requeueOrphans(): void {
    const lapsedBefore = Date.now() - this.leaseMs;
    const active = this.db.prepare(`SELECT * FROM jobs WHERE state = 'active' AND COALESCE(heartbeat_at, started_at, 0) < ?`).all(lapsedBefore) as Row[];
    for (const row of active) {
      if (this.running.has(row.id) || row.owner === this.owner) continue;
      if (row.attempts >= row.max_attempts) {
        const error = { kind: 'internal', message: `The service stopped ${row.attempts} times while running this job.`, hint: 'Look at the service log for what ended it.', transient: true };
        this.db
          .prepare(`UPDATE jobs SET state = 'failed', finished_at = ?, error = ?, content = ?, owner = NULL WHERE id = ? AND state = 'active' AND owner IS ?`)
          .run(Date.now(), JSON.stringify(error), endedContent(row), row.id, row.owner);
      } else {
        this.db.prepare(`UPDATE jobs SET state = 'waiting', progress = NULL, owner = NULL WHERE id = ? AND state = 'active' AND owner IS ?`).run(row.id, row.owner);
      }
    }
  }

  /**
   * Tells listeners of the jobs another process sharing OUT ended (serve and watch, two watchers):
   * that process's run() emits only there, and an event stream or settled() here would otherwise
   * wait for good. A job this queue ran was told when it ended and is not told again.
   */
  private hearEnds(tell: boolean): void {
    const rows = this.db.prepare(`SELECT * FROM jobs WHERE finished_at >= ? AND state IN ('done', 'failed')`).all(Date.now() - endedWindowMs) as Row[];
    const ended = new Map<string, number>();
    for (const row of rows) {
      ended.set(row.id, row.finished_at!);
      if (tell && this.toldEnds.get(row.id) !== row.finished_at) this.emit({ type: row.state === 'done' ? 'done' : 'failed', job: toJob(row) });
    }
    this.toldEnds = ended;
  }

  /** Starts waiting jobs, oldest first, while fewer than `concurrency` run. */
  private pump(): void {
    while (!this.closing && this.running.size < this.settings.concurrency) {
      const claimed = this.claimNext();
      if (!claimed) return;
      const run = this.run(claimed).finally(() => {
        this.running.delete(claimed.id);
        this.pump();
      });
      this.running.set(claimed.id, run);
    }
  }

  private claimNext(): Row | undefined {
    const now = Date.now();
    const claim = this.db.transaction((): Row | undefined => {
      const next = this.db
        .prepare(`SELECT id FROM jobs WHERE state = 'waiting' AND (retry_at IS NULL OR retry_at <= ?) ORDER BY created_at, rowid LIMIT 1`)
        .get(now) as { id: string } | undefined;
      if (!next) return undefined;
      this.db
        .prepare(`UPDATE jobs SET state = 'active', attempts = attempts + 1, started_at = ?, heartbeat_at = ?, progress = NULL, owner = ? WHERE id = ? AND state = 'waiting'`)
        .run(now, now, this.owner, next.id);
      return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(next.id) as Row;
    });
    return claim.immediate();
  }

  private async run(row: Row): Promise<void> {
    const data = toData(row);
    const runner = this.settings.runner ?? runJob;
    const setProgress = this.db.prepare(`UPDATE jobs SET progress = ? WHERE id = ? AND owner = ?`);
    try {
      const result = await runner(data, {
        outDir: this.settings.outDir,
        onProgress: (progress) => {
          if (this.db.open) setProgress.run(JSON.stringify(progress), row.id, this.owner);
          this.emit({ type: 'progress', job: this.row(row.id)!, progress });
        },
      });
      const finishedAt = Date.now();
      this.db
        .prepare(`UPDATE jobs SET state = 'done', finished_at = ?, result = ?, content = ?, error = NULL, retry_at = NULL, owner = NULL WHERE id = ?`)
        .run(finishedAt, JSON.stringify(result), endedContent(row), row.id);
      this.toldEnds.set(row.id, finishedAt);
      this.emit({ type: 'done', job: this.row(row.id)! });
    } catch (thrown) {
      const error = classifyError(thrown);
      const now = Date.now();
      if (error.transient && row.attempts < row.max_attempts) {
        const retryAt = now + backoffDelay(row.attempts, this.backoffMs);
        this.db.prepare(`UPDATE jobs SET state = 'waiting', retry_at = ?, error = ?, owner = NULL WHERE id = ?`).run(retryAt, JSON.stringify(error), row.id);
        this.emit({ type: 'retrying', job: this.row(row.id)!, error });
        setTimeout(() => this.pump(), retryAt - now).unref();
      } else {
        this.db
          .prepare(`UPDATE jobs SET state = 'failed', finished_at = ?, error = ?, content = ?, retry_at = NULL, owner = NULL WHERE id = ?`)
          .run(now, JSON.stringify(error), endedContent(row), row.id);
        this.toldEnds.set(row.id, now);
        this.emit({ type: 'failed', job: this.row(row.id)! });
      }
    }
  }
}
