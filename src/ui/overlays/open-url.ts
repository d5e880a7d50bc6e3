// Opens a link in the browser, or, where none can open (SSH, no display, ONCALL_BROWSER=none, a launcher that
// fails), shows it in the URL pane to copy or click; http(s) only, never anything an annotation could turn into
// a command. Every outcome is reported.
import { isSafeWebUrl, sanitizeLine } from '../../domain/sanitize.js';
import { openInBrowser } from '../../backends/browser.js';
import type { OncallApi } from '../app-context.js';
import type { UrlPaneProps } from './url-pane.js';

export async function openUrl(url: string): Promise<void> {
  await openInBrowser(url);
}

/** Opens `url` in the browser; when that cannot work, the URL pane shows it with the reason. */
export function openOrShowUrl(
  app: Pick<OncallApi, 'notify' | 'openOverlay'>,
  url: string | undefined,
  what: string,
): void {
  if (!url) {
    app.notify(`no ${what} link here`, 'error');
    return;
  }
  if (!isSafeWebUrl(url)) {
    app.notify(`not opened: ${sanitizeLine(url).slice(0, 60)} is not an http(s) link`, 'error');
    return;
  }
  openInBrowser(url).then(
    () => app.notify(`opened ${what} in the browser`),
    (e: Error) => app.openOverlay('url', { url, what, reason: e.message } satisfies UrlPaneProps),
  );
}
