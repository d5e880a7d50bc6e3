// The YAML frontmatter of a runbook: which alerts it serves (Alertmanager matchers), its owner and when it was
// last reviewed. Problems carry the file line of the offending key or item.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseMatchers, MatcherParseError, type Matcher } from '../matchers.js';
import type { Problem, RunbookMeta } from './types.js';

export interface Frontmatter {
  meta: RunbookMeta;
  matchers: Matcher[][];
  alertLines: number[];
  /** Markdown after the closing fence. */
  body: string;
  /** 1-based line where `body` starts. */
  bodyLine: number;
  problems: Problem[];
}

const KNOWN_KEYS = new Set(['alerts', 'owner', 'last_reviewed', 'title']);
const FORMAT_HINT =
  'a runbook starts with frontmatter such as:\n---\nalerts: [\'alertname="HighErrorRate"\']\nowner: ml-platform\nlast_reviewed: 2025-01-31\n---';

/** Splits `---\n…\n---` off the top of `text`. Returns null when the file does not start with a fence. */
export function splitFrontmatter(
  text: string,
): { yaml: string; body: string; bodyLine: number; closed: boolean } | null {
  const src = text.replace(/^\uFEFF/, '');
  const lines = src.split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') {
      return { yaml: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n'), bodyLine: i + 2, closed: true };
    }
  }
  return { yaml: lines.slice(1).join('\n'), body: '', bodyLine: lines.length + 1, closed: false };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a `YYYY-MM-DD` date that exists in the calendar. */
export function validDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function parseFrontmatter(text: string): Frontmatter {
  const meta: RunbookMeta = { alerts: [], owner: '', lastReviewed: '' };
  const out: Frontmatter = { meta, matchers: [], alertLines: [], body: text, bodyLine: 1, problems: [] };
  const err = (line: number, message: string, column?: number) =>
    out.problems.push({ line, column, severity: 'error', message });
  const split = splitFrontmatter(text);
  if (!split) {
    err(
      1,
      `missing frontmatter: ${FORMAT_HINT.split('\n')[0]} (--- on the first line, then alerts, owner, last_reviewed, then ---)`,
    );
    return out;
  }
  out.body = split.body;
  out.bodyLine = split.bodyLine;
  if (!split.closed) {
    err(1, 'frontmatter is not closed: add a line with --- after it');
    return out;
  }
  // The YAML starts on line 2 of the file.
  const lc = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: lc, prettyErrors: false });
  const lineAt = (node: unknown): number => {
    const r = (node as Node | undefined)?.range;
    return r ? lc.linePos(r[0]).line + 1 : 2;
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const p = lc.linePos(e.pos[0]);
    err(p.line + 1, `invalid YAML in frontmatter: ${e.message.split('\n')[0]}`, p.col);
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    err(2, 'frontmatter must be a mapping with keys alerts, owner, last_reviewed');
    return out;
  }
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (!KNOWN_KEYS.has(key)) {
      out.problems.push({
        line: lineAt(pair.key),
        severity: 'warning',
        message: `unknown frontmatter key ${JSON.stringify(key)} (known: alerts, owner, last_reviewed, title)`,
      });
    }
  }

  const alerts = root.get('alerts', true);
  if (alerts === undefined) {
    err(
      2,
      'frontmatter has no "alerts": list the alerts this runbook serves as matchers, e.g. alerts: [\'alertname="DiskSpaceLow"\']',
    );
  } else if (!isSeq(alerts) || alerts.items.length === 0) {
    err(lineAt(alerts), '"alerts" must be a non-empty list of matcher strings, e.g. - alertname=~"HighErrorRate.*"');
  } else {
    for (const item of alerts.items) {
      const line = lineAt(item);
      const value = (item as { value?: unknown }).value;
      if (typeof value !== 'string') {
        err(
          line,
          `each "alerts" entry must be a matcher string such as alertname="DiskSpaceLow", found ${JSON.stringify(value ?? null)}`,
        );
        continue;
      }
      meta.alerts.push(value);
      out.alertLines.push(line);
      try {
        const ms = parseMatchers(value);
        if (ms.length === 0) err(line, 'empty matcher: name the alert, e.g. alertname="DiskSpaceLow"');
        else out.matchers.push(ms);
      } catch (e) {
        if (!(e instanceof MatcherParseError)) throw e;
        err(line, `bad matcher ${JSON.stringify(value)}: ${e.reason} (position ${e.position})`);
      }
    }
  }

  const owner = root.get('owner', true);
  const ownerValue = (owner as { value?: unknown } | undefined)?.value;
  if (owner === undefined) err(2, 'frontmatter has no "owner": name the team that maintains this runbook');
  else if (typeof ownerValue !== 'string' || !ownerValue.trim())
    err(lineAt(owner), '"owner" must be a non-empty string (the team that maintains this runbook)');
  else meta.owner = ownerValue;

  const reviewed = root.get('last_reviewed', true);
  const reviewedValue = (reviewed as { value?: unknown } | undefined)?.value;
  if (reviewed === undefined)
    err(2, 'frontmatter has no "last_reviewed": add the date of the last review, e.g. last_reviewed: 2025-01-31');
  else if (typeof reviewedValue !== 'string' || !validDate(reviewedValue)) {
    err(
      lineAt(reviewed),
      `"last_reviewed" must be a date written YYYY-MM-DD, found ${JSON.stringify(reviewedValue ?? null)}`,
    );
  } else meta.lastReviewed = reviewedValue;

  const title = root.get('title', true);
  if (title !== undefined) {
    const v = (title as { value?: unknown }).value;
    if (typeof v !== 'string') err(lineAt(title), '"title" must be a string');
    else meta.title = v;
  }
  return out;
}
