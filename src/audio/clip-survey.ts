// The template's clips measured at the episode's rate: length and loudness, from one small ffmpeg
// run, kept in the cache by the file's hash so a clip is measured once.
import { readFile } from 'node:fs/promises';
import { CacheStore } from '../cache-store.js';
import { NewscastError } from '../errors.js';
import type { Loudness } from './assembly.js';
import { loudnessFilter, parseLoudness, parseSampleCount, runFfmpeg, sampleCounterFilter } from './ffmpeg.js';
import type { ClipName } from './template-clips.js';
import type { Template } from './template.js';
import { conformFilter } from './timeline.js';

export interface ClipInfo {
  path: string;
  /** sha-256 of the file: a template clip edited in place is a new clip. */
  hash: string;
  samples: number;
  loudness: Loudness;
}

/**
 * Length and loudness of each clip at the episode rate, from one small ffmpeg run, or from the
 * cache when the same file was surveyed before.
 */
export async function surveyClips(
  template: Template,
  rate: number,
  store: CacheStore | undefined,
  names: readonly ClipName[] = ['intro', 'outro', 'transition', 'bed'],
): Promise<Partial<Record<ClipName, ClipInfo>>> {
  const paths: Record<ClipName, string | undefined> = { intro: template.intro?.path, outro: template.outro?.path, transition: template.transition?.path, bed: template.bed?.path };
  const wanted = names.filter((name) => paths[name]);
  const found: Partial<Record<ClipName, ClipInfo>> = {};
  const toSurvey: { name: ClipName; key: string; hash: string }[] = [];
  for (const name of wanted) {
    const hash = CacheStore.keyOf(await readFile(paths[name]!));
    const key = CacheStore.keyOf('clip', hash, rate);
    const cached = await store?.read(key);
    if (cached) found[name] = { ...(JSON.parse(cached.toString('utf8')) as ClipInfo), path: paths[name]!, hash };
    else toSurvey.push({ name, key, hash });
  }
  if (toSurvey.length === 0) return found;
  const stderr = await runFfmpeg({
    inputs: toSurvey.map(({ name }) => ({ path: paths[name]! })),
    // ffmpeg needs one stream to write: the first clip's goes to the null muxer, the rest end in sinks.
    filterGraph: toSurvey
      .map(({ name }, index) => `[${index}:a]${conformFilter(rate)},${sampleCounterFilter(name)},${loudnessFilter(name, false)}${index === 0 ? '[out]' : ',anullsink'}`)
      .join(';'),
    outputs: [{ path: '-', options: ['-map', '[out]', '-f', 'null'] }],
  }).catch((error: Error) => {
    // This run reads nothing but the template's clips: one of them is what ffmpeg cannot read.
    const clipPaths = toSurvey.map(({ name }) => paths[name]).join(', ');
    throw new NewscastError('dependency', `A clip of the template is not audio ffmpeg can read (${clipPaths}): ${error.message}`, 'Fix or replace the clip, or use another template.', { cause: error });
  });
  for (const { name, key, hash } of toSurvey) {
    const info: ClipInfo = { path: paths[name]!, hash, samples: parseSampleCount(stderr, name), loudness: parseLoudness(stderr, name) };
    found[name] = info;
    await store?.write(key, Buffer.from(JSON.stringify({ samples: info.samples, loudness: info.loudness })));
  }
  return found;
}

/** The transition clip's length in seconds at the episode's rate; 0 when the template has none. */
export async function transitionClipSeconds(template: Template, rate: number): Promise<number> {
  const { transition } = await surveyClips(template, rate, undefined, ['transition']);
  return transition ? transition.samples / rate : 0;
}
