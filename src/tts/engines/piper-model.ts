// Runs a Piper voice model with onnxruntime-node. The runtime is an optional dependency, imported
// only when a neural voice speaks, so nobody else pays for its 45 MB native library.
import { NewscastError } from '../../errors.js';
import { floatRunsToPcm } from '../pcm.js';

/**
 * The part of onnxruntime-node's API used here, declared locally: the package is optional, and
 * newscast must build (and run its other engines) where it is not installed.
 */
export interface OrtTensor {
  readonly data: unknown;
}
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}
export interface OrtRuntime {
  Tensor: new (type: 'int64' | 'float32', data: BigInt64Array | Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(path: string, options: Record<string, unknown>): Promise<OrtSession> };
}

export const runtimePackage = 'onnxruntime-node';
/**
 * Its install script fetches GPU libraries; offline that fails, and npm then silently drops the
 * optional package. `skip` keeps the CPU build that is inside the package, all newscast uses.
 */
export const runtimeInstall = 'ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@1.30.0';

/** noise_scale, length_scale, noise_w: the model's third input, in that order. */
export type Scales = [number, number, number];

export function missingRuntime(cause?: unknown): NewscastError {
  return new NewscastError(
    'dependency',
    'The piper engine needs the ONNX runtime (npm package onnxruntime-node), which is not installed.',
    `Install it in newscast's folder: \`${runtimeInstall}\``,
    { cause },
  );
}

let runtime: Promise<OrtRuntime> | undefined;

/** The runtime, loaded once per thread; a missing or broken install is a dependency error. */
export function loadRuntime(moduleName = runtimePackage): Promise<OrtRuntime> {
  const load = (name: string): Promise<OrtRuntime> => import(name).then((module: OrtRuntime & { default?: OrtRuntime }) => module.default ?? module);
  if (moduleName !== runtimePackage) return load(moduleName).catch((error: unknown) => Promise.reject(missingRuntime(error)));
  runtime ??= load(runtimePackage).catch((error: unknown) => {
    runtime = undefined;
    throw missingRuntime(error);
  });
  return runtime;
}

/** One loaded voice model: one session, used by one thread at a time. */
export class PiperModel {
  private constructor(
    private readonly ort: OrtRuntime,
    private readonly session: OrtSession,
  ) {}

  /**
   * One thread per session: parallel speech (--jobs) runs one session per worker thread, and two
   * sessions each wanting every core would fight over them. Without the memory arena and memory
   * pattern a session holds ~230 MB instead of ~590 MB after a long sentence (measured), with no
   * measurable loss of speed: each input has another length, so patterns are not reused anyway.
   */
  static async load(modelPath: string, threads = 1): Promise<PiperModel> {
    const ort = await loadRuntime();
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        enableCpuMemArena: false,
        enableMemPattern: false,
      });
      return new PiperModel(ort, session);
    } catch (error) {
      throw new NewscastError('dependency', `The Piper voice model ${modelPath} could not be loaded: ${(error as Error).message}`, 'Reinstall the voice: `newscast voices install NAME`.', { cause: error });
    }
  }

  /** Speech for each sentence's ids, joined, as 16-bit samples (clipped, not normalized, so runs keep one level). */
  async synthesize(sentences: number[][], scales: Scales, speaker?: number): Promise<Int16Array> {
    const parts: Float32Array[] = [];
    for (const ids of sentences) {
      const feeds: Record<string, OrtTensor> = {
        input: new this.ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
        input_lengths: new this.ort.Tensor('int64', BigInt64Array.of(BigInt(ids.length)), [1]),
        scales: new this.ort.Tensor('float32', Float32Array.from(scales), [3]),
      };
      if (this.session.inputNames.includes('sid')) feeds['sid'] = new this.ort.Tensor('int64', BigInt64Array.of(BigInt(speaker ?? 0)), [1]);
      const outputs = await this.session.run(feeds);
      parts.push(outputs[this.session.outputNames[0]!]!.data as Float32Array);
    }
    return floatRunsToPcm(parts);
  }
}
