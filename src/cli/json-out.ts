// JSON for --json. Small documents are indented as usual. A document with a long list (a storm's 20,000 alerts)
// is written one list element per line, compact, in slices: still valid JSON, readable and grep-able, and it
// costs neither a second 25 MB string nor the indentation of every nested label. A list can also be given as a
// MappedList, whose elements are made only as they are written: each output object lives for one JSON.stringify,
// so a storm's 20,000 of them never exist at once (less memory, and far less for the garbage collector to copy).

/** Lists longer than this are written one compact element per line. */
export const LONG_LIST = 100;
/** Characters gathered before each write. */
const SLICE = 1 << 20;

/** `map` applied to each element of `source`, lazily when written in slices; as an array anywhere else (toJSON). */
export class MappedList<S, T> {
  constructor(
    readonly source: readonly S[],
    readonly map: (s: S) => T,
  ) {}

  get length(): number {
    return this.source.length;
  }

  at(i: number): T {
    return this.map(this.source[i]!);
  }

  toJSON(): T[] {
    return this.source.map((s) => this.map(s));
  }
}

type List = unknown[] | MappedList<unknown, unknown>;

function isLongList(v: unknown): v is List {
  return (Array.isArray(v) || v instanceof MappedList) && v.length > LONG_LIST;
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** True when the document has a long list at the top level or one level down, and is written in slices. */
export function isLarge(value: unknown): boolean {
  if (isLongList(value)) return true;
  return plainObject(value) && Object.values(value).some(isLongList);
}

/**
 * The JSON text of `value` in pieces: JSON.stringify(value, null, 2) for a small document; for a large one, the same
 * layout except that long lists hold one compact element per line, each element a piece of its own.
 */
function* jsonPieces(value: unknown): Generator<string> {
  if (!isLarge(value)) {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  const list = function* (items: List, indent: string): Generator<string> {
    yield '[\n';
    const lazy = items instanceof MappedList;
    const last = items.length - 1;
    for (let i = 0; i <= last; i++) {
      // As JSON.stringify does for list elements: undefined and functions become null.
      const item = lazy ? items.at(i) : (items as unknown[])[i];
      yield indent + '  ' + (JSON.stringify(item) ?? 'null') + (i < last ? ',\n' : '\n');
    }
    yield indent + ']';
  };
  if (isLongList(value)) {
    yield* list(value, '');
  } else {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      yield `  ${JSON.stringify(k)}: `;
      if (isLongList(v)) yield* list(v, '  ');
      else yield JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
      yield i < entries.length - 1 ? ',\n' : '\n';
    }
    yield '}';
  }
  yield '\n';
}

/** Yields the JSON text of `value` (jsonPieces) in slices of about 1 MB. */
export function* jsonSlices(value: unknown): Generator<string> {
  let buf = '';
  for (const piece of jsonPieces(value)) {
    buf += piece;
    if (buf.length >= SLICE) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * The same text as UTF-8 chunks of about 1 MB, each piece passed through `clean` and encoded straight into the
 * chunk: a storm's 20 MB of output is never one long string to be flattened and then encoded again on its way to
 * stdout. `plain(piece, bytes)` says when `clean` would return the piece unchanged, from the piece and the bytes it
 * took (as many as its length exactly when it is all ASCII); the cleaned piece then replaces what was written.
 */
export function* jsonChunks(
  value: unknown,
  clean: (piece: string) => string,
  plain: (piece: string, bytes: number) => boolean,
): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(SLICE);
  let used = 0;
  /** Room for `bytes` more: the chunk so far is yielded and a new one begun when they do not fit. */
  const room = function* (bytes: number): Generator<Buffer> {
    if (used + bytes <= chunk.length) return;
    if (used) yield chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(Math.max(SLICE, bytes));
    used = 0;
  };
  for (const piece of jsonPieces(value)) {
    yield* room(piece.length * 3); // at most 3 bytes per UTF-16 unit
    const bytes = chunk.write(piece, used, 'utf8');
    if (plain(piece, bytes)) {
      used += bytes;
      continue;
    }
    const cleaned = clean(piece);
    yield* room(Buffer.byteLength(cleaned, 'utf8'));
    used += chunk.write(cleaned, used, 'utf8');
  }
  if (used) yield chunk.subarray(0, used);
}
