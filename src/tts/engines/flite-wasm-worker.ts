// A worker thread that speaks with flite-wasm. flite runs synchronously inside WASI, so speaking
// several runs at once needs one thread each; the compiled module arrives once, in the first message.
import { parentPort } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import { FliteRunner } from './flite-wasm-speak.js';
import { hideWasiWarning } from './wasi-warning.js';
import type { FailedReply } from './worker-pool.js';

export interface SpeakRequest {
  id: number;
  text: string;
  voice: string;
  rate: number;
}

export interface ModuleMessage {
  module: WebAssembly.Module;
}

export type SpeakReply = { id: number; samples: Int16Array; sampleRate: number } | FailedReply;

const port = parentPort;
if (port) {
  hideWasiWarning();
  let flite: FliteRunner | undefined;
  port.on('message', async (message: ModuleMessage | SpeakRequest) => {
    if ('module' in message) {
      flite = new FliteRunner(message.module);
      return;
    }
    const { id, text, voice, rate } = message;
    let reply: SpeakReply;
    try {
      if (!flite) throw new NewscastError('internal', 'The flite-wasm worker was asked to speak before it had the module.');
      const { samples, sampleRate } = await flite.speak(text, voice, rate);
      reply = { id, samples, sampleRate };
    } catch (error) {
      const known = error instanceof NewscastError ? error : undefined;
      reply = { id, error: { message: error instanceof Error ? error.message : String(error), kind: known?.kind, hint: known?.hint } };
    }
    // The samples' buffer is handed over, not copied.
    port.postMessage(reply, 'samples' in reply ? [reply.samples.buffer as ArrayBuffer] : []);
  });
}
