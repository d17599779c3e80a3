// Programs newscast runs (ffmpeg, Festival, espeak-ng…) are tracked while they run, so a SIGINT or
// SIGTERM stops them too: a signal sent to newscast alone would otherwise leave them encoding into
// folders that were just removed.
import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

export function trackChildProcess(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Kills every program still running (for a signal handler: returns at once). */
export function killChildProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
