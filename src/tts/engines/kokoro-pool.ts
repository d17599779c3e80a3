// Kokoro's worker threads (worker-pool.ts): each runs one single-threaded model session.
import type { KokoroReply, KokoroRequest } from './kokoro-worker.js';
import { compiledWorkerScript, WorkerPool } from './worker-pool.js';

/** Loading the model again takes ~1 s, as for a Piper voice: threads are kept as long. */
const idleMilliseconds = 2000;

export function kokoroWorkerPath(): string | undefined {
  return compiledWorkerScript('kokoro-worker.js');
}

export class KokoroPool {
  private readonly pool: WorkerPool<KokoroRequest, KokoroReply, Int16Array>;

  constructor(script: string, maxWorkers: number) {
    this.pool = new WorkerPool({ name: 'kokoro', script, maxWorkers, idleMilliseconds, result: (reply) => reply.samples });
  }

  synthesize(request: Omit<KokoroRequest, 'id'>): Promise<Int16Array> {
    return this.pool.run(request);
  }
}
