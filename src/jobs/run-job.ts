// Running one job, whatever queue holds it: the stored input becomes a file in a private scratch
// folder (the pipeline reads articles from paths), the pipeline voices it into OUT, and a failure
// is classified: the input's fault fails the job at once with the CLI's message, the machine's
// (an engine that crashed, a full disk, a bug) is worth another attempt.
import { writeFile } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import { NewscastError } from '../errors.js';
import { withTempFolder } from '../files.js';
import { chooseEngine } from '../tts/engines/index.js';
import { generateEpisode, renderScriptFile, scriptArticle, type RenderOptions } from '../pipeline.js';
import type { InputFormat, JobData, JobError, JobResult, JobRunner } from './queue.js';

const extensions: Record<Exclude<InputFormat, 'auto'>, string> = { text: '.txt', markdown: '.md', html: '.html', ssml: '.ssml' };

/** A file name for the input: the job's name made safe, with its format's extension. */
function inputFileName(data: Pick<JobData, 'format' | 'name'>): string {
  const given = basename(data.name ?? 'article').replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'article';
  if (data.format === 'auto') return given;
  const stem = given.slice(0, given.length - extname(given).length) || 'article';
  return stem + extensions[data.format];
}

/**
 * Runs `work` on the input written to a private scratch file (the pipeline reads paths). The CLI
 * names the file it was given; a job's file is a scratch copy: errors name it as the caller did.
 */
async function withInputFile<T>(data: JobData, work: (path: string) => Promise<T>): Promise<T> {
  return withTempFolder('job', async (folder) => {
    const path = join(folder, inputFileName(data));
    await writeFile(path, Buffer.from(data.content, 'base64'));
    try {
      return await work(path);
    } catch (error) {
      if (error instanceof NewscastError) throw new NewscastError(error.kind, error.message.replaceAll(folder + sep, ''), error.hint, { cause: error.cause });
      throw error;
    }
  });
}

export const runJob: JobRunner = (data, { outDir, onProgress, sharedLock }) =>
  withInputFile(data, async (path) => {
    const warnings: string[] = [];
    const options: RenderOptions = { ...data.options, outDir, onProgress, onWarning: (message) => warnings.push(message), sharedLock };
    const episode = data.format === 'ssml' ? await renderScriptFile(path, options) : await generateEpisode(path, options);
    return { slug: episode.manifest.slug, manifest: episode.manifest, ...(warnings.length > 0 && { warnings }) };
  });

/**
 * Reads and scripts an article, and finds the engine and voice named, without voicing anything,
 * so a service can refuse bad input while the caller waits (the same NewscastError the job would
 * fail with). A script is checked when it runs; `auto` finds its engine when the job runs.
 */
export async function checkInput(data: JobData): Promise<void> {
  const { engine, voice, title, template } = data.options;
  if (engine !== undefined && engine !== 'auto') await chooseEngine(engine, voice);
  if (data.format === 'ssml') return;
  await withInputFile(data, (path) => scriptArticle(path, { title, template }));
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
