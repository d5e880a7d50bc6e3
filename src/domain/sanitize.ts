// Text from alerts, annotations, runbooks and servers is untrusted: it could carry escape sequences that move the
// cursor, retitle the window, write to the clipboard (OSC 52), make links (OSC 8) or hide and reorder text.
// Everything shown passes through here: the CLI's one writer (src/cli/output.ts) and the TUI's Text (src/ui/text.tsx).

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ … ended by BEL or ST, in its
// 7-bit ESC \ or 8-bit U+009C form, or by the end of the text), and the other two-byte escapes.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[@-Z\\-_]|[ -/]*[0-~]?)/g;
// 8-bit C1 forms of the same (CSI = U+009B; DCS, SOS, OSC, PM, APC = U+0090, U+0098, U+009D, U+009E, U+009F).
const C1_SEQUENCES = /\u009b[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
// Remaining C0 controls except newline and tab, DEL, C1; characters that change how text reads without showing:
// bidi controls (embeddings, overrides, isolates, marks), zero-width spaces and joiners, word joiner and the
// invisible operators, the soft hyphen, the byte-order mark, interlinear annotations, and Unicode tag characters
// (U+E0000–E007F, which can smuggle ASCII). A zero-width joiner between two pictographs (👩‍💻) is kept: it only
// joins emoji.
const CONTROLS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
// Line and paragraph separators end a line in some terminals and editors: shown as a space.
const SEPARATORS = /[\u2028\u2029]/g;
// A surrogate without its pair is not a character; terminals draw it as garbage.
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Text that needs none of the passes (most of it, and all of a 20 MB alert table): one scan instead of six.
const NEEDS_WORK =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/;

/** The longest single-line field shown; longer values (a 10 kB label) are cut with an ellipsis. */
export const MAX_LINE = 1000;

/** Removes terminal control sequences and control characters; keeps newlines, turns tabs into two spaces. */
export function sanitizeText(s: string): string {
  if (!s) return '';
  if (!NEEDS_WORK.test(s)) return s;
  // C1 first: an 8-bit OSC ended by a 7-bit ST would otherwise lose its terminator to the ESC pass and swallow
  // the rest of the text. Lone surrogates go first so that the regexes after them see well-formed text.
  return s
    .replace(LONE_SURROGATES, '\ufffd')
    .replace(C1_SEQUENCES, '')
    .replace(ESCAPES, '')
    .replace(CONTROLS, '')
    .replace(SEPARATORS, ' ')
    .replace(/\t/g, '  ');
}

// Sequences the product builds itself (an OSC 8 link, an OSC 52 copy: src/domain/terminal-links.ts, from
// sanitised http(s) URLs) are noted here, and the sinks let exactly those strings through. Text from elsewhere that
// held the same bytes would do what the product does anyway; any other sequence is stripped.
const own = new Set<string>();
let ownPattern: RegExp | undefined;
const MAX_OWN = 1000;

/** Notes `seq` as the product's own terminal sequence and returns it. */
export function ownSequence(seq: string): string {
  if (!own.has(seq)) {
    if (own.size >= MAX_OWN) own.delete(own.values().next().value!);
    own.add(seq);
    ownPattern = undefined;
  }
  return seq;
}

/** sanitizeText, except that the product's own sequences (ownSequence) pass unchanged. */
export function sanitizeKeepingOwn(s: string): string {
  if (!own.size || !s.includes('\u001b')) return sanitizeText(s);
  ownPattern ??= new RegExp(
    `(${[...own]
      .sort((a, b) => b.length - a.length)
      .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
  );
  return s
    .split(ownPattern)
    .map((part, i) => (i % 2 ? part : sanitizeText(part)))
    .join('');
}

/**
 * Single-line form for list rows and fields: newlines become spaces; absurd lengths are cut (see MAX_LINE).
 * One parameter only, so that `list.map(sanitizeLine)` stays right.
 */
export function sanitizeLine(s: string): string {
  return clip(oneLine(s), MAX_LINE);
}

/** sanitizeText on one line, not cut. */
export function oneLine(s: string): string {
  return sanitizeText(s).replace(/\r?\n/g, ' ');
}

/** At most `max` UTF-16 units, ending in … when cut, never in half of a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

// What --json writes as \uXXXX although JSON allows it raw: DEL, C1, the invisible and reordering characters
// above, the separators (which also end a line in JavaScript before ES2019). JSON.stringify already escapes C0
// (ESC included) and lone surrogates.
const JSON_UNSAFE =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/** JSON text with every character a terminal could act on or hide written as a \uXXXX escape; the data is unchanged. */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
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
