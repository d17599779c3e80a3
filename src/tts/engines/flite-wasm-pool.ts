// A small pool of flite-wasm worker threads. Threads start on demand, up to a limit, so a render
// with --jobs 2 starts two; idle threads do not keep the process alive, and are soon stopped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import type { Pcm } from '../engine.js';
import type { ModuleMessage, SpeakReply, SpeakRequest } from './flite-wasm-worker.js';

interface Task {
  request: SpeakRequest;
  resolve: (pcm: Pcm) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  thread: Worker;
  task?: Task;
}

/**
 * Once no thread has had anything to do for this long, the threads are stopped: each holds its
 * flite instance with that instance's first memory and what its runs left behind (~50 MB), which
 * would otherwise stay through assembly (16x article without the cache: peak RSS 320 -> 268 MB).
 * While a render speaks, some thread is always busy; after one, new threads cost ~90 ms.
 */
const idleMilliseconds = 50;

/**
 * The compiled worker script. Tests run the TypeScript sources, which a worker cannot load, so
 * from `src/` the built copy in `dist/` is used; with neither, there is no pool.
 */
export function workerScriptPath(): string | undefined {
  const beside = fileURLToPath(new URL('./flite-wasm-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = beside.replace(/([\\/])src([\\/]tts[\\/]engines[\\/])/, '$1dist$2');
  return existsSync(built) ? built : undefined;
}

export class FliteWasmPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  /** Set while no thread has anything to do: it stops them all when it runs out. */
  private idle: NodeJS.Timeout | undefined;

  /** `module` may still be compiling: threads start booting at once and get it when it is ready. */
  constructor(
    private readonly script: string,
    private readonly module: Promise<WebAssembly.Module>,
    private readonly maxWorkers: number,
  ) {}

  speak(text: string, voice: string, rate: number): Promise<Pcm> {
    return new Promise<Pcm>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, text, voice, rate }, resolve, reject });
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
      // Posted once the module is, which startWorker asked for first: a promise calls back in order.
      this.module.then(
        () => worker.thread.postMessage(task.request),
        (error: Error) => {
          this.fail(worker, error);
          void worker.thread.terminate();
        },
      );
    }
  }

  private startWorker(): PoolWorker | undefined {
    if (this.workers.length >= this.maxWorkers) return undefined;
    // The module is compiled once, in this thread, and workers share its compiled code. It is the
    // first message a thread gets: compiling (~40 ms) and starting the thread (~40 ms) overlap.
    const worker: PoolWorker = { thread: new Worker(this.script) };
    this.module.then((module) => worker.thread.postMessage({ module } satisfies ModuleMessage), () => undefined);
    worker.thread.on('message', (reply: SpeakReply) => this.finish(worker, reply));
    worker.thread.on('error', (error) => this.fail(worker, error));
    worker.thread.on('exit', (code) => this.fail(worker, new Error(`flite-wasm worker stopped with code ${code}`)));
    this.workers.push(worker);
    return worker;
  }

  private finish(worker: PoolWorker, reply: SpeakReply): void {
    const task = worker.task;
    worker.task = undefined;
    worker.thread.unref();
    if (task) {
      if ('error' in reply) task.reject(new NewscastError(reply.error.kind ?? 'internal', reply.error.message, reply.error.hint));
      else task.resolve({ samples: reply.samples, sampleRate: reply.sampleRate });
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
    worker.task?.reject(new NewscastError('internal', `flite-wasm failed: ${error.message}`, undefined, { cause: error }));
    worker.task = undefined;
    this.dispatch();
  }
}
