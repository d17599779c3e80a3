// Request bodies: read whole, up to the server's limit (413 beyond it, told by Content-Length before
// anything is read, else as soon as the count passes it), and JSON ones checked with zod.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { describeProblems } from '../audio/template-schema.js';
import { HttpError } from './http-error.js';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`);

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'too-large', `The request body is larger than this server takes (${size(limit)}).`, 'Send a smaller body, or start the server with a larger limit.');
}

/** The whole body of `req`, at most `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    // What is left unread is discarded by Node once the 413 is answered.
    if (received > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, received);
}

/** The request's media type, lower case, without parameters ("application/json"). */
export function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers['content-type'];
  return header ? header.split(';')[0]!.trim().toLowerCase() : undefined;
}

/** A JSON body (Content-Type application/json, or any +json type) that `schema` accepts. */
export async function readJson<Schema extends z.ZodType>(req: IncomingMessage, schema: Schema, limit: number): Promise<z.infer<Schema>> {
  const type = mediaType(req);
  if (type !== 'application/json' && !type?.endsWith('+json')) {
    throw new HttpError(415, 'unsupported-media', `This endpoint takes JSON, not ${type ?? 'a body without Content-Type'}.`, 'Send the body with Content-Type: application/json.');
  }
  const text = (await readBody(req, limit)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'usage', `The body is not valid JSON: ${(error as Error).message}`, 'Send a JSON document.');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new HttpError(400, 'usage', `The body is not valid: ${describeProblems(result.error).join('; ')}`, 'See /api/openapi.json for the fields.');
  return result.data;
}
