// JSON for --json. Small documents are indented as usual. A document with a long list (a storm's 20,000 alerts)
// is written one list element per line, compact, in slices: still valid JSON, readable and grep-able, and it
// costs neither a second 25 MB string nor the indentation of every nested label. A list can also be given as a
// MappedList, whose elements are made only as they are written: each output object lives for one JSON.stringify,
// so a storm's 20,000 of them never exist at once (less memory, and far less for the garbage collector to copy).

/** Lists longer than this are written one compact element per line. */
export const LONG_LIST = 100;
/** Characters gathered before each write. */
const SLICE = 1 << 20;
/** Characters of a long list's lines encoded in one write. */
const BATCH = 1 << 16;

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

/** A long list within the pieces of a document: its elements, one a line, indented by `indent` plus two spaces. */
class ListPiece {
  constructor(
    readonly items: List,
    readonly indent: string,
  ) {}

  /** Element i's JSON, as JSON.stringify writes list elements (undefined and functions become null). */
  json(i: number): string {
    const items = this.items;
    const item = items instanceof MappedList ? items.at(i) : items[i];
    return JSON.stringify(item) ?? 'null';
  }
}

/**
 * The JSON text of `value` in pieces: JSON.stringify(value, null, 2) for a small document; for a large one, the same
 * layout except that long lists hold one compact element per line, each list given as a ListPiece.
 */
function* jsonPieces(value: unknown): Generator<string | ListPiece> {
  if (!isLarge(value)) {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  if (isLongList(value)) {
    yield new ListPiece(value, '');
  } else {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      yield `  ${JSON.stringify(k)}: `;
      if (isLongList(v)) yield new ListPiece(v, '  ');
      else yield JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
      yield i < entries.length - 1 ? ',\n' : '\n';
    }
    yield '}';
  }
  yield '\n';
}

/** A list's text as strings: '[', each element on a line of its own, ']'. */
function* listLines(l: ListPiece): Generator<string> {
  yield '[\n';
  const last = l.items.length - 1;
  for (let i = 0; i <= last; i++) yield l.indent + '  ' + l.json(i) + (i < last ? ',\n' : '\n');
  yield l.indent + ']';
}

/** Yields the JSON text of `value` (jsonPieces) in slices of about 1 MB. */
export function* jsonSlices(value: unknown): Generator<string> {
  let buf = '';
  for (const piece of jsonPieces(value)) {
    for (const text of typeof piece === 'string' ? [piece] : listLines(piece)) {
      buf += text;
      if (buf.length >= SLICE) {
        yield buf;
        buf = '';
      }
    }
  }
  if (buf) yield buf;
}

/**
 * The same text as UTF-8 chunks of about 1 MB, each piece passed through `clean` and encoded straight into the
 * chunk: a storm's 20 MB of output is never one long string to be flattened and then encoded again on its way to
 * stdout. `plain(piece, bytes)` says when `clean` would return the piece unchanged, from the piece and the bytes it
 * took (as many as its length exactly when it is all ASCII); the cleaned piece then replaces what was written. A
 * long list's lines are encoded some 64 kB at a time, joined once: in Node 20 each Buffer#write costs about 2 µs
 * however short the text, 40 ms for a storm's 20,000 elements one by one. A batch that is not plain is written
 * again line by line, each line a piece as before.
 */
export function* jsonChunks(
  value: unknown,
  clean: (piece: string) => string,
  plain: (piece: string, bytes: number) => boolean,
  /**
   * Asked when the next chunk is wanted: true when the consumer is done with the last one (written out, not
   * queued), whose memory is then filled again instead of a fresh megabyte: touching new memory is much of the cost
   * of writing a storm's 17 MB. Without it every chunk is new, and all of them can be kept.
   */
  consumed?: () => boolean,
): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(SLICE);
  let used = 0;
  /** Yields the chunk so far (unless empty), then begins one of at least `bytes`. */
  const renew = function* (bytes: number): Generator<Buffer> {
    const done = used > 0;
    if (done) yield chunk.subarray(0, used);
    used = 0;
    if (!(done && consumed?.() && chunk.length >= bytes)) chunk = Buffer.allocUnsafe(Math.max(SLICE, bytes));
  };
  const put = function* (piece: string): Generator<Buffer> {
    if (used + piece.length * 3 > chunk.length) yield* renew(piece.length * 3); // at most 3 bytes per unit
    const bytes = chunk.write(piece, used, 'utf8');
    if (plain(piece, bytes)) {
      used += bytes;
      return;
    }
    const cleaned = clean(piece);
    const need = Buffer.byteLength(cleaned, 'utf8');
    if (used + need > chunk.length) yield* renew(need);
    used += chunk.write(cleaned, used, 'utf8');
  };
  for (const piece of jsonPieces(value)) {
    if (typeof piece === 'string') {
      yield* put(piece);
      continue;
    }
    yield* put('[\n');
    const lead = piece.indent + '  ';
    const sep = ',\n' + lead;
    const last = piece.items.length - 1;
    const line = (i: number, json: string) => lead + json + (i < last ? ',\n' : '\n');
    const batch: string[] = [];
    let size = 0;
    for (let i = 0; i <= last; i++) {
      const json = piece.json(i);
      batch.push(json);
      size += json.length + sep.length;
      if (size < BATCH && i < last) continue;
      const text = lead + batch.join(sep) + (i < last ? ',\n' : '\n');
      if (used + text.length * 3 > chunk.length) yield* renew(text.length * 3);
      const bytes = chunk.write(text, used, 'utf8');
      if (plain(text, bytes)) used += bytes;
      // Line by line, each cleaned as a piece of its own, as if never batched.
      else for (let j = 0; j < batch.length; j++) yield* put(line(i - batch.length + 1 + j, batch[j]!));
      batch.length = 0;
      size = 0;
    }
    yield* put(piece.indent + ']');
  }
  if (used) yield chunk.subarray(0, used);
}
