// What Alertmanager's two matcher parsers (./classic.ts, ./utf8.ts) produce, before oncall picks a reading.
export type MatchType = '=' | '!=' | '=~' | '!~';

export interface RawMatcher {
  name: string;
  type: MatchType;
  value: string;
  /** Offset (UTF-16) in the input where the value's text starts, inside any quote. */
  valueAt: number;
  /** The value is its text as written (no escapes), so offsets in the value are offsets in the input. */
  verbatim: boolean;
  /** Offset of the label name, for errors about it. */
  nameAt?: number;
}

export interface ReadError {
  reason: string;
  /** Offset (UTF-16) in the input. */
  at: number;
  kind: 'syntax' | 'regex';
}

export type ReadResult = { ok: true; matchers: RawMatcher[] } | { ok: false; error: ReadError };

/** Go's unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
