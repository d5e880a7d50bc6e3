// Ink 6.8 turns every text of a frame into styled cells (escape codes tokenized, graphemes split, widths
// measured) through a cache that lives for one frame: moving the cursor one row converts the whole screen again,
// and that conversion is most of a frame's cost. This keeps Ink's own cache across frames, bounded, so a key press
// converts only the texts that changed. The output is the same (a cached conversion is what Ink would compute
// again; within a frame Ink already shares it between equal texts). The output stage is internal to Ink, so its
// shape is checked first; with another Ink nothing is changed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Distinct texts kept (about three screens); past that the cache starts again empty. Kept small: a larger one
 * made the collections during a refresh longer than the conversions it saved. */
export const MAX_CACHED_TEXTS = 1000;

interface Caches {
  styledChars: Map<string, unknown>;
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
}
interface OutputLike {
  caches: Caches;
  get(): unknown;
}
type OutputClass = { new (o: { width: number; height: number }): OutputLike; prototype: OutputLike };

async function loadOutput(): Promise<OutputClass | undefined> {
  try {
    // Ink's package exports only its entry point; its output stage is the module beside it. Imported by file URL,
    // it is the same module instance Ink renders with.
    const entry = createRequire(import.meta.url).resolve('ink');
    const mod = (await import(pathToFileURL(path.join(path.dirname(entry), 'output.js')).href)) as { default?: unknown };
    const Output = mod.default as OutputClass | undefined;
    if (typeof Output !== 'function' || typeof Output.prototype.get !== 'function') return undefined;
    const probe = new Output({ width: 1, height: 1 });
    const c = probe.caches as Partial<Caches> | undefined;
    if (!(c?.styledChars instanceof Map) || !(c.widths instanceof Map) || !(c.blockWidths instanceof Map)) return undefined;
    return Output;
  } catch {
    return undefined;
  }
}

const Output = await loadOutput();

/**
 * Makes every frame use one cache of converted texts. Returns a function that undoes it; `installed` is false when
 * Ink's output stage is not the one expected (nothing was changed).
 */
export function installOutputCache(max = MAX_CACHED_TEXTS): { installed: boolean; uninstall: () => void } {
  if (!Output) return { installed: false, uninstall: () => {} };
  const original = Output.prototype.get;
  if ((original as { sharedCache?: boolean }).sharedCache) return { installed: true, uninstall: () => {} };
  const fresh = () => new Output({ width: 1, height: 1 }).caches;
  let shared = fresh();
  Output.prototype.get = function get(this: OutputLike) {
    if (shared.styledChars.size > max || shared.widths.size > max || shared.blockWidths.size > max) shared = fresh();
    this.caches = shared;
    return original.call(this);
  };
  (Output.prototype.get as { sharedCache?: boolean }).sharedCache = true;
  return { installed: true, uninstall: () => { Output.prototype.get = original; } };
}
