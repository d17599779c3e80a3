// Where the Kokoro model and its voices are: `kokoro/` in the voices folder (what
// scripts/install-kokoro.sh makes), the model `kokoro-v1.0.float-convs.onnx` and `voices/NAME.bin`.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Voice } from '../engine.js';
import { defaultVoicesFolder } from './piper-voices.js';

/** The int8 model with its convolutions made float at install time: about twice as fast. */
export const kokoroModelName = 'kokoro-v1.0.float-convs.onnx';
/** The model as downloaded, which installs before the conversion left: still used, at half the speed. */
export const kokoroInt8ModelName = 'kokoro-v1.0.int8.onnx';

export interface KokoroVoice extends Voice {
  voicePath: string;
}

export function kokoroFolder(env: NodeJS.ProcessEnv): string {
  return join(defaultVoicesFolder(env), 'kokoro');
}

/** The model file, if installed: the converted one, else the int8 one an earlier install left. */
export function kokoroModel(env: NodeJS.ProcessEnv): string | undefined {
  return [kokoroModelName, kokoroInt8ModelName].map((name) => join(kokoroFolder(env), name)).find((path) => existsSync(path));
}

/** Each English voice's overall grade from its authors (kokoro-js 1.2.1's list), A best. */
const grades: Record<string, string> = {
  af_heart: 'A', af_alloy: 'C', af_aoede: 'C+', af_bella: 'A-', af_jessica: 'D', af_kore: 'C+', af_nicole: 'B-', af_nova: 'C', af_river: 'D', af_sarah: 'C+', af_sky: 'C-',
  am_adam: 'F+', am_echo: 'D', am_eric: 'D', am_fenrir: 'C+', am_liam: 'D', am_michael: 'C+', am_onyx: 'D', am_puck: 'C+', am_santa: 'D-',
  bf_emma: 'B-', bf_isabella: 'C', bm_george: 'C', bm_lewis: 'D+', bf_alice: 'D', bf_lily: 'D', bm_daniel: 'D', bm_fable: 'C',
};

/** The English voices (a: American, b: British; f/m: female/male), by name, with their grade. */
export async function kokoroVoices(env: NodeJS.ProcessEnv): Promise<KokoroVoice[]> {
  const folder = join(kokoroFolder(env), 'voices');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((file) => /^[ab][fm]_[a-z]+\.bin$/.test(file)).sort();
  return files.map((file) => ({
    name: basename(file, '.bin'),
    language: file.startsWith('a') ? 'en-US' : 'en-GB',
    sampleRate: 24000,
    speakers: 1,
    quality: `grade ${grades[basename(file, '.bin')] ?? '?'}`,
    voicePath: join(folder, file),
  }));
}
