// `newscast serve OUTDIR`: startServer with the command line's options and NEWSCAST_API_TOKEN, one
// line saying where it listens, and a clean stop on SIGINT or SIGTERM: stop accepting, answer what
// is under way, exit 0 with one line. A second signal stops at once (exit 130 or 143, temporaries
// removed, as every command does).
import { exitCleanlyOnSignals, stopExitingOnSignals } from '../interrupt.js';
import { forTerminal } from '../terminal-text.js';
import { tokenVariable } from './auth.js';
import type { MountRoutes } from './router.js';
import { startServer, type ServerOptions } from './server.js';

export interface ServeFlags {
  port: number;
  host: string;
  quiet?: boolean;
}

export async function serve(outDir: string, flags: ServeFlags, routes: MountRoutes[] = [], extra: Pick<ServerOptions, 'sharedLock'> = {}): Promise<void> {
  const token = process.env[tokenVariable] || undefined;
  const server = await startServer({ outDir, port: flags.port, host: flags.host, token, quiet: flags.quiet, routes, ...extra });
  // Handlers are swapped by adding the new ones before taking the old ones off: when a signal's last
  // listener goes, Node closes its watcher, and a signal caught meanwhile can be lost (serve went on).
  const handlers = new Map<NodeJS.Signals, () => void>();
  const stop = (signal: NodeJS.Signals) => {
    exitCleanlyOnSignals(); // for a second signal
    for (const [name, handler] of handlers) process.off(name, handler);
    server.close().then(
      () => {
        process.stderr.write(`newscast: stopped serving ${forTerminal(outDir)} (${signal}).\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`newscast: error while stopping: ${forTerminal(String((error as Error)?.message ?? error))}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    handlers.set(signal, () => stop(signal));
    process.on(signal, handlers.get(signal)!);
  }
  stopExitingOnSignals();
  const writes = token ? `writes need ${tokenVariable}` : 'writes open to this machine only';
  process.stderr.write(`newscast: serving ${forTerminal(outDir)} at ${server.url} (API: ${server.url}api/openapi.json; ${writes}). Ctrl-C stops.\n`);
}
