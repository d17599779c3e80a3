// `newscast worker --redis URL --output OUT`: a process that runs the show's jobs from BullMQ, one
// of any number on any number of machines sharing OUT. It logs a line per job and stage on
// stderr. SIGTERM (or Ctrl-C) stops it taking jobs and lets the running ones finish, then it exits
// 0; a second SIGTERM hands them back to the queue at once (another worker runs them from the
// start) and exits 143. SIGKILL, or a machine lost, leaves the job's lock to lapse: another
// worker's stalled-job check gives it to a worker within the lock duration + the check interval.
import { resolve } from 'node:path';
import { removeLiveTemporariesSync } from '../files.js';
import { stopExitingOnSignals } from '../interrupt.js';
import { prepareOutputFolder } from '../output-folder.js';
import { killChildProcesses } from '../running-children.js';
import { removeOwnTemporaryFoldersSync } from '../stale-temporaries.js';
import { forTerminal } from '../terminal-text.js';
import { openBullMqQueue, type RunEvent, type StallSettings } from './bullmq-queue.js';
import { parseRedisUrl } from './redis-url.js';

export interface WorkerFlags {
  redis: string;
  output: string;
  concurrency: number;
  queue: string;
  lockDuration?: number;
  stalledInterval?: number;
  quiet?: boolean;
}

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

export async function runWorker(flags: WorkerFlags): Promise<void> {
  const log = (line: string) => process.stderr.write(`newscast worker: ${forTerminal(line)}\n`);
  const outDir = await prepareOutputFolder(flags.output);
  const stalls: StallSettings = {
    ...(flags.lockDuration !== undefined && { lockDurationMs: flags.lockDuration * 1000 }),
    ...(flags.stalledInterval !== undefined && { stalledIntervalMs: flags.stalledInterval * 1000 }),
  };
  const queue = await openBullMqQueue({
    redisUrl: parseRedisUrl(flags.redis),
    queueName: flags.queue,
    outDir,
    concurrency: flags.concurrency,
    stalls,
    followEvents: false,
    onConnection: ({ message }) => log(message),
    onRun: flags.quiet
      ? undefined
      : (event) => {
          const line = describe(event, outDir);
          if (line) log(line);
        },
  });
  log(`taking jobs of queue "${flags.queue}" into ${outDir}, ${flags.concurrency} at a time (process ${process.pid})`);

  // This command's own signal handling replaces the CLI's (interrupt.ts): a worker finishes first.
  let stopping = false;
  stopExitingOnSignals();
  for (const signal of Object.keys(signalExitCodes) as (keyof typeof signalExitCodes)[]) {
    process.on(signal, () => {
      if (!stopping) {
        stopping = true;
        const running = queue.runningCount;
        log(`${signal}: taking no more jobs; ${running === 0 ? 'none running' : `finishing the ${running} running, then exiting (${signal} again hands ${running === 1 ? 'it' : 'them'} back to the queue now)`}`);
        void queue.close().then(() => {
          log('stopped');
          process.exit(0);
        });
        return;
      }
      void queue.handBack().then((count) => {
        killChildProcesses();
        removeLiveTemporariesSync();
        removeOwnTemporaryFoldersSync();
        log(`${signal}: handed ${count} job${count === 1 ? '' : 's'} back to the queue; stopped`);
        process.exit(signalExitCodes[signal]);
      });
    });
  }
  await new Promise<never>(() => undefined); // runs until a signal ends it
}

/** One log line for a job's start, each stage's start, its end. */
function describe(event: RunEvent, outDir: string): string | undefined {
  const subject = `${event.job.id.slice(0, 8)} ${event.job.name}`;
  switch (event.type) {
    case 'start':
      return `${subject}: started (attempt ${event.attempt} of ${event.maxAttempts})`;
    case 'progress':
      return event.progress.fraction === 0 ? `${subject}: ${event.progress.stage}${event.progress.detail ? `: ${event.progress.detail}` : ''}` : undefined;
    case 'done':
      return `${subject}: done in ${event.seconds.toFixed(1)} s: ${resolve(outDir, event.result.slug)}`;
    case 'failed':
      return `${subject}: failed after ${event.seconds.toFixed(1)} s (${event.error.kind}${event.willRetry ? ', will retry' : ''}): ${event.error.message}`;
  }
}
