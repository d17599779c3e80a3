// Running one job, whatever queue holds it: the stored input becomes a file in a private scratch
// folder (the pipeline reads articles from paths), the pipeline voices it into OUT, and a failure
// is classified: the input's fault fails the job at once with the CLI's message, the machine's
// (an engine that crashed, a full disk, a bug) is worth another attempt. A bulletin's articles are
// written the same way, each in its own numbered folder (two may have one name), and made into
// one episode by generateBulletin.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import { generateBulletin, scriptBulletin } from '../bulletin.js';
import { NewscastError } from '../errors.js';
import { withTempFolder } from '../files.js';
import { chooseEngine } from '../tts/engines/index.js';
import { generateEpisode, renderScriptFile, scriptArticle, type ProgressEvent, type RenderOptions } from '../pipeline.js';
import { isBulletin, storyName, type BulletinJobData, type EpisodeJobData, type InputFormat, type JobData, type JobError, type JobResult, type JobRunner } from './queue.js';

const extensions: Record<Exclude<InputFormat, 'auto'>, string> = { text: '.txt', markdown: '.md', html: '.html', ssml: '.ssml' };

/** A file name for the input: the job's name made safe, with its format's extension. */
function inputFileName(data: { format: InputFormat; name?: string }): string {
  const given = basename(data.name ?? 'article').replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'article';
  if (data.format === 'auto') return given;
  const stem = given.slice(0, given.length - extname(given).length) || 'article';
  return stem + extensions[data.format];
}

/** Text about the scratch copies (a message, a note, a progress detail), naming each as the caller did. */
type Tidy = (text: string) => string;

/**
 * Runs `work` on the input written to private scratch files (the pipeline reads paths): one, or a
 * bulletin's, each in its own numbered folder. The CLI names the files it was given; a job's are
 * scratch copies: errors name them as the caller did.
 */
async function withInputFiles<T>(data: JobData, work: (paths: string[], tidy: Tidy) => Promise<T>): Promise<T> {
  return withTempFolder('job', async (folder) => {
    const paths: string[] = [];
    if (isBulletin(data)) {
      for (const [index, article] of data.articles.entries()) {
        const path = join(folder, String(index + 1), inputFileName({ format: article.format, name: storyName(article, index) }));
        await mkdir(dirname(path));
        await writeFile(path, Buffer.from(article.content, 'base64'));
        paths.push(path);
      }
    } else {
      paths.push(join(folder, inputFileName(data)));
      await writeFile(paths[0]!, Buffer.from(data.content, 'base64'));
    }
    const tidy: Tidy = (text) => paths.reduce((tidied, path) => tidied.replaceAll(path, basename(path)), text).replaceAll(folder + sep, '');
    try {
      return await work(paths, tidy);
    } catch (error) {
      if (error instanceof NewscastError) throw new NewscastError(error.kind, tidy(error.message), error.hint, { cause: error.cause });
      throw error;
    }
  });
}

/** The runner's progress, its details naming the input as the caller did. */
const tidyProgress = (onProgress: (event: ProgressEvent) => void, tidy: Tidy) => (event: ProgressEvent) =>
  onProgress(event.detail === undefined ? event : { ...event, detail: tidy(event.detail) });

export const runJob: JobRunner = (data, context) => (isBulletin(data) ? runBulletin(data, context) : runEpisode(data, context));

const runEpisode = (data: EpisodeJobData, { outDir, onProgress, sharedLock }: Parameters<JobRunner>[1]) =>
  withInputFiles(data, async ([path], tidy) => {
    const warnings: string[] = [];
    const options: RenderOptions = { ...data.options, outDir, onProgress: tidyProgress(onProgress, tidy), onWarning: (message) => warnings.push(message), sharedLock };
    const episode = data.format === 'ssml' ? await renderScriptFile(path!, options) : await generateEpisode(path!, options);
    return { slug: episode.manifest.slug, manifest: episode.manifest, ...(warnings.length > 0 && { warnings }) };
  });

const runBulletin = (data: BulletinJobData, { outDir, onProgress, sharedLock }: Parameters<JobRunner>[1]) =>
  withInputFiles(data, async (paths, tidy) => {
    const warnings: string[] = [];
    const notes: string[] = [];
    const episode = await generateBulletin(paths, {
      ...data.options,
      outDir,
      onProgress: tidyProgress(onProgress, tidy),
      onWarning: (message) => warnings.push(message),
      onNote: (message) => notes.push(tidy(message)),
      sharedLock,
    });
    return { slug: episode.manifest.slug, manifest: episode.manifest, ...(warnings.length > 0 && { warnings }), ...(notes.length > 0 && { notes }) };
  });

/**
 * Reads and scripts the input, and finds the engine and voice named, without voicing anything,
 * so a service can refuse bad input while the caller waits (the same NewscastError the job would
 * fail with). A script is checked when it runs; `auto` finds its engine when the job runs. A
 * bulletin is checked whole but for its stories: a bad one fails the job (or, with skipBad, is
 * left out), naming it, when it runs.
 */
export async function checkInput(data: JobData): Promise<void> {
  const { engine, voice, title, template } = data.options;
  if (engine !== undefined && engine !== 'auto') await chooseEngine(engine, voice);
  if (isBulletin(data)) {
    await withInputFiles(data, (paths) => scriptBulletin(paths, { title, template, headlines: data.options.headlines, skipBad: true }));
    return;
  }
  if (data.format === 'ssml') return;
  await withInputFiles(data, ([path]) => scriptArticle(path!, { title, template }));
}

/** File-system errors that pass: the disk fills up, then is cleaned. */
const transientCodes = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY']);

function causeCode(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** What a failure means for the job: permanent (input, usage, dependency) or transient (a crash, a full disk, a bug). */
export function classifyError(error: unknown): JobError {
  const code = causeCode(error);
  const transient = code !== undefined && transientCodes.has(code);
  if (error instanceof NewscastError) {
    return { kind: error.kind, message: error.message, ...(error.hint && { hint: error.hint }), transient: transient || error.kind === 'internal' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message, transient: true };
}
