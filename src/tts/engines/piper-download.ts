// `newscast voices install NAME`: fetches a Piper voice from a repository laid out like Piper's own
// (huggingface.co/rhasspy/piper-voices): a voices.json naming each voice's files with their size
// and hash, and the files at those paths. Each file is checked before it is put in place.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NewscastError } from '../../errors.js';
import { temporaryPathFor, trackTemporary, untrackTemporary } from '../../files.js';
import { defaultVoicesFolder } from './piper-voices.js';

const defaultVoiceRepository = 'https://huggingface.co/rhasspy/piper-voices/resolve/main/';

/** A file of a voice as the repository's voices.json lists it (Piper publishes md5; sha256 is taken when given). */
export interface VoiceFile {
  size_bytes: number;
  md5_digest?: string;
  sha256_digest?: string;
}

export interface InstallOptions {
  /** Where voices.json and the files are (NEWSCAST_VOICES_URL, else Piper's repository). */
  baseUrl?: string;
  /** A voices.json to use instead of the repository's: a path or a URL. */
  manifest?: string;
  /** Where the voice goes (default: the voices folder). */
  folder?: string;
  onProgress?: (file: string, received: number, total: number) => void;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

async function fetchOrFail(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new NewscastError('dependency', `Could not reach ${url}: ${(error as Error).message}.`, 'Check the network, or set NEWSCAST_VOICES_URL to a mirror of the Piper voice repository.', { cause: error });
  }
  if (!response.ok) throw new NewscastError('dependency', `${url} answered ${response.status} ${response.statusText}.`, 'Check the voice name and NEWSCAST_VOICES_URL.');
  return response;
}

async function readManifest(source: string): Promise<Record<string, { files?: Record<string, VoiceFile> }>> {
  const text = /^https?:\/\//.test(source) ? await (await fetchOrFail(source)).text() : await readFile(source, 'utf8');
  try {
    return JSON.parse(text) as Record<string, { files?: Record<string, VoiceFile> }>;
  } catch (error) {
    throw new NewscastError('dependency', `The voice list ${source} is not valid JSON.`, undefined, { cause: error });
  }
}

/** Downloads one file beside its final place, checking size and hash as it streams; renamed by the caller. */
async function download(url: string, expected: VoiceFile, temporaryPath: string, onProgress?: (received: number) => void): Promise<void> {
  const response = await fetchOrFail(url);
  if (!response.body) throw new NewscastError('dependency', `${url} sent no body.`);
  const algorithm = expected.sha256_digest ? 'sha256' : 'md5';
  const digest = (expected.sha256_digest ?? expected.md5_digest)!.toLowerCase();
  const hash = createHash(algorithm);
  let received = 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    received += chunk.length;
    onProgress?.(received);
  });
  await pipeline(body, createWriteStream(temporaryPath));
  if (received !== expected.size_bytes) throw new NewscastError('dependency', `${url} is ${received} bytes, the voice list says ${expected.size_bytes}.`, 'Try again; if it persists, the mirror is out of date.');
  const actual = hash.digest('hex');
  if (actual !== digest) throw new NewscastError('dependency', `${url} has ${algorithm} ${actual}, the voice list says ${digest}.`, 'Try again; if it persists, the mirror is damaged.');
}

/**
 * Installs voice `name` (e.g. en_US-joe-medium) into the voices folder and returns the model's
 * path. Both files are downloaded and checked under temporary names first; the config is renamed
 * into place last, so a voice is never seen half-installed.
 */
export async function installVoice(name: string, options: InstallOptions = {}): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new NewscastError('usage', `"${name}" is not a voice name.`, 'Voice names look like en_US-joe-medium.');
  const baseUrl = withSlash(options.baseUrl ?? process.env['NEWSCAST_VOICES_URL'] ?? defaultVoiceRepository);
  const voices = await readManifest(options.manifest ?? `${baseUrl}voices.json`);
  const entry = voices[name];
  if (!entry?.files) throw new NewscastError('usage', `The voice repository has no voice "${name}".`, `See the names in ${options.manifest ?? `${baseUrl}voices.json`}.`);
  const files = Object.entries(entry.files).filter(([path]) => path.endsWith('.onnx') || path.endsWith('.onnx.json'));
  const model = files.find(([path]) => path.endsWith('.onnx'));
  const config = files.find(([path]) => path.endsWith('.onnx.json'));
  if (!model || !config || files.some(([path, file]) => path.split('/').includes('..') || !Number.isInteger(file.size_bytes) || !(file.sha256_digest ?? file.md5_digest))) {
    throw new NewscastError('dependency', `The voice list's entry for "${name}" lacks a model, a config, or a size and hash for each.`);
  }

  const folder = options.folder ?? defaultVoicesFolder();
  await mkdir(folder, { recursive: true });
  const targets = [model, config].map(([path, file]) => ({ path, file, final: join(folder, basename(path)), temporary: temporaryPathFor(join(folder, basename(path))) }));
  // Tracked, so a Ctrl-C mid-download removes them (a model is ~60 MB).
  for (const target of targets) trackTemporary(target.temporary);
  try {
    for (const target of targets) {
      const url = baseUrl + target.path.split('/').map(encodeURIComponent).join('/');
      await download(url, target.file, target.temporary, (received) => options.onProgress?.(basename(target.path), received, target.file.size_bytes));
    }
    for (const target of targets) await rename(target.temporary, target.final);
  } finally {
    await Promise.all(targets.map((target) => rm(target.temporary, { force: true })));
    for (const target of targets) untrackTemporary(target.temporary);
  }
  return targets[0]!.final;
}
