// expressjs `compression`, as the server uses it (its own @types pull in all of Express's).
declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface CompressionOptions {
    filter?: (req: IncomingMessage, res: ServerResponse) => boolean;
    threshold?: number | string;
  }
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  export default function compression(options?: CompressionOptions): Middleware;
}
