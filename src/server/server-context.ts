import type { SharedLock } from '../publish/output-lock.js';

/** What a mounted route knows of the server it runs in. */
export interface ServerContext {
  /** The folder served, absolute. */
  outDir: string;
  /** NEWSCAST_API_TOKEN when set: then every write route needs it (auth.ts). */
  token?: string;
  /** The largest request body readBody takes (413 beyond). */
  bodyLimitBytes: number;
  /** Aborted when the server starts closing: long responses (event streams) should end then. */
  closing: AbortSignal;
  /** Runs `hook` once the server has closed and its requests are answered: a mounted service stops here. */
  onClose(hook: () => Promise<void> | void): void;
  /** Says something on the server's log (stderr), even when the request log is off. */
  warn(message: string): void;
  /** Held around OUTDIR's publishing lock when processes on other hosts publish there too (serve --redis). */
  sharedLock?: SharedLock;
}
