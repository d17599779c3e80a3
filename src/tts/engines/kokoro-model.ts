// Runs the Kokoro-82M model (ONNX) with onnxruntime-node, the optional runtime Piper uses too.
import { readFile } from 'node:fs/promises';
import { NewscastError } from '../../errors.js';
import { floatRunsToPcm } from '../pcm.js';
import { loadRuntime, type OrtRuntime, type OrtSession, type OrtTensor } from './piper-model.js';

/** One loaded model: one session, used by one thread at a time, with the voices it has read. */
export class KokoroModel {
  private readonly styles = new Map<string, Promise<Float32Array>>();

  private constructor(
    private readonly ort: OrtRuntime,
    private readonly session: OrtSession,
  ) {}

  /**
   * Single-threaded, without memory arena, like a Piper session (see PiperModel.load). Measured with the
   * float-convs model (BENCHMARKS.md): the arena saves ~20% of the CPU time but keeps what the longest run
   * needed, never given back: a process's RSS ~550 MB after a 120-token run, ~1 GB after a 500-token one,
   * against ~380 MB after either without it; the memory pattern adds ~150 MB more and saves nothing.
   */
  static async load(modelPath: string): Promise<KokoroModel> {
    const ort = await loadRuntime();
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        enableCpuMemArena: false,
        enableMemPattern: false,
      });
      return new KokoroModel(ort, session);
    } catch (error) {
      throw new NewscastError('dependency', `The Kokoro model ${modelPath} could not be loaded: ${(error as Error).message}`, 'Reinstall it: `bash scripts/install-kokoro.sh`.', { cause: error });
    }
  }

  /** A voice file: 510 style vectors of 256 floats, one for each run length in tokens. */
  private style(voicePath: string): Promise<Float32Array> {
    let style = this.styles.get(voicePath);
    if (!style) {
      style = readFile(voicePath).then((bytes) => {
        if (bytes.length !== 510 * 256 * 4) throw new NewscastError('dependency', `The Kokoro voice ${voicePath} is not a voice file (510 x 256 floats).`);
        return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice();
      });
      this.styles.set(voicePath, style);
      style.catch(() => this.styles.delete(voicePath));
    }
    return style;
  }

  /** Speech for each run of token ids, joined, as 16-bit samples at 24 kHz (clipped, not normalized). */
  async synthesize(runs: number[][], voicePath: string, speed: number): Promise<Int16Array> {
    const style = await this.style(voicePath);
    const parts: Float32Array[] = [];
    for (const tokens of runs) {
      // kokoro-js: the style row is the run's length in tokens, pads not counted.
      const row = Math.min(tokens.length, 509) * 256;
      const outputs = await this.session.run({
        tokens: new this.ort.Tensor('int64', BigInt64Array.from([0, ...tokens, 0], BigInt), [1, tokens.length + 2]),
        style: new this.ort.Tensor('float32', style.slice(row, row + 256), [1, 256]),
        speed: new this.ort.Tensor('float32', Float32Array.of(speed), [1]),
      });
      parts.push(outputs[this.session.outputNames[0]!]!.data as Float32Array);
    }
    return floatRunsToPcm(parts);
  }
}
