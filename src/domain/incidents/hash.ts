// FNV-1a, 32 bits: a small, stable, dependency-free hash for IDs derived from fingerprints and label sets.
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
