// Which runbook serves an alert. The order: a runbook_url/runbook annotation naming a local file or a file in a
// runbook folder (checked by the backend, which can see files), a web-only annotation URL (shown), frontmatter
// matchers, then a file named after the alert.
import { isSafeWebUrl } from '../sanitize.js';
import { matchesAll } from '../matchers.js';
import type { Labels } from '../types.js';
import type { Runbook } from './types.js';

export const LINK_ANNOTATIONS = ['runbook_url', 'runbook'] as const;

export type RunbookLink =
  | { kind: 'web'; url: string; annotation: string }
  | { kind: 'path'; path: string; annotation: string }
  /** A URL with another scheme (file:, javascript:, data:, …): shown as text, never opened or read. */
  | { kind: 'blocked'; url: string; annotation: string }
  /** Free text such as the seed's `runbook: "Check GPU utilization, batch size…"`: shown as a hint. */
  | { kind: 'text'; text: string; annotation: string };

/** The alert's runbook annotation, classified. */
export function runbookLink(annotations: Labels): RunbookLink | undefined {
  for (const annotation of LINK_ANNOTATIONS) {
    const raw = annotations[annotation]?.trim();
    if (!raw) continue;
    if (isSafeWebUrl(raw)) return { kind: 'web', url: raw, annotation };
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw))
      return { kind: 'blocked', url: raw, annotation };
    if (!/\s/.test(raw) && (/\.md$/i.test(raw) || raw.includes('/'))) return { kind: 'path', path: raw, annotation };
    return { kind: 'text', text: raw, annotation };
  }
  return undefined;
}

/** The file name a web URL points at, when it names a markdown file (…/blob/main/runbooks/X.md → X.md). */
export function markdownFileOfUrl(url: string): string | undefined {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return /\.md$/i.test(last) ? last : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The runbook whose frontmatter matchers match `labels`. `runbooks` come in folder order (configured folders
 * first, the shipped folder last) and the first folder with a match wins; within it, the matcher set with
 * the most matchers (the most specific) wins, then the file name.
 */
export function matchByFrontmatter(
  runbooks: readonly Runbook[],
  labels: Labels,
  folderOf: (r: Runbook) => number = () => 0,
): Runbook | undefined {
  let best: { r: Runbook; folder: number; spec: number } | undefined;
  for (const r of runbooks) {
    const spec = Math.max(-1, ...r.matchers.filter((ms) => matchesAll(ms, labels)).map((ms) => ms.length));
    if (spec < 0) continue;
    const folder = folderOf(r);
    if (
      !best ||
      folder < best.folder ||
      (folder === best.folder && (spec > best.spec || (spec === best.spec && r.id < best.r.id)))
    ) {
      best = { r, folder, spec };
    }
  }
  return best?.r;
}

const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/** The runbook whose file is named after the alert: exact name first, then ignoring case, `-` and `_`. */
export function matchByName(runbooks: readonly Runbook[], alertname: string | undefined): Runbook | undefined {
  if (!alertname) return undefined;
  return runbooks.find((r) => r.id === alertname) ?? runbooks.find((r) => squash(r.id) === squash(alertname));
}
