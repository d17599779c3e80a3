// template.json as written on disk, checked with zod so a mistake is reported with the field's name.
// Clip and image names are relative to the template's folder; times are seconds.
import { z } from 'zod';
import { refuseControlCharacters } from '../common/control-characters.js';
import { mp3Presets, type Mp3PresetName } from './mp3-presets.js';

/** Placeholders a spoken line may use; the script stage fills them in. */
export const linePlaceholders = ['title', 'source', 'date', 'show', 'byline'] as const;

const maxSeconds = 30;
const seconds = z.number().min(0).max(maxSeconds);
const fileName = z.string().trim().min(1);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#1b2a41"');

/** One sentence, with {title}, {source}, {date} or {show} where the episode's values go. */
const spokenLine = z
  .string()
  .trim()
  .min(1)
  .superRefine(refuseControlCharacters)
  .refine((line) => [...line.matchAll(/\{([^}]*)\}/g)].every((match) => (linePlaceholders as readonly string[]).includes(match[1]!)), {
    message: `may only use the placeholders ${linePlaceholders.map((name) => `{${name}}`).join(', ')}`,
  });

const introSchema = z.strictObject({
  clip: fileName,
  /** How long the clip's end overlaps (and fades out under) the first words. */
  crossfade: seconds.default(0),
  /** Silence between the clip's end and the narration (after the crossfade, if any). */
  gap: seconds.default(0),
});

const outroSchema = z.strictObject({
  clip: fileName,
  /** Silence between the last sentence and the clip. */
  gap: seconds.default(0.8),
});

/** A bulletin's sting between stories: it sounds in a silence as long as itself, so no chapter moves. */
const transitionSchema = z.strictObject({
  clip: fileName,
});

const bedSchema = z.strictObject({
  clip: fileName,
  /** The bed's level when nobody speaks, in dB relative to the speech target (-16 LUFS). */
  level: z.number().min(-40).max(0).default(-8),
  /** How far the bed is turned down under speech, dB. */
  duck: z.number().min(6).max(60).default(18),
  /** "opening": under the first chapter (the headline) only; "episode": under the whole narration. */
  span: z.enum(['opening', 'episode']).default('opening'),
  /** Whether the bed rises again in the pauses between chapters. */
  returnBetweenSections: z.boolean().default(true),
  /** How long the bed plays before the first word. */
  leadIn: seconds.default(1.5),
  /** How long the bed plays on after the last word it lies under, before it has faded out. */
  tail: seconds.default(2),
  fadeIn: seconds.default(0.5),
  fadeOut: seconds.default(1.5),
  /** Ramp down before a word starts, and back up after speech stops. */
  attack: z.number().min(0.02).max(5).default(0.3),
  release: z.number().min(0.02).max(5).default(0.4),
});

const coverSchema = z.strictObject({
  /** A ready-made square image (JPEG or PNG) used for every episode instead of a designed one. */
  image: fileName.optional(),
  background: colour.default('#1b2a41'),
  accent: colour.default('#e4572e'),
  text: colour.default('#ffffff'),
  /** A TrueType/OpenType font file for the designed cover; default: a common system font. */
  font: fileName.optional(),
});

export const templateFileSchema = z.strictObject({
  name: z.string().trim().min(1).superRefine(refuseControlCharacters).optional(),
  show: z.string().trim().min(1).superRefine(refuseControlCharacters),
  /** BCP 47 language of the show, e.g. "en". */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language code like "en" or "en-US"').default('en'),
  preset: z.enum(Object.keys(mp3Presets) as [Mp3PresetName, ...Mp3PresetName[]]).default('speech'),
  intro: introSchema.optional(),
  outro: outroSchema.optional(),
  transition: transitionSchema.optional(),
  bed: bedSchema.optional(),
  cover: coverSchema.default({ background: '#1b2a41', accent: '#e4572e', text: '#ffffff' }),
  lines: z.strictObject({
    /** Spoken before the story, one sentence each; a sentence whose placeholder has no value is left out. */
    intro: z.array(spokenLine).min(1),
    outro: z.array(spokenLine).min(1),
  }),
});

export type TemplateFile = z.infer<typeof templateFileSchema>;

/** "bed.duck: Too small: expected number to be >=6" for each problem zod found. */
export function describeProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
}
