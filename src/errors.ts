/** What went wrong, from the user's point of view; it decides the exit code. */
export type ErrorKind = 'input' | 'usage' | 'dependency' | 'internal';

const exitCodes: Record<ErrorKind, number> = { input: 2, usage: 2, dependency: 3, internal: 1 };

/** Every error newscast raises on purpose: a one-line message plus what to do about it. */
export class NewscastError extends Error {
  override name = 'NewscastError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get exitCode(): number {
    return exitCodes[this.kind];
  }
}
