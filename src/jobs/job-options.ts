// What a submission may say, checked the same way from the library and from HTTP, with the limits
// the command line puts on the same options (src/cli.ts).
import { z } from 'zod';
import { NewscastError } from '../errors.js';
import type { JobOptions } from './queue.js';

export const inputFormats = ['auto', 'text', 'markdown', 'html', 'ssml'] as const;

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
