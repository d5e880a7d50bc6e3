// Hostile text for the output tests: every kind of character or sequence a terminal acts on or that hides or
// reorders text, and a check that none of it survives in what oncall writes.
const ESC = '\u001b';

/** One of each, labelled so a failure names it. */
export const HOSTILE_PARTS: Record<string, string> = {
  csi: `${ESC}[2J${ESC}[31m`,
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
export const HOSTILE = `h0${Object.values(HOSTILE_PARTS).map((p, i) => `${p}h${i + 1}`).join('')}`;

/** A 10 kB value that is hostile too. */
export const HOSTILE_LONG = `${HOSTILE}${'x'.repeat(10_000)}`;

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first forbidden character in `text` with some context, or undefined when there is none. `allowSgr` lets
 * through the select-graphic-rendition sequences (colours) the product writes itself in the TUI, and the cursor
 * and screen sequences of its own frames; hostile ones were stripped before they were coloured.
 */
export function findControl(text: string, opts: { allowTerminal?: boolean } = {}): string | undefined {
  const t = opts.allowTerminal ? text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '') : text;
  const m = FORBIDDEN.exec(t);
  if (!m) return undefined;
  const i = m.index;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${i}: ${JSON.stringify(t.slice(Math.max(0, i - 40), i + 40))}`;
}
