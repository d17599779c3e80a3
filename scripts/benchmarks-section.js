// Writes one section of BENCHMARKS.md: the section that starts with the same heading is replaced,
// or the section is appended; the rest of the file is kept as it is.
import { readFileSync, writeFileSync } from 'node:fs';

/** `section` starts with its `## ` heading line. */
export function writeBenchmarksSection(path, section) {
  const heading = section.slice(0, section.indexOf('\n'));
  let document = '';
  try {
    document = readFileSync(path, 'utf8');
  } catch {}
  const start = document.indexOf(heading);
  if (start >= 0) {
    const next = document.indexOf('\n## ', start + 1);
    document = document.slice(0, start) + section + (next >= 0 ? document.slice(next + 1) : '');
  } else {
    document = `${document.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, `${document.trimEnd()}\n`);
}
