import { execFile } from 'node:child_process';
import { NewscastError } from '../../errors.js';
import { trackChildProcess } from '../../running-children.js';

export interface ProgramOptions {
  /** Written to the program's stdin, then stdin is closed (so a program never waits on a terminal). */
  input?: string | Buffer;
  cwd?: string;
  /** A stuck synthesizer must not hang a render; long paragraphs take seconds, not minutes. */
  timeoutMs?: number;
  /** What to install when the program is missing, e.g. "apt-get install espeak-ng". */
  install: string;
  /** Exit codes that still mean success (flite's `--version` exits with 1). */
  exitCodes?: number[];
}

export interface ProgramOutput {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a program with an argument array: no shell ever sees the arguments, so text cannot become
 * a command. A missing program is a dependency error; a failing one is internal, with its stderr.
 */
export function runProgram(command: string, args: string[], options: ProgramOptions): Promise<ProgramOutput> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd, timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const errorText = stderr.toString('utf8').trim();
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (!error || (typeof code === 'number' && options.exitCodes?.includes(code))) return resolve({ stdout, stderr: errorText });
        if (code === 'ENOENT') {
          return reject(new NewscastError('dependency', `The program "${command}" is not installed.`, `Install it: ${options.install}`, { cause: error }));
        }
        const why = error.killed ? `did not finish within ${timeoutMs / 1000} s` : `failed (exit code ${String(code)})`;
        reject(new NewscastError('internal', `${command} ${why}${errorText ? `: ${errorText}` : '.'}`, undefined, { cause: error }));
      },
    );
    trackChildProcess(child);
    // EPIPE when a program exits without reading its input is reported through the exit callback.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}
