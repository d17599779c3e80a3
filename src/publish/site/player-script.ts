// The <newscast-player> component, built by `npm run build` into dist/player/ (src/player/ has its
// own tsconfig: it runs in browsers). Both src/publish/site/ and dist/publish/site/ sit three
// folders below the package, so one relative path finds it from either.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NewscastError } from '../../errors.js';

/** Its name in OUTDIR: a file at the top, so no episode folder (a slug has no dot) can take it. */
export const playerScriptName = 'newscast-player.js';

export function playerScriptPath(): string {
  const path = fileURLToPath(new URL('../../../dist/player/newscast-player.js', import.meta.url));
  if (!existsSync(path)) throw new NewscastError('internal', `The web player is not built (${path} is missing).`, 'Run `npm run build` in the newscast folder.');
  return path;
}
