// Audio templates: a folder with template.json and the clips it names. Built-in ones live in
// <package root>/audio-templates/<name>; any other folder with a template.json works too.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewscastError } from '../errors.js';

export interface Template {
  name: string;
  /** Absolute folder of the template. */
  dir: string;
  /** The show's name (the album tag unless the caller overrides it). */
  show: string;
  introPath: string;
  outroPath: string;
  /** Seconds of silence between the intro and the narration. */
  gapAfterIntro: number;
  /** Seconds of silence between the narration and the outro. */
  gapBeforeOutro: number;
}

/** template.json as written on disk; clip names are relative to the template's folder. */
interface TemplateFile {
  name?: string;
  show: string;
  intro: string;
  outro: string;
  gapAfterIntro: number;
  gapBeforeOutro: number;
}

const maxGapSeconds = 30;

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

/**
 * A template by built-in name ("default") or by folder path. A value containing a path separator,
 * or naming an existing folder, is a path; anything else is a built-in name.
 */
export async function resolveTemplate(nameOrPath: string): Promise<Template> {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes(sep) || isFolder(nameOrPath);
  const dir = looksLikePath ? resolve(nameOrPath) : join(builtInTemplatesDir(), nameOrPath);
  const hint = `Use one of: ${builtInTemplateNames().join(', ')}, or a folder with template.json`;
  if (!nameOrPath || !isFolder(dir)) {
    throw new NewscastError('dependency', `Unknown template "${nameOrPath}"`, hint);
  }
  const jsonPath = join(dir, 'template.json');
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch {
    throw new NewscastError('dependency', `Template folder ${dir} has no template.json`, hint);
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
  const file = validateTemplateFile(parsed, jsonPath);
  const introPath = clipPath(dir, file.intro, 'intro', jsonPath);
  const outroPath = clipPath(dir, file.outro, 'outro', jsonPath);
  return {
    name: file.name ?? nameOrPath,
    dir,
    show: file.show,
    introPath,
    outroPath,
    gapAfterIntro: file.gapAfterIntro,
    gapBeforeOutro: file.gapBeforeOutro,
  };
}

/** Checks template.json field by field, so the message names the field that is wrong. */
function validateTemplateFile(value: unknown, jsonPath: string): TemplateFile {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(jsonPath, ['it must be a JSON object']);
  }
  const record = value as Record<string, unknown>;
  const text = (key: string, optional = false) => {
    const field = record[key];
    if (field === undefined && optional) return;
    if (typeof field !== 'string' || field.trim() === '') problems.push(`"${key}" must be a non-empty string`);
  };
  const seconds = (key: string) => {
    const field = record[key];
    if (typeof field !== 'number' || !Number.isFinite(field) || field < 0 || field > maxGapSeconds) {
      problems.push(`"${key}" must be a number of seconds from 0 to ${maxGapSeconds}`);
    }
  };
  text('name', true);
  text('show');
  text('intro');
  text('outro');
  seconds('gapAfterIntro');
  seconds('gapBeforeOutro');
  if (problems.length > 0) throw invalid(jsonPath, problems);
  return record as unknown as TemplateFile;
}

function invalid(jsonPath: string, problems: string[]): NewscastError {
  return new NewscastError(
    'dependency',
    `${jsonPath} is not a valid template: ${problems.join('; ')}`,
    'Expected { "name", "show", "intro", "outro", "gapAfterIntro", "gapBeforeOutro" }; see audio-templates/default/template.json.',
  );
}

function clipPath(dir: string, fileName: string, role: string, jsonPath: string): string {
  const path = resolve(dir, fileName);
  if (!existsSync(path)) {
    throw new NewscastError('dependency', `The ${role} clip "${fileName}" named in ${jsonPath} does not exist`);
  }
  return path;
}
