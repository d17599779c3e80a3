// Real HTTP for the server's tests: http.request sends the path exactly as given (fetch would
// normalize "/../" away) and hands the body back as it came (no decompression).
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { runCli } from '../e2e/cli.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body parsed as JSON. */
  json<T = any>(): T;
}

export function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const articles = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

/** A real episode in OUT, made by the built command line with the embedded engine. */
export async function generateEpisode(out: string, article: 'short-council-vote.txt' | 'wire-trade-deal.txt'): Promise<void> {
  const result = await runCli(['generate', `${articles}${article}`, '-o', out, '--engine', 'flite-wasm', '-q']);
  if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`);
}

export interface ServerEvent {
  event: string;
  data: any;
}

/** Reads a job's event stream (GET /api/jobs/:id/events) to its end. */
export async function followJobEvents(base: string, id: string): Promise<{ status: number; type: string | null; events: ServerEvent[] }> {
  const response = await fetch(`${base}api/jobs/${id}/events`);
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) };
    });
  return { status: response.status, type: response.headers.get('content-type'), events };
}
