// Cover art for an episode: the template's own image, or a square drawn by ffmpeg (drawbox +
// drawtext) with the show's name, the episode's title and a waveform motif in the template's colours.
import { createHash } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { NewscastError } from '../errors.js';
import { runFfmpeg } from './ffmpeg.js';
import { findCoverFont } from './fonts.js';
import type { CoverDesign } from './template.js';

export interface CoverImage {
  path: string;
  mime: 'image/jpeg' | 'image/png';
  /** "jpg" or "png". */
  extension: string;
}

/** Apple Podcasts asks for 1400 to 3000 px square art. */
export const coverSize = 1400;
const margin = 110;

export async function makeCover(design: CoverDesign, text: { title: string; show: string }, workDir: string): Promise<CoverImage> {
  if (design.imagePath) return ownImage(design.imagePath, workDir);
  const path = join(workDir, 'cover.jpg');
  const font = findCoverFont(design.fontPath);
  const filters = [...backgroundFilters(design, text.title)];
  if (font) {
    // Text and font go through files: no quoting of the title inside the filter graph, and no
    // %{...} expansion (expansion=none).
    const fontCopy = join(workDir, `cover-font${extname(font) || '.ttf'}`);
    await copyFile(font, fontCopy);
    const { lines, fontSize } = wrapTitle(text.title);
    await writeFile(join(workDir, 'cover-show.txt'), text.show.toUpperCase());
    await writeFile(join(workDir, 'cover-title.txt'), lines.join('\n'));
    const common = `fontfile=${filterPath(fontCopy)}:expansion=none:x=${margin}`;
    filters.push(
      `drawtext=${common}:textfile=${filterPath(join(workDir, 'cover-show.txt'))}:fontsize=56:fontcolor=${ffColour(design.accent)}:y=215`,
      `drawtext=${common}:textfile=${filterPath(join(workDir, 'cover-title.txt'))}:fontsize=${fontSize}:line_spacing=${Math.round(fontSize * 0.28)}:fontcolor=${ffColour(design.text)}:y=360`,
    );
  }
  await runFfmpeg({
    inputs: [{ path: `color=c=${ffColour(design.background)}:s=${coverSize}x${coverSize}:d=1`, options: ['-f', 'lavfi'] }],
    filterGraph: `[0:v]${[...filters, 'format=yuvj420p'].join(',')}[cover]`,
    outputs: [{ path, options: ['-map', '[cover]', '-frames:v', '1', '-q:v', '3', '-f', 'image2', '-c:v', 'mjpeg'] }],
  });
  return { path, mime: 'image/jpeg', extension: 'jpg' };
}

/** An accent rule above the show's name and a row of bars like a waveform, shaped by the title. */
function backgroundFilters(design: CoverDesign, title: string): string[] {
  const accent = ffColour(design.accent);
  const filters = [`drawbox=x=${margin}:y=160:w=180:h=16:color=${accent}:t=fill`];
  const digest = createHash('sha256').update(title).digest();
  const bars = 28;
  const gap = 10;
  const width = Math.floor((coverSize - 2 * margin - (bars - 1) * gap) / bars);
  const baseline = coverSize - margin;
  for (let i = 0; i < bars; i++) {
    // A gentle arch, varied by the title's hash, so each episode's cover differs a little.
    const arch = Math.sin((Math.PI * (i + 0.5)) / bars);
    const height = Math.round(30 + arch * 120 * (0.45 + (digest[i % digest.length]! / 255) * 0.55));
    filters.push(`drawbox=x=${margin + i * (width + gap)}:y=${baseline - height}:w=${width}:h=${height}:color=${accent}@0.85:t=fill`);
  }
  return filters;
}

/** Breaks the title into lines that fit, at the largest of a few sizes that keeps it to 6 lines. */
export function wrapTitle(title: string): { lines: string[]; fontSize: number } {
  const usable = coverSize - 2 * margin;
  for (const fontSize of [120, 100, 84, 70]) {
    // A bold sans averages about 0.6 em per character.
    const lines = wrapWords(title, Math.floor(usable / (fontSize * 0.62)));
    if (lines.length <= 6 || fontSize === 70) return { lines: ellipsize(lines, 8), fontSize };
  }
  throw new RangeError('unreachable');
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    // A word longer than a line is cut.
    line = line ? `${line} ${word}` : word.length > width ? `${word.slice(0, width - 1)}…` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsize(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `${lines[max - 1]!.replace(/\s*\S*$/, '')}…`];
}

/** "#1b2a41" → "0x1b2a41" (ffmpeg's colour syntax; "#" would start a comment nowhere, but 0x is plain). */
function ffColour(hex: string): string {
  return `0x${hex.slice(1)}`;
}

/** A path as a filter option value: forward slashes, and the colon of a drive letter escaped twice. */
function filterPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/:/g, '\\\\:');
}

async function ownImage(imagePath: string, workDir: string): Promise<CoverImage> {
  const bytes = await readFile(imagePath);
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!isPng && !isJpeg) {
    throw new NewscastError('dependency', `The template's cover image ${imagePath} is neither a JPEG nor a PNG`, 'Use a square JPEG or PNG of 1400 to 3000 px.');
  }
  const extension = isPng ? 'png' : 'jpg';
  const path = join(workDir, `cover.${extension}`);
  await copyFile(imagePath, path);
  return { path, mime: isPng ? 'image/png' : 'image/jpeg', extension };
}
