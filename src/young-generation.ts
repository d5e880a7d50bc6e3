// V8's young generation, where new objects start, on Node 24. Its V8 lets each thread's grow to 64 MB semi-spaces on
// a machine with much memory, where Node 20's and 22's stop at 16 MB. What oncall allocates in bulk, a storm's parsed
// alert list and its incidents, outlives the young generation anyway, so the larger one only holds it longer:
// - a command holds it at its first size (1 MB semi-spaces): `incidents --json` over 100,000 alerts peaked at 435 MB
//   instead of 660 MB, in the same time (4.5 s). Not on Node 20 or 22, where it made that command 11% slower.
// - the TUI's data worker is capped at Node 20's size, in its resource limits (src/ui/data/spawn.ts).
// - the TUI's UI thread is left as V8 sizes it: held small, it paused 70-80 ms in some first refreshes (the longest
//   stall otherwise 10-20 ms). After three refreshes of 20,000 alerts the TUI held 310-345 MB with both threads held
//   small, 455-475 MB with the worker capped alone, 570-650 MB with neither (bench/RESULTS.md, by Node version).
import nodeModule from 'node:module';

/** The V8 major where the young generation grows past 16 MB semi-spaces and the flag was measured (Node 24). */
const GROWS_LARGE = 13;

let held = false;

const v8 = () => nodeModule.createRequire(import.meta.url)('node:v8') as typeof import('node:v8');

/** Stops this process's young generation from growing (threads started later too); false where not applied. */
export function keepYoungGenerationSmall(v8Version = process.versions.v8): boolean {
  if (Number(v8Version.split('.')[0]) !== GROWS_LARGE) return false;
  // Read at each decision to grow, so it takes effect after start-up too (a semi-space's maximum would not).
  v8().setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
  return true;
}

/** Lets it grow again as V8 would (its default factor, 2): for a command that starts the TUI (`oncall demo`). */
export function letYoungGenerationGrow(): void {
  if (held) v8().setFlagsFromString('--semi-space-growth-factor=2');
  held = false;
}
