// Piper's worker threads (worker-pool.ts): each runs one single-threaded model session.
import type { PiperReply, PiperRequest } from './piper-worker.js';
import { compiledWorkerScript, WorkerPool } from './worker-pool.js';

/**
 * A thread holds its loaded voice (~150 MB): kept while a render speaks, dropped once none has
 * had work for this long. Longer than flite-wasm's pool, as loading a voice again takes ~1 s.
 */
const idleMilliseconds = 2000;

export function piperWorkerPath(): string | undefined {
  return compiledWorkerScript('piper-worker.js');
}

export class PiperPool {
  private readonly pool: WorkerPool<PiperRequest, PiperReply, Int16Array>;

  constructor(script: string, maxWorkers: number) {
    this.pool = new WorkerPool({ name: 'piper', script, maxWorkers, idleMilliseconds, result: (reply) => reply.samples });
  }

  synthesize(request: Omit<PiperRequest, 'id'>): Promise<Int16Array> {
    return this.pool.run(request);
  }
}
