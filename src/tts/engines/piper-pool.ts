// Worker threads that run Piper models, started on demand up to a limit (a render with --jobs 2
// starts two). Idle threads do not keep the process alive and are stopped after a while.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import type { PiperReply, PiperRequest } from './piper-worker.js';

interface Task {
  request: PiperRequest;
  resolve: (samples: Int16Array) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  thread: Worker;
  task?: Task;
}

/**
 * A thread holds its loaded voice (~150 MB): kept while a render speaks, dropped once none has
 * had work for this long. Longer than flite-wasm's pool, as loading a voice again takes ~1 s.
 */
const idleMilliseconds = 2000;

/** The compiled worker script; tests run the sources, so from `src/` the built copy in `dist/` is used. */
export function piperWorkerPath(): string | undefined {
  const beside = fileURLToPath(new URL('./piper-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = beside.replace(/([\\/])src([\\/]tts[\\/]engines[\\/])/, '$1dist$2');
  return existsSync(built) ? built : undefined;
}

export class PiperPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly maxWorkers: number,
  ) {}

  synthesize(request: Omit<PiperRequest, 'id'>): Promise<Int16Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.workers.find((candidate) => !candidate.task) ?? this.startWorker();
      if (!worker) return;
      const task = this.queue.shift()!;
      worker.task = task;
      clearTimeout(this.idle);
      worker.thread.ref();
      worker.thread.postMessage(task.request);
    }
  }

  private startWorker(): PoolWorker | undefined {
    if (this.workers.length >= this.maxWorkers) return undefined;
    const worker: PoolWorker = { thread: new Worker(this.script) };
    worker.thread.on('message', (reply: PiperReply) => this.finish(worker, reply));
    worker.thread.on('error', (error) => this.fail(worker, error));
    worker.thread.on('exit', (code) => this.fail(worker, new Error(`piper worker stopped with code ${code}`)));
    this.workers.push(worker);
    return worker;
  }

  private finish(worker: PoolWorker, reply: PiperReply): void {
    const task = worker.task;
    worker.task = undefined;
    worker.thread.unref();
    if (task) {
      if ('error' in reply) task.reject(new NewscastError(reply.error.kind ?? 'internal', reply.error.message, reply.error.hint));
      else task.resolve(reply.samples);
    }
    this.dispatch();
    if (this.workers.every((candidate) => !candidate.task)) this.idle = setTimeout(() => this.stopAll(), idleMilliseconds).unref();
  }

  private stopAll(): void {
    for (const worker of this.workers.splice(0)) void worker.thread.terminate();
  }

  /** A crashed thread fails its own task only; the next task gets a fresh thread. */
  private fail(worker: PoolWorker, error: Error): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    worker.task?.reject(new NewscastError('internal', `piper failed: ${error.message}`, undefined, { cause: error }));
    worker.task = undefined;
    this.dispatch();
  }
}
