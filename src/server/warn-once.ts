// GET /api/episodes reads every manifest on every call: a broken one would be said again each
// time. Said once per manifest and version (its mtime); again after it changes.
import { statSync } from 'node:fs';
import type { FeedWarning } from '../publish/feed.js';

export function warnOncePerManifest(warn: (message: string) => void): FeedWarning {
  const warnedAt = new Map<string, number>();
  return (message, manifestPath) => {
    if (manifestPath !== undefined) {
      const modifiedMs = modifiedAt(manifestPath);
      if (modifiedMs !== undefined && warnedAt.get(manifestPath) === modifiedMs) return;
      if (modifiedMs !== undefined) warnedAt.set(manifestPath, modifiedMs);
    }
    warn(message);
  };
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
