// Worker threads that speak for an engine (flite-wasm, piper): started on demand up to a limit,
// so a render with --jobs 2 starts two; idle threads do not keep the process alive, and once none
// has had anything to do for a while they are all stopped, with what they hold in memory.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NewscastError, type ErrorKind } from '../../errors.js';

/** What a worker answers when a task failed; the error comes back as the NewscastError it was. */
export interface FailedReply {
  id: number;
  error: { message: string; kind?: ErrorKind; hint?: string };
}

export interface WorkerPoolOptions<Reply, Result> {
  /** The engine's name, for messages. */
  name: string;
  script: string;
  maxWorkers: number;
  idleMilliseconds: number;
  /** Turns a successful reply into the task's result. */
  result: (reply: Exclude<Reply, FailedReply>) => Result;
  /**
   * A message every new thread gets before its first task (flite-wasm's compiled module, which may
   * still be compiling: threads boot meanwhile). If it fails, the tasks waiting on it fail.
   */
  firstMessage?: Promise<unknown>;
}

interface Task<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker<Request, Result> {
  thread: Worker;
  task?: Task<Request, Result>;
}

/**
 * A worker script of this folder, compiled. Tests run the TypeScript sources, which a worker
 * cannot load, so from `src/` the built copy in `dist/` is used; with neither, there is no pool.
 */
export function compiledWorkerScript(fileName: string): string | undefined {
  const beside = fileURLToPath(new URL(`./${fileName}`, import.meta.url));
  if (existsSync(beside)) return beside;
  const built = beside.replace(/([\\/])src([\\/]tts[\\/]engines[\\/])/, '$1dist$2');
  return existsSync(built) ? built : undefined;
}

export class WorkerPool<Request extends { id: number }, Reply extends { id: number }, Result> {
  private readonly workers: PoolWorker<Request, Result>[] = [];
  private readonly queue: Task<Request, Result>[] = [];
  private nextId = 0;
  /** Set while no thread has anything to do: it stops them all when it runs out. */
  private idle: NodeJS.Timeout | undefined;
  private readonly ready: Promise<unknown>;

  constructor(private readonly options: WorkerPoolOptions<Reply, Result>) {
    this.ready = options.firstMessage ?? Promise.resolve();
  }

  run(request: Omit<Request, 'id'>): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ } as Request, resolve, reject });
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
      // Posted after the first message, which startWorker asked for first: a promise calls back in order.
      this.ready.then(
        () => worker.thread.postMessage(task.request),
        (error: Error) => {
          this.fail(worker, error);
          void worker.thread.terminate();
        },
      );
    }
  }

  private startWorker(): PoolWorker<Request, Result> | undefined {
    if (this.workers.length >= this.options.maxWorkers) return undefined;
    const worker: PoolWorker<Request, Result> = { thread: new Worker(this.options.script) };
    this.options.firstMessage?.then((message) => worker.thread.postMessage(message), () => undefined);
    worker.thread.on('message', (reply: Reply) => this.finish(worker, reply));
    worker.thread.on('error', (error) => this.fail(worker, error));
    worker.thread.on('exit', (code) => this.fail(worker, new Error(`${this.options.name} worker stopped with code ${code}`)));
    this.workers.push(worker);
    return worker;
  }

  private finish(worker: PoolWorker<Request, Result>, reply: Reply): void {
    const task = worker.task;
    worker.task = undefined;
    worker.thread.unref();
    if (task) {
      if ('error' in reply) {
        const { error } = reply as unknown as FailedReply;
        task.reject(new NewscastError(error.kind ?? 'internal', error.message, error.hint));
      } else {
        task.resolve(this.options.result(reply as Exclude<Reply, FailedReply>));
      }
    }
    this.dispatch();
    if (this.workers.every((candidate) => !candidate.task)) this.idle = setTimeout(() => this.stopAll(), this.options.idleMilliseconds).unref();
  }

  private stopAll(): void {
    for (const worker of this.workers.splice(0)) void worker.thread.terminate();
  }

  /** A crashed thread fails its own task only; the next task gets a fresh thread. */
  private fail(worker: PoolWorker<Request, Result>, error: Error): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    worker.task?.reject(new NewscastError('internal', `${this.options.name} failed: ${error.message}`, undefined, { cause: error }));
    worker.task = undefined;
    this.dispatch();
  }
}
