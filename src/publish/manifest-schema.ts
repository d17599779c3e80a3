// episode.json as the feed reads it: checked with zod, because a manifest is a file anyone may
// edit, copy from an older version or break. Only the fields the feed uses are required; the
// file names must stay inside the episode's folder.
import { z } from 'zod';
import { refuseControlCharacters, refuseControlCharactersButLineBreaks } from '../common/control-characters.js';
import { languageTag } from './language-tag.js';

const fileName = z
  .string()
  .min(1)
  .refine((name) => name !== '.' && name !== '..' && !/[/\\\0]/.test(name), "must be a file name inside the episode's folder");

export const feedManifestSchema = z.looseObject({
  // Text the feed writes into feed.xml: a control character there would make it not well-formed.
  title: z.string().trim().min(1).superRefine(refuseControlCharacters),
  slug: z.string().optional(),
  description: z.string().superRefine(refuseControlCharactersButLineBreaks),
  byline: z.string().superRefine(refuseControlCharacters).optional(),
  source: z.string().superRefine(refuseControlCharacters).optional(),
  date: z.string().optional(),
  url: z.string().optional(),
  // Written into feed.xml and each page's lang; a tag like en_US made the page's date format throw.
  language: languageTag().optional(),
  durationSeconds: z.number().finite().nonnegative(),
  generatedAt: z.string(),
  files: z.looseObject({
    audio: fileName,
    chapters: fileName,
    transcript: fileName,
    script: fileName.optional(),
    cover: fileName.optional(),
  }),
});

/** What the feed knows of an episode; the slug is the folder's name. */
export type FeedManifest = z.infer<typeof feedManifestSchema> & { slug: string };
