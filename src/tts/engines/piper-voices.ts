// Where Piper voices are found: a file named with --voice, the voices folder, and voices pip put
// in a folder on PYTHONPATH or in python3's site-packages. A voice is a `NAME.onnx` model with its `NAME.onnx.json` beside it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { NewscastError } from '../../errors.js';
import { defaultCacheFolder } from '../cache-folder.js';
import type { Voice } from '../engine.js';

/** What newscast reads from a voice's `.onnx.json`. */
export interface PiperVoiceConfig {
  audio: { sample_rate: number; quality?: string };
  espeak?: { voice?: string };
  inference?: { noise_scale?: number; length_scale?: number; noise_w?: number };
  phoneme_type?: string;
  phoneme_id_map: Record<string, number[]>;
  num_speakers?: number;
  language?: { code?: string };
}

export interface PiperVoice extends Voice {
  modelPath: string;
  config: PiperVoiceConfig;
}

/**
 * `NEWSCAST_VOICES_DIR` when set, else the platform's folder for user data
 * (~/.local/share/newscast/voices on Linux), where `newscast voices install` puts voices.
 */
export function defaultVoicesFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env['NEWSCAST_VOICES_DIR'];
  if (override) return resolve(override);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'newscast', 'voices');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'newscast', 'voices');
  return join(env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share'), 'newscast', 'voices');
}

/**
 * Folders searched for voices: the voices folder (and below it, e.g. a `pip install --target`
 * folder), then each PYTHONPATH entry, where a voice package keeps its files in `<package>/data/`.
 */
export function voiceRoots(env: NodeJS.ProcessEnv = process.env): { folder: string; depth: number }[] {
  const pythonPath = (env['PYTHONPATH'] ?? '').split(delimiter).filter(Boolean);
  return [{ folder: defaultVoicesFolder(env), depth: 3 }, ...pythonPath.map((folder) => ({ folder: resolve(folder), depth: 2 }))];
}

/** python3 as PATH finds it (the file, not where a link leads: a pyenv shim stays a shim), or undefined. */
async function pythonOnPath(env: NodeJS.ProcessEnv): Promise<{ path: string; size: number; mtimeMs: number } | undefined> {
  const names = process.platform === 'win32' ? ['python3.exe', 'python.exe'] : ['python3'];
  for (const folder of (env['PATH'] ?? env['Path'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const path = resolve(folder, name);
      const found = await stat(path).catch(() => undefined);
      if (found?.isFile()) return { path, size: found.size, mtimeMs: found.mtimeMs };
    }
  }
  return undefined;
}

/** Asks `python` where pip installs packages (its site-packages and the user's), or undefined if it fails; `-S` skips site's start-up work. */
function askPython(python: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const ask = 'import site, sysconfig; print(sysconfig.get_paths()["purelib"]); print(site.getusersitepackages())';
  return new Promise((done) => {
    execFile(python, ['-S', '-c', ask], { env, timeout: 5000, windowsHide: true }, (error, stdout) => done(error ? undefined : stdout.split('\n').map((line) => line.trim()).filter(Boolean)));
  });
}

/**
 * Where pip installs packages for python3, or none when there is no python3. Asking costs
 * 0.15-0.5 s (more through a pyenv shim), on every `auto` run: so the answer is kept in the cache
 * folder, for that python3 file (path, size, date) and the variables that move its folders.
 */
async function pythonSitePackages(env: NodeJS.ProcessEnv): Promise<string[]> {
  const python = await pythonOnPath(env);
  if (!python) return [];
  const variables = ['VIRTUAL_ENV', 'PYENV_VERSION', 'PYTHONUSERBASE', 'PYTHONHOME', 'HOME', 'APPDATA'].map((name) => env[name] ?? '');
  const key = JSON.stringify([python, variables]);
  const file = join(defaultCacheFolder(env), 'python-site-packages.json');
  // A missing or damaged file is asked again.
  const cached = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { key?: string; folders?: unknown } | null)
    .catch(() => undefined);
  if (cached?.key === key && Array.isArray(cached.folders)) return cached.folders.filter((folder): folder is string => typeof folder === 'string');
  const folders = await askPython(python.path, env);
  // A failed answer (a time-out on a busy machine) is not kept.
  if (!folders) return [];
  // Written whole or not at all (a temporary renamed into place); a cache that cannot be written is no error.
  const temporary = `${file}.${process.pid}.tmp`;
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeFile(temporary, JSON.stringify({ key, folders })))
    .then(() => rename(temporary, file))
    .catch(() => rm(temporary, { force: true }));
  return folders;
}

/** Voice packages in site-packages: only folders named like one (…piper…, …voice…), not every package there. */
async function sitePackageVoices(env: NodeJS.ProcessEnv): Promise<string[]> {
  const found: string[] = [];
  for (const site of await pythonSitePackages(env)) {
    const entries = await readdir(site, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory() && /piper|voice/i.test(entry.name) && !entry.name.endsWith('-info')) found.push(...(await findModels(join(site, entry.name), 1)));
    }
  }
  return found;
}

/** Every `.onnx` with its `.onnx.json`, up to `depth` folders down; unreadable folders are skipped. */
async function findModels(folder: string, depth: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    // A model may be a symbolic link (into a download folder, say): anything but a folder counts.
    if (!entry.isDirectory() && entry.name.endsWith('.onnx') && existsSync(path) && existsSync(`${path}.json`)) found.push(path);
    else if (entry.isDirectory() && depth > 0 && !entry.name.startsWith('.') && !entry.name.endsWith('.dist-info')) found.push(...(await findModels(path, depth - 1)));
  }
  return found;
}

/** Reads a voice's config; a model without a usable one is a dependency error naming the file. */
export async function loadVoice(modelPath: string): Promise<PiperVoice> {
  const configPath = `${modelPath}.json`;
  let config: PiperVoiceConfig;
  try {
    config = JSON.parse(await readFile(configPath, 'utf8')) as PiperVoiceConfig;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new NewscastError(
      'dependency',
      missing ? `The Piper voice ${modelPath} has no ${basename(configPath)} beside it.` : `The Piper voice config ${configPath} is not valid JSON.`,
      'A Piper voice is two files, NAME.onnx and NAME.onnx.json, in one folder: `newscast voices install NAME` fetches both.',
      { cause: error },
    );
  }
  if (!existsSync(modelPath)) throw new NewscastError('dependency', `The Piper voice model ${modelPath} does not exist.`, 'Run `newscast voices` to list the voices installed.');
  const sampleRate = config.audio?.sample_rate;
  if (!Number.isInteger(sampleRate) || !config.phoneme_id_map || (config.phoneme_type ?? 'espeak') !== 'espeak') {
    throw new NewscastError('dependency', `${configPath} is not a Piper voice newscast can use (it needs audio.sample_rate, phoneme_id_map and espeak phonemes).`);
  }
  return {
    name: basename(modelPath, '.onnx'),
    language: bcp47(config.language?.code ?? config.espeak?.voice ?? 'en-US'),
    sampleRate,
    speakers: config.num_speakers ?? 1,
    quality: config.audio.quality,
    modelPath,
    config,
  };
}

/** Every voice installed, each name once (the first found wins), in a stable order. */
export async function installedVoices(env: NodeJS.ProcessEnv = process.env): Promise<PiperVoice[]> {
  const voices: PiperVoice[] = [];
  const scans = [...voiceRoots(env).map(({ folder, depth }) => findModels(folder, depth)), sitePackageVoices(env)];
  for (const models of await Promise.all(scans)) {
    for (const modelPath of models) {
      if (voices.some((voice) => voice.name === basename(modelPath, '.onnx'))) continue;
      // One broken voice in the folder does not hide the others.
      const voice = await loadVoice(modelPath).catch(() => undefined);
      if (voice) voices.push(voice);
    }
  }
  return voices;
}

/** "en_US" or "en-us" → "en-US". */
function bcp47(code: string): string {
  const [language, region, ...rest] = code.split(/[-_]/);
  return [language!.toLowerCase(), ...(region ? [region.length === 2 ? region.toUpperCase() : region] : []), ...rest].join('-');
}
