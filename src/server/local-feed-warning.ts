// A served feed whose addresses are file:// URLs (no base URL was ever given) shows subscribers
// where OUTDIR sits on this machine and gives them enclosures no player can fetch: said once, at
// start, with how to set the address. Rebuilds keep a base URL once the feed has one (feed.ts).
import { join } from 'node:path';
import { feedFileName, publishedFeedBase } from '../publish/feed.js';
import { showFileName } from '../publish/show.js';

export async function warnIfFeedIsLocal(outDir: string, warn: (message: string) => void): Promise<void> {
  const base = await publishedFeedBase(outDir);
  if (base?.protocol !== 'file:') return;
  warn(
    `${join(outDir, feedFileName)} gives file:// addresses (this machine's folder), which subscribers cannot play: ` +
      `set where the folder is published with \`newscast feed ${outDir} --base-url URL\` (rebuilds keep it) or "baseUrl" in ${join(outDir, showFileName)}.`,
  );
}
