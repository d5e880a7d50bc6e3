// `oncall statusline` as tmux runs it every few seconds, answered from the state file before anything else loads.
// The build bundles this file with its imports into one file of its own (scripts/build.mjs), which the entry point
// loads: one module instead of the dozen chunks the command shares with the rest. When the state file cannot
// answer, or anything goes wrong, nothing has been written and the command runs as usual.
import type { StatusFormat } from '../domain/statusline.js';
import { write } from './output.js';
import { fromStateFile } from './statusline-file.js';

/** Whether the line was printed from the state file (with the default global options). */
export async function statuslineFromStateFile(format: string): Promise<boolean> {
  let line: string | undefined;
  try {
    line = fromStateFile({ color: true }, format as StatusFormat).line;
  } catch {
    return false;
  }
  if (line === undefined) return false;
  await write(line);
  return true;
}
