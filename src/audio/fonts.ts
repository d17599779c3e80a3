// A font for the designed cover. The bundled ffmpeg has drawtext (libfreetype) but no font of its
// own, so we look for a common one where operating systems keep them.
import { existsSync } from 'node:fs';

const candidates = [
  // Debian/Ubuntu fonts-dejavu-core, Fedora dejavu-sans-fonts, Arch ttf-dejavu
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf',
  // macOS
  '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  '/Library/Fonts/Arial Bold.ttf',
  // Windows
  'C:\\Windows\\Fonts\\arialbd.ttf',
];

/** The template's font, else the first system font found, else undefined (the cover is drawn without text). */
export function findCoverFont(templateFont?: string): string | undefined {
  if (templateFont) return templateFont;
  return candidates.find((path) => existsSync(path));
}
