// Changes to packages as the bundle holds them (scripts/build.mjs), each for work done for nothing at start-up:
// before the TUI's first frame, or before a command's first request. A patch whose text is not found fails the build: an upgrade must look at it again.
import fs from 'node:fs';
import path from 'node:path';

/** Printable ASCII and the characters outside it that string-width measures as one column each (src/ui/components/line-runs.ts, isNarrow). */
export const NARROW_TEXT =
  /^[\u0020-\u007e\u00a1-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc]*$/;

export const PATCHES = [
  {
    // commander loads node:child_process (with dgram) as it starts, for running executable subcommands, which oncall
    // has none of: it loads when one would run instead, some 2 ms less before every command's first request.
    file: 'node_modules/commander/lib/command.js',
    replace: [
      [
        "const childProcess = require('node:child_process');",
        "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      ],
    ],
  },
  {
    // Yoga's loader (Emscripten) fetches its inline wasm, a data: URL, with fetch(): that loads Node's undici
    // (tens of milliseconds) only to decode base64. It decodes it itself, as it already does where fetch is missing.
    file: 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js',
    replace: [
      ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||ua(H)||"function"!=typeof fetch?'],
    ],
  },
  {
    // Ink measures every text with string-width. Its emoji regex (\p{RGI_Emoji}) takes some 20 ms to build and as
    // much again on its first test, and the grapheme segmenter ~10 ms on first use: all paid for the first "…" or
    // box-drawing character on screen. The regex is built on first use, and text of printable ASCII and one-column
    // characters (NARROW_TEXT, checked against the full algorithm by test/ui.string-width.test.ts) is its length.
    // The copy Ink's own code measures with (wrap-ansi has an older one of its own).
    file: 'node_modules/string-width/index.js',
    replace: [
      [
        'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        'let rgiEmojiRegexBuilt;\nconst rgiEmoji = () => (rgiEmojiRegexBuilt ??= /^\\p{RGI_Emoji}$/v);',
      ],
      ['rgiEmojiRegex.test(segment)', 'rgiEmoji().test(segment)'],
      [
        'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
        `if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && ${NARROW_TEXT}.test(string))) {`,
      ],
    ],
  },
];

/** The source with the patch applied; throws when a text to replace is not there exactly once. */
export function applyPatch(patch, source, file) {
  let out = source;
  for (const [from, to] of patch.replace) {
    const n = out.split(from).length - 1;
    if (n !== 1) throw new Error(`bundle patch: ${file}: expected ${JSON.stringify(from)} once, found it ${n} times`);
    out = out.replace(from, () => to);
  }
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** esbuild plugin: the files above (paths from the repository's root), patched. */
export function bundlePatches(root) {
  return {
    name: 'bundle-patches',
    setup(b) {
      for (const patch of PATCHES) {
        const file = path.join(root, patch.file);
        b.onLoad({ filter: new RegExp(`^${escape(file)}$`) }, () => ({
          contents: applyPatch(patch, fs.readFileSync(file, 'utf8'), patch.file),
          loader: 'js',
        }));
      }
    },
  };
}
