// One line per request on the server's log: when, method, path, status, bytes of body sent (after
// compression), milliseconds. The path is the client's: escaped before it reaches a terminal.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forTerminal } from '../terminal-text.js';

type Chunk = string | Uint8Array;

/** Counts what `res` sends and writes the line when it is done (or cut off). Install before compression, to count what goes out. */
export function logRequest(req: IncomingMessage, res: ServerResponse, writeLine: (line: string) => void): void {
  const started = performance.now();
  let bytes = 0;
  const count = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    count(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] !== 'function') count(args[0], args[1]);
    return (end as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
  res.once('close', () => {
    const ms = Math.round(performance.now() - started);
    const cut = res.writableFinished ? '' : ' (cut off)';
    writeLine(`${new Date().toISOString()} ${forTerminal(req.method ?? '')} ${forTerminal(req.url ?? '')} ${res.statusCode} ${bytes} ${ms}ms${cut}`);
  });
}
