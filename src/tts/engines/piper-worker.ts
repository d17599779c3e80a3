// A worker thread that runs Piper voice models. onnxruntime-node runs a model synchronously on the
// thread that asks, so speaking runs in parallel (--jobs) needs one thread, and one session, each.
import { parentPort } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import { PiperModel, type Scales } from './piper-model.js';
import type { FailedReply } from './worker-pool.js';

export interface PiperRequest {
  id: number;
  modelPath: string;
  sentences: number[][];
  scales: Scales;
  speaker?: number;
}

export type PiperReply = { id: number; samples: Int16Array } | FailedReply;

const port = parentPort;
if (port) {
  // A worker keeps each voice it has loaded: loading one takes about a second.
  const models = new Map<string, Promise<PiperModel>>();
  port.on('message', async ({ id, modelPath, sentences, scales, speaker }: PiperRequest) => {
    let reply: PiperReply;
    try {
      let model = models.get(modelPath);
      if (!model) {
        model = PiperModel.load(modelPath);
        models.set(modelPath, model);
        model.catch(() => models.delete(modelPath));
      }
      reply = { id, samples: await (await model).synthesize(sentences, scales, speaker) };
    } catch (error) {
      const known = error instanceof NewscastError ? error : undefined;
      reply = { id, error: { message: error instanceof Error ? error.message : String(error), kind: known?.kind, hint: known?.hint } };
    }
    port.postMessage(reply, 'samples' in reply ? [reply.samples.buffer as ArrayBuffer] : []);
  });
}
