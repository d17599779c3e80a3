// A worker's progress goes to Redis (job.updateProgress: one round trip, and one entry in the
// events stream every client reads). The pipeline reports every spoken sentence; relayed as they
// come, a long article would cost hundreds of round trips. So a stage's start and end and what it
// wrote always go, the fractions between at most every `intervalMs`, in order, and a failed send
// (Redis away for a moment) is dropped: the next one says more.
import type { ProgressEvent } from '../pipeline.js';

export interface ProgressRelay {
  report(event: ProgressEvent): void;
  /** Resolves once everything reported so far is sent (or dropped). */
  flushed(): Promise<void>;
}

export function progressRelay(send: (event: ProgressEvent) => Promise<unknown>, intervalMs = 250): ProgressRelay {
  let chain: Promise<unknown> = Promise.resolve();
  let lastSent = 0;
  let lastStage: string | undefined;
  return {
    report(event) {
      const milestone = event.stage !== lastStage || event.fraction === 0 || event.fraction === 1 || event.written !== undefined;
      const now = Date.now();
      if (!milestone && now - lastSent < intervalMs) return;
      lastStage = event.stage;
      lastSent = now;
      chain = chain.then(() => send(event)).catch(() => undefined);
    },
    flushed: () => chain.then(() => undefined),
  };
}
