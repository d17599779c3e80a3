import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where synthesized speech is kept between runs: `NEWSCAST_CACHE_DIR` when set, else the
 * platform's own folder for caches (which users and cleaners know may be emptied at any time).
 */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env['NEWSCAST_CACHE_DIR'];
  if (override) return override;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'newscast');
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'newscast', 'Cache');
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'newscast');
}
