// A font for the designed cover. The bundled ffmpeg has drawtext (libfreetype) but no font of its
// own: DejaVu Sans Bold comes as an npm package (so covers look the same on every machine and
// need nothing installed), with common system fonts as a fallback.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function packagedFont(): string | undefined {
  try {
    return require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
  } catch {
    return undefined;
  }
}

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

/** The template's font, else the packaged one, else a system font, else undefined (the cover is drawn without text). */
export function findCoverFont(templateFont?: string): string | undefined {
  if (templateFont) return templateFont;
  return packagedFont() ?? candidates.find((path) => existsSync(path));
}
