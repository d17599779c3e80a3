// A test hook, honest about what it is: with NEWSCAST_PAUSE_AT=NAME a run stops at that named
// point of the pipeline and waits there until it is killed, so the fault tests
// (tests/e2e/faults.test.ts) can interrupt it exactly there instead of racing a stage that lasts
// milliseconds. Without the variable, a checkpoint costs nothing.

export type CheckpointName = 'read' | 'script' | 'render' | 'assemble' | 'publish' | 'swap' | 'feed';

export async function checkpoint(name: CheckpointName): Promise<void> {
  if (process.env['NEWSCAST_PAUSE_AT'] !== name) return;
  process.stderr.write(`newscast: paused at ${name} (NEWSCAST_PAUSE_AT)\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
