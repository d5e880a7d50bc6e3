// The frame drawn the moment the TUI starts, before Ink, React and the views are loaded (in a storm, loading them
// and the first data takes a while): the header with each backend "loading", the view tabs, and which backends are
// being asked. Plain text and a few escape codes, so it needs nothing else loaded. Ink's first frame replaces it
// whole (launch.tsx clears the screen in the same write turn).
import { sanitizeLine } from '../domain/sanitize.js';
import { VIEW_SLOTS } from './views/registry.js';
import { tabTitles } from './tab-titles.js';

export interface FirstFrameInput {
  context: string;
  readOnly: boolean;
  /** Header names of the backends, as the data loader names them ('am', 'am host:port', 'prom'). */
  backends: string[];
  /** Where the data comes from, for the "loading from" line (host:port, no credentials). */
  sources: string[];
  width: number;
  height: number;
  color: boolean;
}

const fit = (s: string, width: number) => (s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s);

/** The first frame as terminal output, at most `height - 1` lines (as every frame of the app). */
export function firstFrame(f: FirstFrameInput): string {
  const bold = (s: string) => (f.color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (f.color ? `\u001b[2m${s}\u001b[22m` : s);
  const w = Math.max(1, f.width);
  const header = [
    `oncall ctx ${sanitizeLine(f.context)}${f.readOnly ? ' read-only' : ''}`,
    ...f.backends.map((b) => `${sanitizeLine(b)}: loading`),
  ].join(' │ ');
  // Shortened as the Ink tab bar shortens them, with the first view current (as the app opens).
  const tabs = tabTitles(VIEW_SLOTS, VIEW_SLOTS[0].id, w)
    .map((t) => `${t.key} ${t.title}${t.gap}`)
    .join('')
    .trimEnd();
  const loading = `loading from ${f.sources.map(sanitizeLine).join(', ')}…`;
  const lines = [bold(fit(header, w)), '', fit(tabs, w), '', dim(fit(loading, w))];
  const rows = Math.max(1, f.height - 1);
  while (lines.length < rows - 1) lines.push('');
  if (lines.length < rows) lines.push(dim(fit('? help  q quit', w)));
  return lines.slice(0, rows).join('\n');
}
