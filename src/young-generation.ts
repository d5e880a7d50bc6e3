// V8's young generation, where new objects start, kept at its first size (1 MB semi-spaces) in every command and in
// both of the TUI's threads (Node 20's V8 sizes a worker's by its resource limits alone: 16 MB semi-spaces, as ever). What oncall allocates in bulk, a storm's parsed alert list and its incidents, outlives
// the young generation anyway: a larger one only holds it longer before promoting it. Node 24 on a machine with much
// memory lets each thread's grow to 64 MB semi-spaces (Node 20: 16 MB); the TUI then held 570-650 MB after three
// refreshes of 20,000 alerts instead of 310-340 MB, and `incidents --json` peaked at 215-225 MB instead of
// 135-155 MB, neither of them any faster (bench/RESULTS.md has the TUI's figures by Node version).
import nodeModule from 'node:module';

/** V8 majors known to have the flag (Node 20, 22, 24): elsewhere V8 would print an error for an unknown flag. */
const KNOWN_V8 = { from: 11, to: 13 };

/** Stops the young generation from growing, from now on and for threads started later; false where not applied. */
export function keepYoungGenerationSmall(v8Version = process.versions.v8): boolean {
  const major = Number(v8Version.split('.')[0]);
  if (!(major >= KNOWN_V8.from && major <= KNOWN_V8.to)) return false;
  // Read at each decision to grow, so it takes effect after start-up too (a semi-space's maximum would not).
  const v8 = nodeModule.createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
