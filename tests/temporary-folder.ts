// Gives the whole test run one temporary folder (TMPDIR, which os.tmpdir() and child processes
// read) and removes it at the end, so runs do not leave their scratch files behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'newscast-tests-'));
  process.env['TMPDIR'] = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
