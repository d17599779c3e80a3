// The browser tests' world: one real episode (flite-wasm, the embedded engine) and its site,
// served by `newscast serve` on a free port, and an article page on a second origin that embeds
// the player the way the README tells a newsroom to.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { parseTranscriptVtt, type TranscriptCue } from '../../src/publish/transcript-vtt.js';
import { runCli } from '../e2e/cli.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const article = fileURLToPath(new URL('../../examples/us-strikes-iraq.txt', import.meta.url));

export interface ServedSite {
  /** `newscast serve`'s address, ending in "/". */
  url: string;
  slug: string;
  manifest: EpisodeManifest;
  cues: TranscriptCue[];
  /** The episode page. */
  episodeUrl: string;
  /** An article page on another origin with the player embedded. */
  embedUrl: string;
  close(): Promise<void>;
}

export async function serveGeneratedSite(): Promise<ServedSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-site-'));
  for (const args of [['generate', article, '-o', outDir, '--engine', 'flite-wasm', '-q'], ['site', outDir]]) {
    const result = await runCli(args);
    if (result.code !== 0) throw new Error(`newscast ${args[0]} failed: ${result.stderr}`);
  }
  const slug = readdirSync(outDir, { withFileTypes: true }).find((entry) => entry.isDirectory())!.name;
  const manifest = JSON.parse(readFileSync(join(outDir, slug, 'episode.json'), 'utf8')) as EpisodeManifest;
  const cues = parseTranscriptVtt(readFileSync(join(outDir, slug, 'transcript.vtt'), 'utf8'));
  const { child, url } = await startServe(outDir);
  const embed = await startArticleServer(url, slug);
  return {
    url, slug, manifest, cues,
    episodeUrl: `${url}${slug}/index.html`,
    embedUrl: embed.url,
    async close() {
      await new Promise((resolve) => embed.server.close(resolve));
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** `newscast serve OUT --port 0`, and the address its first line gives. */
function startServe(outDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve', outDir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const address = /at (http:\/\/\S+\/) /.exec(stderr);
      if (address) resolve({ child, url: address[1]! });
    });
    child.once('exit', (code) => reject(new Error(`newscast serve exited (${code}): ${stderr}`)));
  });
}

/** A newsroom's article page on "localhost" (the site is on 127.0.0.1, another port: another origin twice over). */
async function startArticleServer(siteUrl: string, slug: string): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>An article with its audio</title>
<script type="module" src="${siteUrl}newscast-player.js"></script></head>
<body><main><h1>Strikes in Iraq</h1><p>Listen to this story:</p>
<newscast-player src="${siteUrl}${slug}/episode.json"></newscast-player>
<p>The story's text follows here on the newsroom's own page.</p></main></body>
</html>`;
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(request.url === '/' ? page : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://localhost:${port}/` };
}
