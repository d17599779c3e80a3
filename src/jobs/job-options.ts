// What a submission may say, checked the same way from the library and from HTTP, with the limits
// the command line puts on the same options (src/cli.ts).
import { z } from 'zod';
import { NewscastError } from '../errors.js';
import type { BulletinJobOptions, JobOptions } from './queue.js';

export const inputFormats = ['auto', 'text', 'markdown', 'html', 'ssml'] as const;
/** A bulletin's stories are articles: a script is not one. */
export const storyFormats = ['auto', 'text', 'markdown', 'html'] as const;

const name = (what: string) => z.string().trim().min(1, `${what} is empty`).max(200, `${what} is longer than 200 characters`);

export const jobOptionsSchema = z
  .object({
    title: z.string().trim().min(1, 'title is empty').max(500, 'title is longer than 500 characters').optional(),
    template: name('template').optional(),
    engine: name('engine').optional(),
    voice: name('voice').optional(),
    rate: z.number().min(0.5, 'rate is below 0.5 (half speed)').max(2, 'rate is above 2 (double speed)').optional(),
  })
  .strict();

/** `issues` as one line: "rate: rate is above 2 (double speed); title: …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** The options, checked: a usage error (HTTP 400, exit 2) says which one is wrong and why. */
export function checkJobOptions(options: unknown): JobOptions {
  const parsed = jobOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new NewscastError('usage', `Invalid job options: ${describeIssues(parsed.error)}.`, 'Options are title, template, engine, voice and rate (0.5 to 2); see `newscast generate --help`.');
  }
  return parsed.data as JobOptions;
}

/** The most articles one bulletin takes: an hourly bulletin reads a handful, a weekly round-up a few dozen. */
export const maxBulletinArticles = 50;

/** A bulletin's options: a job's, and those of `newscast bulletin` (src/bulletin.ts checks them again). */
export const bulletinOptionsSchema = jobOptionsSchema
  .extend({
    headlines: z.number().int('headlines is not a whole number').min(1, 'headlines is below 1').optional(),
    maxMinutes: z.number().gt(0, 'maxMinutes is not above 0').max(720, 'maxMinutes is above 720 (12 hours)').optional(),
    skipBad: z.boolean().optional(),
  })
  .strict();

/** The bulletin's options, checked as checkJobOptions checks an episode's. */
export function checkBulletinOptions(options: unknown): BulletinJobOptions {
  const parsed = bulletinOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new NewscastError(
      'usage',
      `Invalid bulletin options: ${describeIssues(parsed.error)}.`,
      'Options are title, headlines (from 1), maxMinutes (up to 720), skipBad, template, engine, voice and rate (0.5 to 2); see `newscast bulletin --help`.',
    );
  }
  return parsed.data as BulletinJobOptions;
}
