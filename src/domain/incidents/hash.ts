// FNV-1a, 32 bits: a small, stable, dependency-free hash for IDs derived from fingerprints and label sets. Plus the
// two hash tables grouping uses at storm scale, where a Map keyed by 100,000 fresh strings or by number pairs costs
// more than the grouping itself.

export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Char codes of the lower-case hex digits. */
export const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** 8 lower-case hex digits of a 32-bit unsigned number (as toString(16) padded, several times faster). */
export function hex8(n: number): string {
  if (n >>> 0 !== n) return n.toString(16).padStart(8, '0');
  const H = HEX_CODES;
  return String.fromCharCode(
    H[n >>> 28]!,
    H[(n >>> 24) & 15]!,
    H[(n >>> 20) & 15]!,
    H[(n >>> 16) & 15]!,
    H[(n >>> 12) & 15]!,
    H[(n >>> 8) & 15]!,
    H[(n >>> 4) & 15]!,
    H[n & 15]!,
  );
}

/** Smallest power of two that is at least 2 × n (and at least 16): the load factor stays at or under one half. */
function capacityFor(n: number): number {
  let c = 16;
  while (c < 2 * n) c *= 2;
  return c;
}

/** Seed of the second hash in incident IDs (the first is fnv1a's own). */
export const ID_SEED = 0x050c5d1f;

/**
 * Fingerprint → position, open addressing on the FNV-1a hash. Keeps each key's hash by position, and its hash
 * with a second seed, so that a caller needing them later (incident IDs) neither hashes nor reads a key twice.
 */
export class FingerprintIndex {
  readonly keys: string[];
  readonly hashes: Uint32Array;
  /** fnv1a(key, seed2) by position. */
  readonly seconds: Uint32Array;
  private readonly slots: Int32Array; // position + 1; 0 = empty
  private readonly mask: number;

  constructor(
    capacity: number,
    private readonly seed2: number,
  ) {
    this.keys = new Array<string>(capacity);
    this.hashes = new Uint32Array(capacity);
    this.seconds = new Uint32Array(capacity);
    const size = capacityFor(capacity);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Stores `key` at position `at` unless present; returns the position that holds it. At most `capacity` keys. */
  add(key: string, at: number): number {
    // Both hashes in one pass over the characters (the second is only stored, for the incident ID).
    let h = 0x811c9dc5;
    let h2 = this.seed2 >>> 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
    }
    const { slots, mask, keys, hashes } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) {
        slots[s] = at + 1;
        keys[at] = key;
        hashes[at] = h;
        this.seconds[at] = h2;
        return at;
      }
      if (hashes[v - 1] === h && keys[v - 1] === key) return v - 1;
    }
  }

  /** Position of `key`, or -1. */
  get(key: string): number {
    const h = fnv1a(key);
    const { slots, mask, keys, hashes } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) return -1;
      if (hashes[v - 1] === h && keys[v - 1] === key) return v - 1;
    }
  }
}

/** Small consecutive integers for pairs of non-negative integers (e.g. the ids of two label values). */
export class PairIds {
  private slots: Int32Array; // id + 1; 0 = empty
  private mask: number;
  private as: Int32Array;
  private bs: Int32Array;
  size = 0;

  constructor(expected = 16) {
    const cap = capacityFor(expected);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.as = new Int32Array(cap >>> 1);
    this.bs = new Int32Array(cap >>> 1);
  }

  id(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
    h ^= h >>> 15;
    const { slots, mask, as, bs } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) {
        const id = this.size++;
        if (id >= as.length) return this.grow(a, b, id);
        as[id] = a;
        bs[id] = b;
        slots[s] = id + 1;
        return id;
      }
      if (as[v - 1] === a && bs[v - 1] === b) return v - 1;
    }
  }

  private grow(a: number, b: number, id: number): number {
    const cap = this.slots.length * 2;
    const as = new Int32Array(cap >>> 1);
    const bs = new Int32Array(cap >>> 1);
    as.set(this.as);
    bs.set(this.bs);
    as[id] = a;
    bs[id] = b;
    this.as = as;
    this.bs = bs;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i <= id; i++) {
      let h = Math.imul(as[i]!, 0x9e3779b1) ^ Math.imul(bs[i]!, 0x85ebca77);
      h ^= h >>> 15;
      let s = h & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = i + 1;
    }
    return id;
  }
}
