// Ink 6.8 draws every frame whole: it turns every text into styled cells (escape codes tokenized, graphemes split,
// widths measured) through a cache that lives for one frame, fills a fresh grid of cells (some 7,000 new objects
// on a 160 × 45 screen) and joins each line back into a string, comparing styles cell by cell. A cursor move
// changes two lines of the screen, yet costs all of that, and the garbage alone set off a collection on almost
// every key press. So:
// - Ink's cache of converted texts is kept across frames, bounded (with any Ink whose output stage has it);
// - and, when Ink's output stage is the very one this was written against (Ink 6.8.0's build/output.js, checked
//   by its SHA-256; package.json pins that version), the grid's blank cells are one shared object, a line whose
//   cells are the same objects as in the last frame keeps its string, and cells of the same style are not
//   compared by building sets of escape codes.
// The output is the same, escape codes included (test/ui.output-cache.test.tsx compares every frame); a frame that
// clips text sideways (a box with overflow hidden) is left to Ink's own code. With another Ink nothing is changed.
import { createHash } from 'node:crypto';
import { ansiCodesToString, diffAnsiCodes, type AnsiCode } from '@alcalzone/ansi-tokenize';
import { importInkOutputStage } from './ink-output-stage.js';

/** Distinct texts kept (about three screens); past that the cache starts again empty. Kept small: a larger one
 * made the collections during a refresh longer than the conversions it saved. */
export const MAX_CACHED_TEXTS = 1000;

/** SHA-256 of Ink 6.8.0's build/output.js, whose Output#get (and the writes it applies) fastGet does the same as. */
const INK_OUTPUT_SHA256 = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d';

interface Cell {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: AnsiCode[];
}
interface Caches {
  styledChars: Map<string, unknown>;
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  getStyledChars(line: string): Cell[];
  getStringWidth(text: string): number;
}
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: ((line: string, index: number) => string)[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };
interface OutputLike {
  width: number;
  height: number;
  operations: Operation[];
  caches: Caches;
  write(x: number, y: number, text: string, o: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = { new (o: { width: number; height: number }): OutputLike; prototype: OutputLike };

async function loadOutput(): Promise<{ Output: OutputClass; known: boolean } | undefined> {
  try {
    const stage = await importInkOutputStage();
    const Output = stage.module.default as OutputClass | undefined;
    if (typeof Output !== 'function' || typeof Output.prototype.get !== 'function') return undefined;
    const probe = new Output({ width: 1, height: 1 });
    const c = probe.caches as Partial<Caches> | undefined;
    if (!(c?.styledChars instanceof Map) || !(c.widths instanceof Map) || !(c.blockWidths instanceof Map))
      return undefined;
    // Known: the module is the one fastGet was written against, and its get is still its own.
    const known = createHash('sha256').update(stage.source).digest('hex') === INK_OUTPUT_SHA256;
    return { Output, known };
  } catch {
    return undefined;
  }
}

const loaded = await loadOutput();
const Output = loaded?.Output;
const moduleGet = Output?.prototype.get;

/** Ink's output stage, the one every frame goes through (undefined with an Ink of another shape). */
export const InkOutput: OutputClass | undefined = Output;

/** Whether Ink's output stage is the one fastGet reproduces. */
function knownGet(get: () => unknown): boolean {
  return loaded?.known === true && get === moduleGet;
}

const BLANK: Cell = { type: 'char', value: ' ', fullWidth: false, styles: [] };

/** Styles equal code for code: diffAnsiCodes would return nothing to write. */
function sameCodes(a: AnsiCode[], b: AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/** ansi-tokenize's styledCharsToString, without building sets of codes between cells of the same style. */
function cellsToString(cells: Cell[]): string {
  let out = '';
  const last = cells.length - 1;
  for (let i = 0; i <= last; i++) {
    const styles = cells[i]!.styles;
    if (i === 0) {
      if (styles.length) out += ansiCodesToString(styles);
    } else {
      const prev = cells[i - 1]!.styles;
      if (!sameCodes(prev, styles)) out += ansiCodesToString(diffAnsiCodes(prev, styles));
    }
    out += cells[i]!.value;
    if (i === last && styles.length) out += ansiCodesToString(diffAnsiCodes(styles, []));
  }
  return out;
}

/** The last frame's lines (their cells) and strings, for lines that did not change. */
let lastRows: Cell[][] = [];
let lastLines: string[] = [];

function sameRow(a: Cell[], b: Cell[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Ink 6.8's Output#get for frames without sideways clipping; undefined for a frame with it (Ink's own code then
 * runs). Writes, vertical clips, transformers and wide characters are handled as Ink does.
 */
function fastGet(out: OutputLike): { output: string; height: number } | undefined {
  for (const op of out.operations)
    if (op.type === 'clip' && typeof op.clip.x1 === 'number' && typeof op.clip.x2 === 'number') return undefined;
  const rows: Cell[][] = [];
  for (let y = 0; y < out.height; y++) rows.push(new Array<Cell>(out.width).fill(BLANK));
  const clips: Clip[] = [];
  for (const op of out.operations) {
    if (op.type === 'clip') clips.push(op.clip);
    else if (op.type === 'unclip') clips.pop();
    else {
      let y = op.y;
      let lines = op.text.split('\n');
      const clip = clips.at(-1);
      if (clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
        if (y + lines.length < clip.y1 || y > clip.y2) continue;
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        const row = rows[y + offsetY];
        // A text taller than the frame: Ink skips its extra lines the same way.
        if (!row) continue;
        let line = lines[index]!;
        for (const transform of op.transformers) line = transform(line, index);
        let x = op.x;
        for (const cell of out.caches.getStyledChars(line)) {
          row[x] = cell;
          const width = Math.max(1, out.caches.getStringWidth(cell.value));
          for (let k = 1; k < width; k++)
            row[x + k] = { type: 'char', value: '', fullWidth: false, styles: cell.styles };
          x += width;
        }
        offsetY++;
      }
    }
  }
  const lines = new Array<string>(rows.length);
  for (let y = 0; y < rows.length; y++) {
    const row = rows[y]!;
    lines[y] = sameRow(row, lastRows[y]) ? lastLines[y]! : cellsToString(row.filter((c) => c !== undefined)).trimEnd();
  }
  lastRows = rows;
  lastLines = lines;
  return { output: lines.join('\n'), height: rows.length };
}

/**
 * Makes every frame use one cache of converted texts and, with the Ink this was written against, the faster
 * output stage. Returns a function that undoes it; `installed` is false when Ink's output stage is not the one
 * expected (nothing was changed), `fast` whether the faster stage is in use.
 */
export function installOutputCache(max = MAX_CACHED_TEXTS): {
  installed: boolean;
  fast: boolean;
  uninstall: () => void;
} {
  if (!Output) return { installed: false, fast: false, uninstall: () => {} };
  const original = Output.prototype.get;
  const mark = original as { sharedCache?: boolean; fast?: boolean };
  if (mark.sharedCache) return { installed: true, fast: mark.fast === true, uninstall: () => {} };
  const fast = knownGet(original);
  const fresh = () => new Output({ width: 1, height: 1 }).caches;
  let shared = fresh();
  Output.prototype.get = function get(this: OutputLike) {
    if (shared.styledChars.size > max || shared.widths.size > max || shared.blockWidths.size > max) {
      shared = fresh();
      // The lines kept from the last frame hold the old cache's cells, which could never match again.
      lastRows = [];
    }
    this.caches = shared;
    const done = fast ? fastGet(this) : undefined;
    if (done) return done;
    lastRows = [];
    return original.call(this);
  };
  Object.assign(Output.prototype.get, { sharedCache: true, fast });
  return {
    installed: true,
    fast,
    uninstall: () => {
      Output.prototype.get = original;
      lastRows = [];
      lastLines = [];
    },
  };
}
