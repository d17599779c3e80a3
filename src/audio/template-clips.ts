// A template's clips are checked before any work starts: a clip that is not audio is named on its
// own (not found out by the assembly, after the whole render, in an ffmpeg log about every clip).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NewscastError } from '../errors.js';
import { runFfmpeg } from './ffmpeg.js';
import type { Template } from './template.js';

type ClipName = 'intro' | 'outro' | 'bed';

/** Clips already found readable in this process, by path, modification time and size. */
const readableClips = new Set<string>();

/** Resolves when every clip of `template` is audio ffmpeg can decode; else a dependency error naming the first bad one. */
export async function checkTemplateClips(template: Template): Promise<void> {
  const clips: [ClipName, string | undefined][] = [
    ['intro', template.intro?.path],
    ['outro', template.outro?.path],
    ['bed', template.bed?.path],
  ];
  for (const [name, path] of clips) {
    if (path) await checkClip(template, name, path);
  }
}

async function checkClip(template: Template, name: ClipName, path: string): Promise<void> {
  const { mtimeMs, size } = await stat(path);
  const key = `${path}\0${mtimeMs}\0${size}`;
  if (readableClips.has(key)) return;
  // Decoding a tenth of a second of its first audio stream shows it is audio and not, say, a
  // picture or a text file with an audio file's name.
  const readable = await runFfmpeg({ inputs: [{ path }], outputs: [{ path: '-', options: ['-map', '0:a:0', '-t', '0.1', '-f', 'null'] }] }).then(
    () => true,
    () => false,
  );
  if (!readable) {
    throw new NewscastError(
      'dependency',
      `The template's ${name} clip ${path} is not audio that newscast can read.`,
      `Replace it with a WAV, FLAC, MP3 or Ogg file, or change ${name}.clip in ${join(template.dir, 'template.json')}.`,
    );
  }
  readableClips.add(key);
}
