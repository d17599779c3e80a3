// A real Redis for the tests: Debian's redis-server on a free loopback port, one per test file,
// stopped after it. Without persistence by default (`--save '' --appendonly no`: nothing to clean
// up); `persistent` keeps an append-only file fsynced on every write in a folder of its own, so
// restart() brings back every job, as a production Redis for BullMQ is set up to.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RedisServer {
  port: number;
  url: string;
  /**
   * Stops it (SIGKILL when `crash`, else a clean shutdown), waits `downMs` and `whileDown` (what a
   * test does while Redis is away), and starts it again on the same port.
   */
  restart(options?: { downMs?: number; crash?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startRedis(options: { persistent?: boolean } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-redis-'));
  const port = await freePort();
  const persistence = options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--maxmemory-policy', 'noeviction'];
  let child = await launch(args);

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async restart({ downMs = 500, crash = false, whileDown } = {}) {
      await kill(child, crash ? 'SIGKILL' : 'SIGTERM');
      try {
        await sleep(downMs);
        await whileDown?.();
      } finally {
        child = await launch(args);
      }
    },
    async stop() {
      await kill(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts redis-server and resolves once it accepts connections. */
function launch(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', (error) => reject(new Error(`Cannot start redis-server (apt-get install redis-server): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
