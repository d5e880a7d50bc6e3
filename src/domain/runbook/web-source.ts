// Where a web runbook's text comes from: a runbook_url names a page; a configured (or the built-in) source mapping
// turns it into the URL of its markdown source, so the page is followed step by step like a local runbook rather
// than read as rendered HTML. Also which configured headers (a wiki token) go with a URL. Pure.

export interface RunbookSourceMapping {
  /** The start of the page URLs it applies to. */
  prefix: string;
  /**
   * The markdown source: the rest of the page URL is appended, or, when it holds placeholders, `{path}` (the
   * rest, without a trailing slash), `{dir}` (the rest without its last part) and `{name}` (the last part; the
   * alert's own name when they are equal ignoring case) are filled in.
   */
  markdown: string;
}

export interface HeaderRule {
  prefix: string;
  headers: Record<string, string>;
}

/**
 * runbooks.prometheus-operator.dev (the runbook_url of every kube-prometheus alert) serves
 * /runbooks/<group>/<alertname lowercased>; its source is content/runbooks/<group>/<AlertName>.md in the
 * prometheus-operator/runbooks repository, named in the alert's own case.
 */
export const BUILTIN_SOURCES: readonly RunbookSourceMapping[] = [
  {
    prefix: 'https://runbooks.prometheus-operator.dev/runbooks/',
    markdown: 'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks/{dir}/{name}.md',
  },
];

const PLACEHOLDER = /\{(path|dir|name)\}/g;

/** The markdown source of a page: the first configured mapping whose prefix it starts with, then the built-in ones. */
export function markdownSourceOf(
  url: string,
  configured: readonly RunbookSourceMapping[],
  alertname?: string,
): string | undefined {
  const target = url.trim();
  for (const m of [...configured, ...BUILTIN_SOURCES]) {
    if (!target.startsWith(m.prefix)) continue;
    const rest = target.slice(m.prefix.length).replace(/[?#].*$/, '');
    if (!/\{(path|dir|name)\}/.test(m.markdown)) return m.markdown + rest;
    const path = rest.replace(/\/+$/, '');
    const parts = path.split('/');
    const last = parts.pop() ?? '';
    const name =
      alertname && alertname.toLowerCase() === decodeURIComponent(last).toLowerCase()
        ? encodeURIComponent(alertname)
        : last;
    const values: Record<string, string> = { path, dir: parts.join('/'), name };
    return m.markdown.replace(PLACEHOLDER, (_, k: string) => values[k]!).replace(/([^:])\/{2,}/g, '$1/');
  }
  return undefined;
}

/** A URL whose path names a markdown file. */
export function isMarkdownUrl(url: string): boolean {
  try {
    return /\.(md|markdown)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** The headers configured for a URL: every rule whose prefix it starts with, longer prefixes winning. */
export function headersFor(url: string, rules: readonly HeaderRule[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of [...rules].filter((r) => url.startsWith(r.prefix)).sort((a, b) => a.prefix.length - b.prefix.length))
    Object.assign(out, r.headers);
  return out;
}

/** Where a shown web runbook came from and how old it is, in one line for the TUI and the CLI. */
export interface WebOrigin {
  url: string;
  source: string;
  fetchedAt: string;
  via: 'fetched' | 'revalidated' | 'cache';
  stale?: string;
}

/** The two halves of the origin line: how fresh the copy is, and where it is from. */
export function originParts(
  o: WebOrigin,
  nowMs: number,
  formatAge: (ms: number) => string,
): { how: string; from: string } {
  const age = formatAge(nowMs - Date.parse(o.fetchedAt));
  const from = o.source !== o.url ? `${o.url} (source ${o.source})` : o.url;
  const how = o.stale
    ? `cached copy ${age} old: the site failed (${o.stale})`
    : o.via === 'cache'
      ? `cached copy ${age} old, not fetched`
      : o.via === 'revalidated'
        ? `unchanged, checked ${age} ago`
        : `fetched ${age} ago`;
  return { how, from };
}

export function originText(o: WebOrigin, nowMs: number, formatAge: (ms: number) => string): string {
  const { how, from } = originParts(o, nowMs, formatAge);
  return `web runbook from ${from} · ${how}`;
}
