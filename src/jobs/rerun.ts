// When a story sent again runs again instead of answering with the job it made before. A job's id
// is its idempotency key, so without this a failed job could never run again, and a done job whose
// episode was deleted would answer with an episode that is gone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from './queue.js';

/**
 * A failed job runs again, whether its failure was transient or permanent: sending a story again is
 * the caller's explicit wish, and what a permanent failure lacked (a voice, a template, an engine)
 * may be there now; a permanent failure of the same bytes fails again at once, for little cost.
 * (The feed source, which resends by itself, resends only transient failures.) A done job runs
 * again when its episode's folder is gone from OUT.
 */
export function runsAgain(job: Job, outDir: string): boolean {
  if (job.state === 'failed') return true;
  return job.state === 'done' && job.result !== undefined && !existsSync(join(outDir, job.result.slug, 'episode.json'));
}
