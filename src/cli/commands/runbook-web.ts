// The web side of `oncall runbook`: fetching the page an alert's runbook_url names (or reading its cached copy)
// and `--open`, which prints the link where no browser can open it.
import { DEFAULT_WEB_SETTINGS, loadWebRunbook, WebRunbookError, type WebRunbook } from '../../backends/web-runbooks.js';
import { browserUnavailable, openInBrowser } from '../../backends/browser.js';
import type { WebRunbooksConfig } from '../../backends/config/schema.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { osc8 } from '../../domain/terminal-links.js';
import { formatAge } from '../../domain/duration.js';
import { originText } from '../../domain/runbook/web-source.js';
import { warn, write, writeErr } from '../output.js';

export interface WebFetchFlags {
  /** commander's --no-fetch sets fetch to false. */
  fetch?: boolean;
  refresh?: boolean;
}

/** The web runbook for a page URL; undefined (with the reason on stderr) when neither the site nor the cache has it. */
export async function fetchWebForCli(
  url: string,
  alertname: string | undefined,
  settings: WebRunbooksConfig | undefined,
  o: WebFetchFlags,
): Promise<WebRunbook | undefined> {
  const s = settings ?? DEFAULT_WEB_SETTINGS;
  const offline = o.fetch === false || !s.fetch;
  if (!offline && process.stderr.isTTY) writeErr(`oncall: fetching ${sanitizeLine(url)}…\n`);
  try {
    const web = await loadWebRunbook(url, s, { alertname, refresh: o.refresh, offline });
    if (web.stale) warn(`${sanitizeLine(web.source)}: ${web.stale}; showing the cached copy from ${web.fetchedAt}`);
    return web;
  } catch (e) {
    if (!(e instanceof WebRunbookError)) throw e;
    writeErr(`oncall: ${offline ? '' : 'could not fetch the web runbook: '}${e.message}\n`);
    return undefined;
  }
}

export function webOriginLine(web: WebRunbook): string {
  return sanitizeLine(originText(web, Date.now(), formatAge)) + ' (untrusted: its checks run only with --check)';
}

/** `--open`: the browser where one can open; otherwise the URL, as a hyperlink on a terminal, and why. */
export async function openOrPrint(url: string): Promise<void> {
  const why = browserUnavailable();
  if (!why) {
    try {
      await openInBrowser(url);
      writeErr(`oncall: opened ${sanitizeLine(url)} in the browser\n`);
      return;
    } catch (e) {
      writeErr(`oncall: could not open a browser: ${(e as Error).message}\n`);
    }
  } else {
    writeErr(`oncall: not opened in a browser: ${why}; the link:\n`);
  }
  const clean = sanitizeLine(url).trim();
  await write(`${process.stdout.isTTY ? osc8(clean) : clean}\n`);
}
