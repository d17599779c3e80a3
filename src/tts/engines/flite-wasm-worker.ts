// A worker thread that speaks with flite-wasm. flite runs synchronously inside WASI, so speaking
// several runs at once needs one thread each; the compiled module arrives once, in workerData.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { NewscastError } from '../../errors.js';
import { speakWithFlite } from './flite-wasm-speak.js';
import { hideWasiWarning } from './wasi-warning.js';

export interface SpeakRequest {
  id: number;
  text: string;
  voice: string;
  rate: number;
}

export type SpeakReply =
  | { id: number; samples: Int16Array; sampleRate: number }
  | { id: number; error: { message: string; kind?: NewscastError['kind']; hint?: string } };

/**
 * Every utterance leaves a ~17 MB WebAssembly memory behind (flite's voices are copied into each
 * instance), and V8 collects them late: a long render passed 300 MB of RSS. An asynchronous full
 * collection after each utterance keeps a worker near 50 MB without blocking it. `gc` is only
 * reachable through this flag; without it, nothing is collected early and nothing else changes.
 */
function earlyCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options: { type: 'major'; execution: 'async' }) => unknown;
    return () => void gc({ type: 'major', execution: 'async' });
  } catch {
    return () => undefined;
  }
}

const module = (workerData as { module: WebAssembly.Module }).module;
const port = parentPort;
if (port) {
  hideWasiWarning();
  const collect = earlyCollector();
  port.on('message', async ({ id, text, voice, rate }: SpeakRequest) => {
    let reply: SpeakReply;
    try {
      const { samples, sampleRate } = await speakWithFlite(module, text, voice, rate);
      reply = { id, samples, sampleRate };
    } catch (error) {
      const known = error instanceof NewscastError ? error : undefined;
      reply = { id, error: { message: error instanceof Error ? error.message : String(error), kind: known?.kind, hint: known?.hint } };
    }
    // The samples' buffer is handed over, not copied.
    port.postMessage(reply, 'samples' in reply ? [reply.samples.buffer as ArrayBuffer] : []);
    collect();
  });
}
