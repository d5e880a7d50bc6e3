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
 * Yields the JSON text of `value` in slices of about 1 MB: JSON.stringify(value, null, 2) for a small document;
 * for a large one, the same layout except that long lists hold one compact element per line.
 */
export function* jsonSlices(value: unknown): Generator<string> {
  if (!isLarge(value)) {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  let buf = '';
  const list = function* (items: List, indent: string): Generator<string> {
    buf += '[\n';
    const lazy = items instanceof MappedList;
    for (let i = 0; i < items.length; i++) {
      // As JSON.stringify does for list elements: undefined and functions become null.
      const item = lazy ? items.at(i) : (items as unknown[])[i];
      buf += indent + '  ' + (JSON.stringify(item) ?? 'null') + (i < items.length - 1 ? ',\n' : '\n');
      if (buf.length >= SLICE) {
        yield buf;
        buf = '';
      }
    }
    buf += indent + ']';
  };
  if (isLongList(value)) {
    yield* list(value, '');
  } else {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    buf += '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      buf += `  ${JSON.stringify(k)}: `;
      if (isLongList(v)) yield* list(v, '  ');
      else buf += JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
      buf += i < entries.length - 1 ? ',\n' : '\n';
    }
    buf += '}';
  }
  yield `${buf}\n`;
}
