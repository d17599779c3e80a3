// close(): stop accepting, answer what is under way, close keep-alive connections as soon as their
// request is answered (not when Node's 5 s keep-alive runs out), then run the onClose hooks.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, get, Server, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../src/server/server.js';

// Node closes an idle keep-alive connection after 5 s anyway, and close() cuts every connection
// after its grace time. Both made longer than the test's own time limit here, so that a close()
// which waited for either fails (times out) instead of racing a clock.
const longerThanTheTest = 10 * 60 * 1000;
beforeAll(() => {
  Object.defineProperty(Server.prototype, 'keepAliveTimeout', { configurable: true, get: () => longerThanTheTest, set: () => {} });
});
afterAll(() => {
  delete (Server.prototype as { keepAliveTimeout?: number }).keepAliveTimeout;
});

test('a download under way on a keep-alive connection finishes; then the server closes and runs its onClose hooks', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-shutdown-'));
  const big = randomBytes(16 * 1024 * 1024);
  writeFileSync(join(out, 'episode.mp3'), big);
  const events: string[] = [];
  const server = await startServer({
    outDir: out,
    port: 0,
    quiet: true,
    shutdownGraceMs: longerThanTheTest,
    routes: [
      (_router, context) => {
        context.onClose(() => void events.push(`hook (closing aborted: ${context.closing.aborted})`));
      },
    ],
  });
  const agent = new Agent({ keepAlive: true });
  try {
    const download = await new Promise<IncomingMessage>((resolve, reject) => get(`${server.url}episode.mp3`, { agent }, resolve).on('error', reject));
    expect(download.headers['connection']).toBe('keep-alive');
    download.pause();
    const closed = server.close().then(() => void events.push('closed'));
    await sleep(200);
    expect(events).toEqual([]);
    const chunks: Buffer[] = [];
    download.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => download.on('end', resolve));
    download.resume();
    await ended;
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    // Only closing the connection once it went idle ends close() before the test's time runs out.
    await closed;
    expect(events).toEqual(['hook (closing aborted: true)', 'closed']);
  } finally {
    agent.destroy();
    await server.close();
  }
});
