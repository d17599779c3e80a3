// The show's settings for the feed: `show.json` in the output folder, else defaults from the
// template. Checked with zod so a mistake names its field.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Template } from '../audio/template.js';
import { describeProblems } from '../audio/template-schema.js';
import { refuseControlCharacters, refuseControlCharactersButLineBreaks } from '../common/control-characters.js';
import { languageTag } from './language-tag.js';
import { NewscastError } from '../errors.js';

export const showFileName = 'show.json';

/** A line of text for the feed: control characters would make feed.xml not well-formed. */
const line = () => z.string().trim().min(1).superRefine(refuseControlCharacters);

const showSchema = z.strictObject({
  title: line().optional(),
  description: z.string().trim().min(1).superRefine(refuseControlCharactersButLineBreaks).optional(),
  author: line().optional(),
  language: languageTag().optional(),
  /** An Apple Podcasts category, e.g. "News", and optionally one of its subcategories. */
  category: line().default('News'),
  subcategory: line().optional(),
  explicit: z.boolean().default(false),
  /** The show's website. */
  link: z.url().optional(),
  /** The show's square artwork: a URL, or a file name inside the output folder. */
  image: line().optional(),
  owner: z.strictObject({ name: line(), email: z.email() }).optional(),
  /** Where the output folder is published; enclosure and sidecar URLs start with it. */
  baseUrl: z.url().optional(),
  /** The show's podcast:guid, for good; default: the one the feed already carries, else one made from the feed's address. */
  guid: z.uuid().optional(),
});

export type ShowFile = z.infer<typeof showSchema>;

export interface ShowSettings extends Omit<ShowFile, 'title' | 'description' | 'author' | 'language'> {
  title: string;
  description: string;
  author: string;
  language: string;
}

/** Reads OUTDIR/show.json when there is one; undefined when there is none. */
export async function readShowFile(outDir: string): Promise<ShowFile | undefined> {
  const path = join(outDir, showFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NewscastError('input', `${path} is not valid JSON: ${(error as Error).message}`, 'Fix the file, or delete it to use the template’s show settings.', { cause: error });
  }
  const result = showSchema.safeParse(parsed);
  if (!result.success) {
    throw new NewscastError('input', `${path} is not valid: ${describeProblems(result.error).join('; ')}`, 'See the README, "Podcast feed", for the fields.');
  }
  return result.data;
}

/** show.json's values, with the template's show name and language filling the gaps. */
export function showSettings(file: ShowFile | undefined, template: Pick<Template, 'show' | 'language'>): ShowSettings {
  const title = file?.title ?? template.show;
  return {
    ...(file ?? showSchema.parse({})),
    title,
    description: file?.description ?? `${title}: news stories, read aloud.`,
    author: file?.author ?? title,
    language: file?.language ?? template.language,
  };
}
