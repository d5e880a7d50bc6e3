// V8's young generation, where new objects start, kept at its first size (1 MB semi-spaces) on Node 24. Its V8 lets
// each thread's grow to 64 MB semi-spaces on a machine with much memory, where Node 20's and 22's stop at 16 MB. What
// oncall allocates in bulk, a storm's parsed alert list and its incidents, outlives the young generation anyway, so
// the larger one only held it longer: on Node 24 the TUI held 570-650 MB after three refreshes of 20,000 alerts
// instead of 310-345 MB, and `incidents --json` over 100,000 alerts peaked at 660 MB instead of 435 MB, in the same
// time (4.5 s). Not on Node 20 or 22: there the young generation is already small, and holding it at 1 MB made that
// command 11% slower on Node 20 (bench/RESULTS.md has the TUI's memory by Node version).
import nodeModule from 'node:module';

/** The V8 major where the young generation grows past 16 MB semi-spaces and the flag was measured (Node 24). */
const GROWS_LARGE = 13;

/** Stops the young generation from growing, from now on and in threads started later; false where not applied. */
export function keepYoungGenerationSmall(v8Version = process.versions.v8): boolean {
  if (Number(v8Version.split('.')[0]) !== GROWS_LARGE) return false;
  // Read at each decision to grow, so it takes effect after start-up too (a semi-space's maximum would not).
  const v8 = nodeModule.createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
