// Types of bundle-patches.mjs.
export interface BundlePatch {
  /** The patched file, from the repository's root. */
  file: string;
  replace: [from: string, to: string][];
}
export const NARROW_TEXT: RegExp;
export const PATCHES: BundlePatch[];
export function applyPatch(patch: BundlePatch, source: string, file: string): string;
export function bundlePatches(root: string): unknown;
