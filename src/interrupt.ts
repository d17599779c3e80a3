// SIGINT (Ctrl-C) and SIGTERM end a run cleanly: the programs it started are stopped, its
// temporaries (scratch folders, the staging folder of an episode not yet swapped in, half-written
// files, the output lock) removed, and one line says what was and was not written; the exit code
// is 128 + the signal's number, as shells report it. SIGHUP is left alone: a listener for it would
// replace the "ignore" that `nohup` set, and a run meant to outlive its terminal would end with it.
// (Unhandled, a hang-up still ends a run; the next run removes what it left: stale-temporaries.ts.) What is already in place stays: an episode is
// swapped in synchronously (src/publish/episode-folder.ts), so a handler never runs halfway through.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeLiveTemporariesSync } from './files.js';
import type { ProgressEvent, Stage } from './pipeline.js';
import { killChildProcesses } from './running-children.js';
import { removeOwnTemporaryFoldersSync } from './stale-temporaries.js';
import { forTerminal } from './terminal-text.js';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
export type HandledSignal = keyof typeof signalExitCodes;

/** What a command is doing, so an interruption can say what it leaves unwritten. */
export class RunState {
  private current?: { subject: string; stage?: Stage; written?: string };
  private readonly waiting: string[];
  /** The episode folders earlier subjects of this run wrote. */
  private readonly done: string[] = [];

  /** `outDir`: where episodes go (undefined for commands that write none); `subjects`: the articles or scripts, in order. */
  constructor(
    private readonly outDir?: string,
    subjects: readonly string[] = [],
  ) {
    this.waiting = [...subjects];
  }

  start(subject: string): void {
    const index = this.waiting.indexOf(subject);
    if (index >= 0) this.waiting.splice(index, 1);
    this.current = { subject };
  }

  progress(event: ProgressEvent): void {
    if (!this.current) return;
    this.current.stage = event.stage;
    if (event.written) this.current.written = event.written;
  }

  finish(): void {
    if (this.current?.written) this.done.push(this.current.written);
    this.current = undefined;
  }

  /** The one line an interrupted run prints. */
  describe(signal: HandledSignal): string {
    const notStarted = this.waiting.length > 0 ? `; not started: ${this.waiting.join(', ')}` : '';
    const wrote = this.done.length > 0 ? ` (wrote ${this.done.join(', ')})` : '';
    const current = this.current;
    if (!current) return `newscast: stopped by ${signal}${wrote}${notStarted || '; nothing was half-written'}.`;
    if (current.written) {
      // publish/feed.ts keeps a feed once the folder has one, or a show.json asking for one.
      const hasFeed = this.outDir && ['feed.xml', 'show.json'].some((name) => existsSync(join(this.outDir!, name)));
      const feed = hasFeed ? join(this.outDir!, 'feed.xml') : undefined;
      const feedNote = feed ? `, but ${feed} was not updated (run \`newscast feed ${this.outDir}\`)` : '';
      const earlier = this.done.length > 0 ? ` (and before it ${this.done.join(', ')})` : '';
      return `newscast: stopped by ${signal} after writing ${current.written}${earlier}${feedNote}${notStarted}.`;
    }
    // Once earlier articles of a batch are in, OUTDIR is no longer "as it was": say what is.
    const where = !this.outDir ? '' : this.done.length > 0 ? `; wrote ${this.done.join(', ')}` : `; ${this.outDir} is as it was`;
    return `newscast: stopped by ${signal} during ${current.stage ?? 'start'} of ${current.subject}: its episode was not written${where}${notStarted}.`;
  }
}

let state = new RunState();

/** The run whose state an interruption describes (set by each command). */
export function describeRunOnInterrupt(run: RunState): void {
  state = run;
}

const exitHandlers = new Map<HandledSignal, () => void>();

/** Installs the handlers once, at start-up. */
export function exitCleanlyOnSignals(): void {
  for (const signal of Object.keys(signalExitCodes) as HandledSignal[]) {
    exitHandlers.set(signal, () => {
      try {
        killChildProcesses();
        removeLiveTemporariesSync();
        removeOwnTemporaryFoldersSync();
      } catch {
        // What could not be removed now, the next run removes (stale-temporaries.ts).
      }
      process.stderr.write(`${forTerminal(state.describe(signal))}\n`);
      process.exit(signalExitCodes[signal]);
    });
    process.once(signal, exitHandlers.get(signal)!);
  }
}

/** For a command that ends on a signal its own way (`newscast serve` finishes its requests first). */
export function stopExitingOnSignals(): void {
  for (const [signal, handler] of exitHandlers) process.off(signal, handler);
}
