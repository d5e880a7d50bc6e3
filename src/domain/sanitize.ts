// Text from alerts, annotations and runbooks is untrusted: it could carry escape sequences that move the cursor,
// retitle the window, write to the clipboard (OSC 52) or hide text. Everything shown passes through here.

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ … ended by BEL or ST, in its
// 7-bit ESC \ or 8-bit U+009C form, or by the end of the text), and the other two-byte escapes.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[@-Z\\-_]|[ -/]*[0-~]?)/g;
// 8-bit C1 forms of the same (CSI = U+009B; DCS, SOS, OSC, PM, APC = U+0090, U+0098, U+009D, U+009E, U+009F).
const C1_SEQUENCES = /\u009b[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
// Remaining control characters except newline and tab; bidi controls (embeddings, overrides, isolates, marks)
// that can make a terminal show text in another order than it is read.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal control sequences and control characters; keeps newlines, turns tabs into two spaces. */
export function sanitizeText(s: string): string {
  if (!s) return '';
  // C1 first: an 8-bit OSC ended by a 7-bit ST would otherwise lose its terminator to the ESC pass and swallow
  // the rest of the text.
  return s.replace(C1_SEQUENCES, '').replace(ESCAPES, '').replace(CONTROLS, '').replace(/\t/g, '  ');
}

/** Single-line form for list rows: newlines become spaces. */
export function sanitizeLine(s: string): string {
  return sanitizeText(s).replace(/\r?\n/g, ' ');
}

/** Only http(s) URLs may be opened in a browser or shown as links. */
export function isSafeWebUrl(raw: string): boolean {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
