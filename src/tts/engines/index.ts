import { NewscastError } from '../../errors.js';
import type { Engine } from '../engine.js';
import { EspeakNgEngine } from './espeak-ng.js';
import { FestivalEngine } from './festival.js';
import { FliteWasmEngine } from './flite-wasm.js';
import { FliteEngine } from './flite.js';
import { KokoroEngine } from './kokoro.js';
import { PiperEngine } from './piper.js';
import { SayEngine } from './say.js';

/**
 * Every engine newscast knows, in `auto`'s order: `auto` takes the first one available. Neural voices
 * first, when their runtime loads and their files are installed: Kokoro (the clearest to Whisper in
 * BENCHMARKS.md, though slow), then Piper (less clear than Festival's HTS voice there, but natural and
 * ~9x faster than Kokoro); then the classic engines, clearest first. Festival counts only when it has a
 * voice; `say` only on macOS and Windows; the embedded flite-wasm always works.
 */
const engines: Record<string, () => Engine> = {
  kokoro: () => new KokoroEngine(),
  piper: () => new PiperEngine(),
  festival: () => new FestivalEngine(),
  flite: () => new FliteEngine(),
  'espeak-ng': () => new EspeakNgEngine(),
  say: () => new SayEngine(),
  'flite-wasm': () => new FliteWasmEngine(),
};

export const engineNames = Object.keys(engines);

export function createEngine(name: string): Engine {
  const create = engines[name];
  if (!create) {
    throw new NewscastError('dependency', `Unknown engine "${name}".`, `Use --engine auto or one of: ${engineNames.join(', ')}.`);
  }
  return create();
}

/** An engine that can say exactly what it lacks, for the voice asked for. */
interface CheckedEngine extends Engine {
  check(voice?: string): Promise<void>;
}

const canCheck = (engine: Engine): engine is CheckedEngine => typeof (engine as Partial<CheckedEngine>).check === 'function';

/** The named engine, or for `auto` the first one in `auto`'s order that works here; `voice` is the one asked for, if any. */
export async function chooseEngine(name = 'auto', voice?: string): Promise<Engine> {
  if (name === 'auto') {
    for (const create of Object.values(engines)) {
      const engine = create();
      if (await engine.isAvailable()) return engine;
    }
    throw new NewscastError('dependency', 'No speech engine works on this machine.', 'Reinstall with `npm install` to restore the embedded flite-wasm engine.');
  }
  const engine = createEngine(name);
  if (canCheck(engine)) {
    await engine.check(voice);
    return engine;
  }
  if (!(await engine.isAvailable())) {
    throw new NewscastError('dependency', `The ${name} engine is not available on this machine.`, 'Run `newscast voices` to see the engines installed here.');
  }
  return engine;
}
