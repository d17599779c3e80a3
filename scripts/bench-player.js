#!/usr/bin/env node
// `npm run bench:player`: the size of the <newscast-player> component as a browser downloads it
// (dist/player/newscast-player.js, built by `npm run build`; not minified), raw and gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const path = new URL('../dist/player/newscast-player.js', import.meta.url);
const source = readFileSync(path);
const gzipped = gzipSync(source, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`newscast-player.js: ${kb(source.length)} raw, ${kb(gzipped)} gzipped (gzip -9; target 15 KB)`);
