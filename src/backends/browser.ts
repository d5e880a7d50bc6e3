// Opening a link in a browser, and knowing when that cannot work: on a jump host over SSH, on Linux without a
// display, or when the user turned it off. Callers then show the URL instead; a failure is always returned to
// them, never swallowed.
import { isSafeWebUrl } from '../domain/sanitize.js';

/** Why no browser can open here, or undefined when one may. */
export function browserUnavailable(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if ((env.ONCALL_BROWSER ?? '').toLowerCase() === 'none') return 'opening links is turned off (ONCALL_BROWSER=none)';
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT)
    return 'this is an SSH session: a browser would open on the remote machine, not yours';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return 'no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)';
  return undefined;
}

/** How long a launcher that fails (xdg-open with no browser installed) takes to say so. */
const LAUNCH_WAIT_MS = 1500;

/** Opens an http(s) URL; rejects with the reason when it cannot (no browser here, or the launcher failed). */
export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isSafeWebUrl(url)) throw new Error('only http(s) links are opened');
  const why = browserUnavailable(env);
  if (why) throw new Error(why);
  const { default: open } = await import('open');
  const child = await open(url.trim(), { wait: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.unref?.();
      resolve();
    }, LAUNCH_WAIT_MS);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`the browser launcher failed: ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code) reject(new Error(`the browser launcher exited with status ${code}`));
      else resolve();
    });
  });
}
