// The product's own terminal sequences for links: an OSC 8 hyperlink around a URL (the terminal makes it
// clickable) and OSC 52 (the terminal puts text on the clipboard, which works over SSH). Both are built only
// from sanitized http(s) URLs, so a link can never carry a sequence of its own; they are noted as the product's
// own (ownSequence), which the output sinks let through while stripping every other sequence.
import { isSafeWebUrl, ownSequence, sanitizeLine, sanitizeText } from './sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** `text` as an OSC 8 hyperlink to `url`; plain text when the URL is not http(s). */
export function osc8(url: string, text: string = url): string {
  const u = sanitizeLine(url).trim();
  const t = sanitizeLine(text);
  if (!isSafeWebUrl(u)) return t;
  return ownSequence(`${ESC}]8;;${u}${ESC}\\${t}${ESC}]8;;${ESC}\\`);
}

/** Puts `text` on the clipboard through the terminal (OSC 52, "c" = the clipboard selection). */
export function osc52(text: string): string {
  return ownSequence(`${ESC}]52;c;${Buffer.from(sanitizeLine(text), 'utf8').toString('base64')}${BEL}`);
}

/** Like osc52, for a text of several lines (a report to paste): control sequences stripped, newlines kept. */
export function osc52Text(text: string): string {
  return ownSequence(`${ESC}]52;c;${Buffer.from(sanitizeText(text), 'utf8').toString('base64')}${BEL}`);
}

/** When an OSC 52 copy may not arrive, and what to do about it. */
export function clipboardCaveat(env: Record<string, string | undefined>): string {
  if (env.TMUX) return 'inside tmux it reaches the clipboard only with `set -g set-clipboard on` in tmux.conf';
  if (env.STY) return 'GNU screen does not pass it on: select the URL with the mouse instead';
  return 'some terminals block it or ask first (a clipboard-access setting); if nothing is copied, select the URL with the mouse';
}
