// flite-wasm's worker threads (worker-pool.ts). The module is compiled once, in this thread, and
// workers share its compiled code: it is each thread's first message, so compiling (~40 ms) and
// starting the thread (~40 ms) overlap.
import type { Pcm } from '../engine.js';
import type { ModuleMessage, SpeakReply, SpeakRequest } from './flite-wasm-worker.js';
import { compiledWorkerScript, WorkerPool } from './worker-pool.js';

/**
 * Once no thread has had anything to do for this long, the threads are stopped: each holds its
 * flite instance with that instance's first memory and what its runs left behind (~50 MB), which
 * would otherwise stay through assembly (16x article without the cache: peak RSS 320 -> 268 MB).
 * While a render speaks, some thread is always busy; after one, new threads cost ~90 ms.
 */
const idleMilliseconds = 50;

export function workerScriptPath(): string | undefined {
  return compiledWorkerScript('flite-wasm-worker.js');
}

export class FliteWasmPool {
  private readonly pool: WorkerPool<SpeakRequest, SpeakReply, Pcm>;

  /** `module` may still be compiling: threads start booting at once and get it when it is ready. */
  constructor(script: string, module: Promise<WebAssembly.Module>, maxWorkers: number) {
    this.pool = new WorkerPool({
      name: 'flite-wasm',
      script,
      maxWorkers,
      idleMilliseconds,
      firstMessage: module.then((compiled) => ({ module: compiled }) satisfies ModuleMessage),
      result: (reply) => ({ samples: reply.samples, sampleRate: reply.sampleRate }),
    });
  }

  speak(text: string, voice: string, rate: number): Promise<Pcm> {
    return this.pool.run({ text, voice, rate });
  }
}
