// Opens a link in the browser: http(s) only, never anything a malicious annotation could turn into a command.
import { isSafeWebUrl } from '../../domain/sanitize.js';

export async function openUrl(url: string): Promise<void> {
  if (!isSafeWebUrl(url)) throw new Error('only http(s) links are opened');
  if (process.env.ONCALL_BROWSER === 'none') throw new Error('opening links is turned off (ONCALL_BROWSER=none)');
  const { default: open } = await import('open');
  const child = await open(url.trim(), { wait: false });
  child.on('error', () => undefined);
  child.unref?.();
}
