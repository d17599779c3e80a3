// Audio templates: a folder with template.json and the clips it names. Built-in ones live in
// <package root>/audio-templates/<name>; any other folder with a template.json works the same way.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewscastError } from '../errors.js';
import type { Mp3PresetName } from './mp3-presets.js';
import { describeProblems, templateFileSchema, type TemplateFile } from './template-schema.js';

export interface TemplateIntro {
  path: string;
  /** Seconds the clip's end overlaps the first words, fading out under them. */
  crossfade: number;
  /** Seconds of silence after the clip (after the overlap, if any). */
  gap: number;
}

export interface TemplateOutro {
  path: string;
  /** Seconds of silence between the last sentence and the clip. */
  gap: number;
}

export interface TemplateTransition {
  /** Played between a bulletin's stories, at each transition mark. */
  path: string;
}

export type TemplateBed = Omit<NonNullable<TemplateFile['bed']>, 'clip'> & { path: string };

export interface CoverDesign {
  /** A ready-made image used as is; otherwise a cover is drawn from the colours below. */
  imagePath?: string;
  background: string;
  accent: string;
  text: string;
  fontPath?: string;
}

export interface Template {
  name: string;
  /** Absolute folder of the template. */
  dir: string;
  /** The show's name (the album tag unless the script names another). */
  show: string;
  /** BCP 47 language code, e.g. "en". */
  language: string;
  preset: Mp3PresetName;
  intro?: TemplateIntro;
  outro?: TemplateOutro;
  transition?: TemplateTransition;
  bed?: TemplateBed;
  cover: CoverDesign;
  /**
   * The spoken opening and closing sentences with {title}, {source}, {date} and {show}
   * placeholders, for the script stage (see `fillSpokenLines` in src/script/intro-outro.ts).
   */
  lines: { intro: string[]; outro: string[] };
}

/** Finds the package root by walking up from this file: src/audio under vitest, dist/audio after tsc. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'audio-templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new NewscastError('internal', 'Cannot find the newscast package folder');
    dir = parent;
  }
  return dir;
}

export function builtInTemplatesDir(): string {
  return join(packageRoot(), 'audio-templates');
}

/** Names of the templates that ship with newscast. */
export function builtInTemplateNames(): string[] {
  const dir = builtInTemplatesDir();
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'template.json')))
    .map((entry) => entry.name)
    .sort();
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A value containing a path separator, or naming an existing folder, is a template folder's path. */
function looksLikePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes(sep) || isFolder(nameOrPath);
}

/** The name when `nameOrPath` is a built-in template's (as resolveTemplate reads it), else undefined. */
export function builtInTemplateName(nameOrPath: string | undefined): string | undefined {
  return nameOrPath !== undefined && !looksLikePath(nameOrPath) && builtInTemplateNames().includes(nameOrPath) ? nameOrPath : undefined;
}

/**
 * A template by built-in name ("default") or by folder path. A value containing a path separator,
 * or naming an existing folder, is a path; anything else is a built-in name.
 */
export async function resolveTemplate(nameOrPath: string): Promise<Template> {
  const dir = looksLikePath(nameOrPath) ? resolve(nameOrPath) : join(builtInTemplatesDir(), nameOrPath);
  // Listing the built-in templates is only worth doing when the user needs to choose again.
  const hint = (): string => `Use one of: ${builtInTemplateNames().join(', ')}, or a folder with template.json`;
  if (!nameOrPath || !isFolder(dir)) {
    throw new NewscastError('dependency', `Unknown template "${nameOrPath}"`, hint());
  }
  const jsonPath = join(dir, 'template.json');
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch {
    throw new NewscastError('dependency', `Template folder ${dir} has no template.json`, hint());
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NewscastError(
      'dependency',
      `${jsonPath} is not valid JSON: ${(error as Error).message}`,
      'Fix the file, or use the default template.',
      { cause: error },
    );
  }
  const result = templateFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new NewscastError(
      'dependency',
      `${jsonPath} is not a valid template: ${describeProblems(result.error).join('; ')}`,
      'See audio-templates/default/template.json and the README for every field.',
    );
  }
  return fromFile(result.data, dir, nameOrPath, jsonPath);
}

function fromFile(file: TemplateFile, dir: string, nameOrPath: string, jsonPath: string): Template {
  const existing = (name: string, field: string) => {
    const path = resolve(dir, name);
    if (!existsSync(path)) {
      throw new NewscastError('dependency', `${jsonPath}: ${field} names "${name}", which does not exist`, `Put the file in ${dir}, or fix ${field}.`);
    }
    return path;
  };
  const { clip: bedClip, ...bed } = file.bed ?? { clip: undefined };
  return {
    name: file.name ?? nameOrPath,
    dir,
    show: file.show,
    language: file.language,
    preset: file.preset,
    intro: file.intro && { path: existing(file.intro.clip, 'intro.clip'), crossfade: file.intro.crossfade, gap: file.intro.gap },
    outro: file.outro && { path: existing(file.outro.clip, 'outro.clip'), gap: file.outro.gap },
    transition: file.transition && { path: existing(file.transition.clip, 'transition.clip') },
    bed: file.bed && bedClip ? ({ ...bed, path: existing(bedClip, 'bed.clip') } as TemplateBed) : undefined,
    cover: {
      imagePath: file.cover.image ? existing(file.cover.image, 'cover.image') : undefined,
      background: file.cover.background,
      accent: file.cover.accent,
      text: file.cover.text,
      fontPath: file.cover.font ? fontFile(existing(file.cover.font, 'cover.font'), jsonPath) : undefined,
    },
    lines: { intro: file.lines.intro, outro: file.lines.outro },
  };
}

/** The signatures of the font files ffmpeg's drawtext (FreeType) reads: TrueType, OpenType, collections. */
const fontSignatures = ['00010000', '4f54544f' /* OTTO */, '74727565' /* true */, '74746366' /* ttcf */];

/** `path` if it is a font file; a dependency error naming it otherwise (ffmpeg would fall back to another font without a word). */
function fontFile(path: string, jsonPath: string): string {
  const head = Buffer.alloc(4);
  let length = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    // A folder or an unreadable file: not a font either.
  }
  if (length < 4 || !fontSignatures.includes(head.toString('hex'))) {
    throw new NewscastError(
      'dependency',
      `${jsonPath}: cover.font names ${path}, which is not a TrueType or OpenType font (.ttf, .otf, .ttc)`,
      'Point cover.font at a font file, or remove it to use DejaVu Sans Bold.',
    );
  }
  return path;
}
