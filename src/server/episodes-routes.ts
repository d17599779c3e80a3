// The episodes in OUTDIR, read from their manifests the way the feed reads them (newest first,
// invalid ones left out and said on the log), and DELETE of one (src/publish/remove-episode.ts).
import { readEpisodes } from '../publish/feed.js';
import { episodeSlugPattern, removeEpisode } from '../publish/remove-episode.js';
import { HttpError } from './http-error.js';
import { sendJson } from './json-response.js';
import { errorResponse } from './openapi.js';
import type { MountRoutes } from './router.js';
import { warnOncePerManifest } from './warn-once.js';

const slugParameter = {
  name: 'slug',
  in: 'path' as const,
  required: true,
  description: "The episode's folder name in OUTDIR.",
  schema: { type: 'string', pattern: episodeSlugPattern.source },
};

/** Where each of an episode's files is served, relative to the server's root. */
function episodeLinks(slug: string, files: Record<string, unknown>): Record<string, string> {
  const url = (name: string) => `/${encodeURIComponent(slug)}/${encodeURIComponent(name)}`;
  const links: Record<string, string> = { page: `/${encodeURIComponent(slug)}/`, manifest: url('episode.json') };
  for (const [kind, name] of Object.entries(files)) if (typeof name === 'string') links[kind] = url(name);
  return links;
}

const episodeSchema = {
  type: 'object',
  description: 'The episode’s manifest (episode.json, see the README) with its folder name as slug, the audio file’s size and the URLs of its files.',
  required: ['slug', 'title', 'durationSeconds', 'generatedAt', 'files', 'audioBytes', 'links'],
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    durationSeconds: { type: 'number' },
    generatedAt: { type: 'string' },
    files: { type: 'object', additionalProperties: { type: 'string' } },
    audioBytes: { type: 'integer' },
    links: { type: 'object', additionalProperties: { type: 'string' }, description: 'page, manifest, audio, chapters, transcript, script, cover: paths on this server' },
  },
};

export const mountEpisodeRoutes: MountRoutes = (router, server) => {
  const warnOnce = warnOncePerManifest((message) => server.warn(message));
  router.add({
    method: 'GET',
    path: '/api/episodes',
    operation: {
      operationId: 'listEpisodes',
      summary: 'The episodes in the served folder, newest first',
      responses: {
        '200': {
          description: 'Every valid OUTDIR/*/episode.json (those left out are said on the server log, once per version of the file, as `newscast feed` says them).',
          content: { 'application/json': { schema: { type: 'object', required: ['episodes'], properties: { episodes: { type: 'array', items: episodeSchema } } } } },
        },
      },
    },
    handle: async ({ res }) => {
      const episodes = await readEpisodes(server.outDir, warnOnce);
      sendJson(res, 200, {
        episodes: episodes.map(({ manifest, audioBytes }) => ({ ...manifest, audioBytes, links: episodeLinks(manifest.slug, manifest.files) })),
      });
    },
  });

  router.add({
    method: 'DELETE',
    path: '/api/episodes/:slug',
    operation: {
      operationId: 'deleteEpisode',
      summary: 'Remove an episode and rebuild the feed without it',
      parameters: [slugParameter],
      responses: {
        '200': {
          description: 'Removed; feed.xml (when the folder has one) no longer lists it.',
          content: { 'application/json': { schema: { type: 'object', required: ['deleted'], properties: { deleted: { type: 'string' }, feedRebuilt: { type: 'boolean' } } } } },
        },
        '400': errorResponse('Not an episode folder name.'),
        '404': errorResponse('No episode of that name.'),
      },
    },
    handle: async ({ res, params }) => {
      // removeEpisode refuses a slug that is not a plain folder name (a usage error: 400).
      const slug = params['slug']!;
      const removed = await removeEpisode(server.outDir, slug, { onWarning: (message) => server.warn(message), sharedLock: server.sharedLock });
      if (!removed) throw new HttpError(404, 'not-found', `There is no episode "${slug}".`, 'GET /api/episodes lists the episodes.');
      sendJson(res, 200, { deleted: slug, feedRebuilt: removed.feed !== undefined });
    },
  });
};
