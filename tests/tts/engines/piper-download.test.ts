// `voices install` against a local HTTP server laid out like Piper's voice repository, serving the
// real voice CI installs with pip (and small made-up files for the failures).
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { installVoice } from '../../../src/tts/engines/piper-download.js';
import { installedVoices } from '../../../src/tts/engines/piper-voices.js';
import { runCli } from '../../e2e/cli.js';

const joe = (await installedVoices()).find((voice) => voice.name === 'en_US-joe-medium');
const hex = (algorithm: string, data: Buffer): string => createHash(algorithm).update(data).digest('hex');

/** Path on the server → bytes; requests for anything else get 404. */
const served = new Map<string, Buffer>();
let server: Server;
let baseUrl: string;
const requests: string[] = [];

function serveVoice(name: string, model: Buffer, config: Buffer, sabotage: { size?: number; md5?: string } = {}): Record<string, unknown> {
  const folder = `en/en_US/${name}/medium`;
  served.set(`/${folder}/en_US-${name}-medium.onnx`, model);
  served.set(`/${folder}/en_US-${name}-medium.onnx.json`, config);
  return {
    [`en_US-${name}-medium`]: {
      key: `en_US-${name}-medium`,
      files: {
        [`${folder}/en_US-${name}-medium.onnx`]: { size_bytes: sabotage.size ?? model.length, md5_digest: sabotage.md5 ?? hex('md5', model) },
        [`${folder}/en_US-${name}-medium.onnx.json`]: { size_bytes: config.length, md5_digest: hex('md5', config) },
        [`${folder}/MODEL_CARD`]: { size_bytes: 5, md5_digest: hex('md5', Buffer.from('card\n')) },
      },
    },
  };
}

beforeAll(async () => {
  const small = Buffer.from('not really a model, but bytes to check');
  const config = Buffer.from('{"audio": {"sample_rate": 22050}}');
  const manifest = {
    ...serveVoice('small', small, config),
    ...serveVoice('resized', small, config, { size: small.length + 1 }),
    ...serveVoice('tampered', small, config, { md5: hex('md5', Buffer.from('something else')) }),
    // Its model is sent in part, then the server stalls: a download to interrupt.
    ...serveVoice('stall', Buffer.alloc(1_000_000), config),
    ...(joe ? serveVoice('joe', readFileSync(joe.modelPath), readFileSync(`${joe.modelPath}.json`)) : {}),
  };
  served.set('/voices.json', Buffer.from(JSON.stringify(manifest)));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = served.get(request.url ?? '');
    if (!body) return response.writeHead(404).end();
    if (request.url?.endsWith('stall-medium.onnx')) return void response.writeHead(200, { 'content-length': body.length }).write(body.subarray(0, 1000));
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const emptyFolder = (): string => mkdtempSync(join(tmpdir(), 'newscast-install-'));

describe('newscast voices install', () => {
  test.skipIf(!joe)('installs the real voice: identical bytes, found by name afterwards, progress up to the full size', async () => {
    const folder = emptyFolder();
    const progress: Array<[string, number, number]> = [];
    const model = await installVoice('en_US-joe-medium', { baseUrl, folder, onProgress: (file, received, total) => progress.push([file, received, total]) });
    expect(model).toBe(join(folder, 'en_US-joe-medium.onnx'));
    expect(readdirSync(folder).sort()).toEqual(['en_US-joe-medium.onnx', 'en_US-joe-medium.onnx.json']);
    expect(hex('sha256', readFileSync(model))).toBe(hex('sha256', readFileSync(joe!.modelPath)));
    const voices = await installedVoices({ NEWSCAST_VOICES_DIR: folder });
    expect(voices.map((voice) => [voice.name, voice.sampleRate])).toEqual([['en_US-joe-medium', 22050]]);
    const modelProgress = progress.filter(([file]) => file === 'en_US-joe-medium.onnx').map(([, received]) => received);
    expect(modelProgress.length).toBeGreaterThan(10);
    expect(modelProgress.at(-1)).toBe(readFileSync(joe!.modelPath).length);
    expect(modelProgress).toEqual([...modelProgress].sort((a, b) => a - b));
  }, 60_000);

  test('the command line installs into NEWSCAST_VOICES_DIR, showing progress', async () => {
    const folder = emptyFolder();
    const before = process.env['NEWSCAST_VOICES_DIR'];
    process.env['NEWSCAST_VOICES_DIR'] = folder;
    try {
      const result = await runCli(['voices', 'install', 'en_US-small-medium', '--from', baseUrl]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('en_US-small-medium.onnx 100%');
      expect(result.stderr).toContain(`installed ${join(folder, 'en_US-small-medium.onnx')}`);
      expect(readdirSync(folder).sort()).toEqual(['en_US-small-medium.onnx', 'en_US-small-medium.onnx.json']);
    } finally {
      if (before === undefined) delete process.env['NEWSCAST_VOICES_DIR'];
      else process.env['NEWSCAST_VOICES_DIR'] = before;
    }
  }, 60_000);

  test('Ctrl-C during a download leaves no temporary file in the voices folder', async () => {
    const folder = emptyFolder();
    const cli = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'voices', 'install', 'en_US-stall-medium', '--from', baseUrl, '--quiet'], {
      env: { ...process.env, NEWSCAST_VOICES_DIR: folder },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupted once the download has begun writing its temporary file.
    for (let tries = 0; readdirSync(folder).length === 0 && tries < 300; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\.en_US-stall-medium\.onnx\.newscast-[0-9a-f]+-\d+-[0-9a-f]+\.tmp$/)]);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(folder)).toEqual([]);
  }, 30_000);

  test.each([
    ['a file of the wrong size', 'en_US-resized-medium', /is 38 bytes, the voice list says 39/],
    ['a file whose hash differs', 'en_US-tampered-medium', /has md5 [0-9a-f]{32}, the voice list says/],
  ])('%s is refused and nothing is left in the folder', async (_name, voice, message) => {
    const folder = emptyFolder();
    const error = await installVoice(voice, { baseUrl, folder }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).kind).toBe('dependency');
    expect((error as NewscastError).message).toMatch(message);
    expect(readdirSync(folder)).toEqual([]);
  });

  test('a voice the repository does not have is a usage error (exit 2) naming it', async () => {
    const error = await installVoice('en_US-nobody-medium', { baseUrl, folder: emptyFolder() }).catch((caught: unknown) => caught);
    expect((error as NewscastError).exitCode).toBe(2);
    expect((error as NewscastError).message).toBe('The voice repository has no voice "en_US-nobody-medium".');
  });

  test('a name that could leave the folder is refused before anything is fetched', async () => {
    const count = requests.length;
    const error = await installVoice('../../etc/passwd', { baseUrl, folder: emptyFolder() }).catch((caught: unknown) => caught);
    expect((error as NewscastError).kind).toBe('usage');
    expect(requests.length).toBe(count);
  });

  test('a manifest given as a file replaces the repository list', async () => {
    const folder = emptyFolder();
    const manifest = join(folder, 'mine.json');
    writeFileSync(manifest, served.get('/voices.json')!);
    const model = await installVoice('en_US-small-medium', { baseUrl, folder: join(folder, 'voices'), manifest });
    expect(readFileSync(model, 'utf8')).toBe('not really a model, but bytes to check');
  });
});
