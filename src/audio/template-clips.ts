// A template's clips are checked before any work starts: a clip that is not audio is named on its
// own (not found out by the assembly, after the whole render, in an ffmpeg log about every clip).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NewscastError } from '../errors.js';
import { runFfmpeg } from './ffmpeg.js';
import type { Template } from './template.js';

export type ClipName = 'intro' | 'outro' | 'transition' | 'bed';

/** Clips already found readable in this process, by path, modification time and size. */
const readableClips = new Set<string>();

/** Resolves when every clip of `template` is audio ffmpeg can decode; else a dependency error naming the first bad one. */
export async function checkTemplateClips(template: Template): Promise<void> {
  const clips: [ClipName, string | undefined][] = [
    ['intro', template.intro?.path],
    ['outro', template.outro?.path],
    ['transition', template.transition?.path],
    ['bed', template.bed?.path],
  ];
  // Probed at once; the first bad one in the template's order is the one named.
  const outcomes = await Promise.allSettled(clips.map(([name, path]) => (path ? checkClip(template, name, path) : undefined)));
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

async function checkClip(template: Template, name: ClipName, path: string): Promise<void> {
  const key = await stat(path).then(
    ({ mtimeMs, size }) => `${path}\0${mtimeMs}\0${size}`,
    () => undefined,
  );
  if (key && readableClips.has(key)) return;
  if (key === undefined || !(await decodes(path))) {
    throw new NewscastError(
      'dependency',
      `The template's ${name} clip ${path} is not audio that newscast can read.`,
      `Replace it with a WAV, FLAC, MP3 or Ogg file, or change ${name}.clip in ${join(template.dir, 'template.json')}.`,
    );
  }
  readableClips.add(key);
}

/**
 * Whether ffmpeg decodes a tenth of a second of the file's first audio stream: so it is audio and
 * not, say, a picture or a text file with an audio file's name.
 */
function decodes(path: string): Promise<boolean> {
  return runFfmpeg({ inputs: [{ path }], outputs: [{ path: '-', options: ['-map', '0:a:0', '-t', '0.1', '-f', 'null'] }] }).then(
    () => true,
    () => false,
  );
}
