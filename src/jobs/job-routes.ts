// The jobs' HTTP API, mounted on the server's router (src/server/): POST /api/episodes submits an
// article or script, POST /api/bulletins several articles for one bulletin, GET /api/jobs[/:id]
// reads jobs, GET /api/jobs/:id/events follows one as server-sent events. A new job is answered
// 202 Accepted; a duplicate (the same content and options, or the same Idempotency-Key) 200 OK
// with the job that exists, in whatever state it is: nothing new was accepted, and the client can
// tell by the status alone. The same Idempotency-Key with another body is refused (422).
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { NewscastError } from '../errors.js';
import { HttpError } from '../server/http-error.js';
import { sendJson } from '../server/json-response.js';
import { errorResponse } from '../server/openapi.js';
import { mediaType, readBody } from '../server/request-body.js';
import type { MountRoutes, RouteRequest } from '../server/router.js';
import { bulletinOptionsSchema, describeIssues, jobOptionsSchema, maxBulletinArticles, storyFormats } from './job-options.js';
import { fingerprintOf, jobIdFor } from './job-key.js';
import type { InputFormat, Job, JobEvent, JobRequest, Submitted } from './queue.js';
import { checkInput } from './run-job.js';
import { bulletinRequest, jobRequest, type BulletinSubmission, type Service, type SubmitOptions } from './service.js';
import { runsAgain } from './rerun.js';

/** Raw bodies by Content-Type; their options come in the query string. */
const formatsByType: Record<string, InputFormat> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/ssml+xml': 'ssml',
};

const idempotencyKeySchema = z.string().trim().min(1).max(200);

const jsonBodySchema = jobOptionsSchema
  .extend({
    article: z.string().min(1, 'article is empty').optional(),
    script: z.string().min(1, 'script is empty').optional(),
    format: z.enum(['auto', 'text', 'markdown', 'html']).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .strict()
  .refine((body) => (body.article === undefined) !== (body.script === undefined), { message: 'give exactly one of article and script' });

const bulletinBodySchema = bulletinOptionsSchema
  .extend({
    articles: z
      .array(
        z
          .object({
            article: z.string().min(1, 'article is empty'),
            format: z.enum(storyFormats).optional(),
            name: z.string().trim().min(1, 'name is empty').max(200, 'name is longer than 200 characters').optional(),
          })
          .strict(),
      )
      .min(2, 'a bulletin needs at least 2 articles')
      .max(maxBulletinArticles, `a bulletin takes at most ${maxBulletinArticles} articles`),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .strict();

/** Keep-alive comments on an idle event stream, so proxies do not close it; the job is read again on each. */
const defaultHeartbeatMs = 15_000;

export interface JobRoutesOptions {
  /** Between two keep-alive comments on an event stream (default 15 s). */
  heartbeatMs?: number;
}

const jobLinks = (id: string) => ({ self: `/api/jobs/${id}`, events: `/api/jobs/${id}/events` });
const jobBody = (job: Job) => ({ job, links: jobLinks(job.id) });

function badRequest(message: string, hint = 'See /api/openapi.json for the fields.'): HttpError {
  return new HttpError(400, 'usage', message, hint);
}

/** What a raw body's query string says: ?title=…&engine=…&rate=0.9 */
function queryOptions(url: URL): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) options[key] = key === 'rate' ? Number(value) : value;
  return options;
}

/** The Idempotency-Key header, if one is given. */
function headerKey(req: RouteRequest['req']): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
}

/** A JSON body, parsed and checked against `schema`; at most the server's body limit in all. */
async function readJson<T>({ req, server }: RouteRequest, schema: z.ZodType<T>): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readBody(req, server.bodyLimitBytes)).toString('utf8'));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw badRequest(`The body is not valid: ${describeIssues(result.error)}.`);
  return result.data;
}

async function readSubmission(request: RouteRequest): Promise<{ input: Buffer | string; options: SubmitOptions }> {
  const { req, url, server } = request;
  const type = mediaType(req);
  const idempotencyKey = headerKey(req);
  if (type === 'application/json') {
    const { article, script, format, idempotencyKey: bodyKey, ...options } = await readJson(request, jsonBodySchema);
    return { input: article ?? script!, options: { ...options, format: script !== undefined ? 'ssml' : (format ?? 'auto'), idempotencyKey: idempotencyKey ?? bodyKey } };
  }
  const format = type === undefined ? undefined : formatsByType[type];
  if (!format) {
    throw new HttpError(415, 'unsupported-media', `POST /api/episodes takes text/plain, text/markdown, text/html, application/ssml+xml or application/json, not ${type ?? 'a body without Content-Type'}.`, 'Send the article with one of those Content-Types.');
  }
  const options = jobOptionsSchema.safeParse(queryOptions(url));
  if (!options.success) throw badRequest(`The query string is not valid: ${describeIssues(options.error)}.`, 'Options are title, template, engine, voice and rate (0.5 to 2).');
  return { input: await readBody(req, server.bodyLimitBytes), options: { ...options.data, format, idempotencyKey } };
}

async function readBulletin(request: RouteRequest): Promise<BulletinSubmission> {
  const type = mediaType(request.req);
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported-media', `POST /api/bulletins takes application/json, not ${type ?? 'a body without Content-Type'}.`, 'Send { "articles": [{ "article": "…" }, …] } as JSON.');
  }
  const { idempotencyKey, ...bulletin } = await readJson(request, bulletinBodySchema);
  const key = headerKey(request.req) ?? idempotencyKey;
  return { ...bulletin, ...(key !== undefined && { idempotencyKey: key }) };
}

/** The same Idempotency-Key with another body or other options: refused, not answered with the other story's job. */
function refuseOtherBody(job: Job | undefined, request: JobRequest): void {
  if (!job?.fingerprint || request.idempotencyKey === undefined || job.fingerprint === fingerprintOf(request)) return;
  throw new NewscastError(
    'input',
    `The Idempotency-Key "${request.idempotencyKey}" names job ${job.id}, sent with another body or other options.`,
    'Send a new key for a new or corrected story, or the same body and options to follow the job.',
  );
}

/**
 * Answers a submission: 200 with the job its key names if there is one (unless it runs again);
 * else the input is checked (bad input refused while the caller waits) and queued, 202. Both with
 * the job's Location.
 */
async function answerSubmission({ res }: RouteRequest, service: Service, request: JobRequest, submit: () => Promise<Submitted>): Promise<void> {
  const id = jobIdFor(request);
  let job = await service.get(id);
  refuseOtherBody(job, request);
  let created = false;
  // A failed job, or a done one whose episode was deleted, runs again (rerun.ts).
  if (!job || runsAgain(job, service.outDir)) {
    await checkInput(request);
    ({ job, created } = await submit());
    refuseOtherBody(job, request); // another client's body may have been stored under the key first
  }
  res.setHeader('Location', jobLinks(id).self);
  sendJson(res, created ? 202 : 200, jobBody(job));
}

function sendEvent(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The event that ends a job's stream: done with the episode's manifest, or failed with the error. */
function sendEnd(res: ServerResponse, job: Job): void {
  if (job.state === 'done') sendEvent(res, 'done', { job, manifest: job.result!.manifest, links: { episode: `/${encodeURIComponent(job.result!.slug)}/` } });
  else sendEvent(res, 'failed', { job, error: job.error });
  res.end();
}

const jobSchema = {
  type: 'object',
  required: ['id', 'state', 'kind', 'name', 'options', 'attempts', 'maxAttempts', 'createdAt'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'The idempotency key: from the content and options, or from the Idempotency-Key.' },
    state: { type: 'string', enum: ['waiting', 'active', 'done', 'failed'] },
    kind: { type: 'string', enum: ['episode', 'bulletin'] },
    name: { type: 'string' },
    format: { type: 'string', enum: ['auto', 'text', 'markdown', 'html', 'ssml'], description: 'An episode’s input format.' },
    articles: {
      type: 'array',
      description: 'A bulletin’s stories, in order.',
      items: { type: 'object', required: ['name', 'format'], properties: { name: { type: 'string' }, format: { type: 'string', enum: [...storyFormats] } } },
    },
    options: { type: 'object' },
    progress: { type: 'object', description: 'The latest progress event: stage (read, script, render, assemble, publish), fraction 0 to 1, detail.' },
    attempts: { type: 'integer' },
    maxAttempts: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    retryAt: { type: 'string', format: 'date-time', description: 'A transient failure: when the next attempt starts.' },
    error: { type: 'object', description: 'kind, message, hint as the command line says them; transient: whether it was retried.' },
    result: { type: 'object', description: 'slug (the episode folder), manifest (its episode.json), warnings; a bulletin’s notes (stories left out, what maxMinutes cut).' },
  },
};
const jobResponse = (description: string) => ({
  description,
  headers: { Location: { description: 'The job: /api/jobs/ID', schema: { type: 'string' } } },
  content: { 'application/json': { schema: { type: 'object', required: ['job', 'links'], properties: { job: jobSchema, links: { type: 'object' } } } } },
});
const idParameter = { name: 'id', in: 'path' as const, required: true, description: 'The job id POST /api/episodes or /api/bulletins gave.', schema: { type: 'string' } };

/** The routes over `service` (or the service to come: requests wait for it); its caller closes it. */
export function jobRoutes(serviceOrPending: Service | Promise<Service>, options: JobRoutesOptions = {}): MountRoutes {
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  return (router, server) => {

    router.add({
      method: 'POST',
      path: '/api/episodes',
      operation: {
        operationId: 'submitEpisode',
        summary: 'Voice an article (or an edited script) into an episode, as a job',
        description:
          'The body is the article (text/plain, text/markdown, text/html; options in the query string: ?title=&template=&engine=&voice=&rate=) or a script (application/ssml+xml), or JSON { article | script, format, title, template, engine, voice, rate, idempotencyKey }. The Idempotency-Key header (or idempotencyKey) names the job; without one, the same content and options give the same job. An article is read and scripted before it is queued, so bad input is refused at once with the message the command line gives.',
        parameters: [{ name: 'Idempotency-Key', in: 'header', description: 'The caller’s key for this story: the same key gives the same job.', schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'text/plain': { schema: { type: 'string' } },
            'text/markdown': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string' } },
            'application/ssml+xml': { schema: { type: 'string' } },
            'application/json': { schema: z.toJSONSchema(jsonBodySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> },
          },
        },
        responses: {
          '202': jobResponse('A new job, queued.'),
          '200': jobResponse('The job with this content and options (or this Idempotency-Key) existed: it is answered as it is, and no new job is made.'),
          '400': errorResponse('The body or an option is not valid.'),
          '413': errorResponse('The body is larger than the server takes.'),
          '415': errorResponse('A Content-Type the API does not take.'),
          '422': errorResponse('The article cannot be voiced (empty, not text, no story found): the command line’s message.'),
          '503': errorResponse('A template or engine the job asks for is not on this server.'),
        },
      },
      handle: async (request) => {
        const service = await serviceOrPending;
        const { input, options } = await readSubmission(request);
        await answerSubmission(request, service, jobRequest(input, options), () => service.submit(input, options));
      },
    });

    router.add({
      method: 'POST',
      path: '/api/bulletins',
      operation: {
        operationId: 'submitBulletin',
        summary: 'Voice several articles into one bulletin episode, as a job',
        description:
          'JSON { articles: [{ article, format, name }, …], title, headlines, maxMinutes, skipBad, template, engine, voice, rate, idempotencyKey }: 2 to ' +
          `${maxBulletinArticles} articles, read in order, the whole body within the server’s body limit. ` +
          'The Idempotency-Key header (or idempotencyKey) names the job; without one, the same articles in the same order with the same options give the same job. ' +
          'A story that cannot be read fails the job with a message naming it, unless skipBad is true: then the bulletin is made without it and its episode.json lists it in leftOut.',
        parameters: [{ name: 'Idempotency-Key', in: 'header', description: 'The caller’s key for this bulletin: the same key gives the same job.', schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(bulletinBodySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> } },
        },
        responses: {
          '202': jobResponse('A new job, queued.'),
          '200': jobResponse('The job with these articles and options (or this Idempotency-Key) existed: it is answered as it is, and no new job is made.'),
          '400': errorResponse('The body or an option is not valid.'),
          '413': errorResponse('The body is larger than the server takes.'),
          '415': errorResponse('A Content-Type other than application/json.'),
          '422': errorResponse('None of the articles can be voiced: the command line’s message.'),
          '503': errorResponse('A template or engine the job asks for is not on this server.'),
        },
      },
      handle: async (request) => {
        const service = await serviceOrPending;
        const bulletin = await readBulletin(request);
        await answerSubmission(request, service, bulletinRequest(bulletin), () => service.submit(bulletin));
      },
    });

    router.add({
      method: 'GET',
      path: '/api/jobs',
      operation: {
        operationId: 'listJobs',
        summary: 'Jobs, newest first',
        parameters: [
          { name: 'state', in: 'query', schema: { type: 'string', enum: ['waiting', 'active', 'done', 'failed'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        ],
        responses: {
          '200': { description: 'The jobs.', content: { 'application/json': { schema: { type: 'object', properties: { jobs: { type: 'array', items: jobSchema } } } } } },
          '400': errorResponse('A state or limit that is not valid.'),
        },
      },
      handle: async ({ res, url }) => {
        const service = await serviceOrPending;
        const query = z
          .object({ state: z.enum(['waiting', 'active', 'done', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) })
          .safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) throw badRequest(`The query string is not valid: ${describeIssues(query.error)}.`);
        sendJson(res, 200, { jobs: await service.list(query.data) });
      },
    });

    router.add({
      method: 'GET',
      path: '/api/jobs/:id',
      operation: {
        operationId: 'getJob',
        summary: 'One job: its state, progress, error or episode',
        parameters: [idParameter],
        responses: { '200': jobResponse('The job.'), '404': errorResponse('No job with this id.') },
      },
      handle: async ({ res, params }) => {
        const service = await serviceOrPending;
        const job = await service.get(params['id']!);
        if (!job) throw noJob(params['id']!);
        sendJson(res, 200, jobBody(job));
      },
    });

    router.add({
      method: 'GET',
      path: '/api/jobs/:id/events',
      operation: {
        operationId: 'followJob',
        summary: 'Follow a job as server-sent events',
        description:
          'Events: `progress` (data: stage, fraction, detail) as the job goes on, `retrying` (data: job, error) after a transient failure, then `done` (data: job, manifest, links.episode) or `failed` (data: job, error), after which the stream ends. A client that connects after the end gets the final event at once.',
        parameters: [idParameter],
        responses: {
          '200': { description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          '404': errorResponse('No job with this id.'),
        },
      },
      handle: async ({ req, res, params }) => {
        const service = await serviceOrPending;
        const id = params['id']!;
        const buffered: JobEvent[] = [];
        let forward: ((event: JobEvent) => void) | undefined;
        // Listening first, then reading the job: an event between the two is not lost.
        const stop = service.subscribe((event) => {
          if (event.job.id === id) (forward ?? ((early: JobEvent) => buffered.push(early)))(event);
        });
        let job: Job | undefined;
        try {
          job = await service.get(id);
        } finally {
          if (!job) stop(); // none, or it cannot be read (the store away): no stream to feed
        }
        if (!job) throw noJob(id);
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
        if (req.method === 'HEAD') {
          stop();
          return void res.end();
        }
        const heartbeat = setInterval(() => {
          res.write(': still here\n\n');
          // An end whose event never came here (BullMQ's read failed while Redis was away) still ends the stream.
          service.get(id).then((latest) => {
            if (!res.writableEnded && latest && (latest.state === 'done' || latest.state === 'failed')) {
              sendEnd(res, latest);
              end();
            }
          }, () => undefined);
        }, heartbeatMs);
        const end = () => {
          clearInterval(heartbeat);
          stop();
          server.closing.removeEventListener('abort', end);
          if (!res.writableEnded) res.end();
        };
        res.on('close', end);
        server.closing.addEventListener('abort', end);
        if (job.state === 'done' || job.state === 'failed') {
          sendEnd(res, job);
          return end();
        }
        if (job.progress) sendEvent(res, 'progress', job.progress);
        forward = (event) => {
          if (event.type === 'progress') sendEvent(res, 'progress', event.progress);
          else if (event.type === 'retrying') sendEvent(res, 'retrying', { job: event.job, error: event.error });
          else {
            sendEnd(res, event.job);
            end();
          }
        };
        for (const event of buffered.splice(0)) if (!res.writableEnded) forward(event);
      },
    });
  };
}

function noJob(id: string): HttpError {
  return new HttpError(404, 'not-found', `No job ${id}.`, 'Use the id (or the Location) POST /api/episodes answered.');
}
