// Hostile text for the output tests: every kind of character or sequence a terminal acts on or that hides or
// reorders text, and a check that none of it survives in what oncall writes.
const ESC = '\u001b';

/** One of each, labelled so a failure names it. */
export const HOSTILE_PARTS: Record<string, string> = {
  // A screen clear and a colour, and two that Ink never writes: a status report request (the terminal answers
  // into the input) and mouse tracking.
  csi: `${ESC}[2J${ESC}[31m${ESC}[6n${ESC}[?1000h`,
  osc52: `${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007`,
  osc8: `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`,
  dcs: `${ESC}P1$r0m${ESC}\\`,
  apc: `${ESC}_apc${ESC}\\`,
  c1: '\u009b31m\u0085\u009d0;t\u009c',
  del: '\u007f',
  bel_bs_cr: '\u0007\b\r',
  bidi: '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
  zero_width: '\u200b\u200c\u200d\u2060\ufeff',
  soft_hyphen: '\u00ad',
  separators: '\u2028\u2029',
  lone_surrogates: '\ud800x\udc00',
};

/** All of the above in one value, with visible text around each part. */
export const HOSTILE = `h0${Object.values(HOSTILE_PARTS)
  .map((p, i) => `${p}h${i + 1}`)
  .join('')}`;

/** A 10 kB value that is hostile too. */
export const HOSTILE_LONG = `${HOSTILE}${'x'.repeat(10_000)}`;

/**
 * The corpus as a server can hold it: label values travel as UTF-8, which has no lone surrogates (they reach
 * oncall only from a server that writes them as JSON escapes, as the fake servers do).
 */
export const HOSTILE_UTF8 = HOSTILE.replace(HOSTILE_PARTS.lone_surrogates!, 'x');

/** A YAML (and PromQL) double-quoted string for `s`, every non-ASCII or control character as an escape. */
export function quoted(s: string): string {
  return `"${s.replace(/[^\x20-\x7e]|["\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/**
 * The escape sequences the TUI writes itself (Ink's colours, cursor moves and line erases, and the alternate
 * screen and cursor switches of src/ui/terminal.ts) removed from a raw terminal stream, so that what is left
 * can be checked by findControl. A status report request (6n) or mouse tracking (?1000h) is not among them.
 */
export function withoutOwnSequences(raw: string): string {
  return raw
    .replace(/\u001b\[[0-9;]*[mABCDGHJKf]/g, '')
    .replace(/\u001b\[\?(25|1049|2004|2026)[hl]/g, '')
    .replace(/\r/g, '');
}

const FORBIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character a terminal would act on or that hides or reorders text, with context; or undefined. */
export function findControl(t: string): string | undefined {
  const m = FORBIDDEN.exec(t);
  if (!m) return undefined;
  const i = m.index;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${i}: ${JSON.stringify(t.slice(Math.max(0, i - 40), i + 40))}`;
}
