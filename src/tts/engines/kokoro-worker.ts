// A worker thread that runs the Kokoro model: one single-threaded session per thread, as for Piper.
import { parentPort } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import { KokoroModel } from './kokoro-model.js';
import type { FailedReply } from './worker-pool.js';

export interface KokoroRequest {
  id: number;
  modelPath: string;
  voicePath: string;
  runs: number[][];
  speed: number;
}

export type KokoroReply = { id: number; samples: Int16Array } | FailedReply;

const port = parentPort;
if (port) {
  const models = new Map<string, Promise<KokoroModel>>();
  port.on('message', async ({ id, modelPath, voicePath, runs, speed }: KokoroRequest) => {
    let reply: KokoroReply;
    try {
      let model = models.get(modelPath);
      if (!model) {
        model = KokoroModel.load(modelPath);
        models.set(modelPath, model);
        model.catch(() => models.delete(modelPath));
      }
      reply = { id, samples: await (await model).synthesize(runs, voicePath, speed) };
    } catch (error) {
      const known = error instanceof NewscastError ? error : undefined;
      reply = { id, error: { message: error instanceof Error ? error.message : String(error), kind: known?.kind, hint: known?.hint } };
    }
    port.postMessage(reply, 'samples' in reply ? [reply.samples.buffer as ArrayBuffer] : []);
  });
}
