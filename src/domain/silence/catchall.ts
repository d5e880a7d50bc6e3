// Does a matcher narrow anything? Decided semantically, on Alertmanager's own regex engine (RE2): a matcher
// "accepts every value" when it accepts every value of a large adversarial sample (short, long, punctuation,
// spaces, every printable ASCII character, Unicode letters, emoji, combining and right-to-left text), and for
// `!~` also every value its regex was written to match (found by walking the compiled regex, ../matchers).
// Values holding control characters (a newline, a tab, NUL) are left out of the verdict: RE2's `.` does not
// match a newline, yet `.+` silences every real alert; likewise a `!~` that spares only such values spares none.
import { matchValue, type Matcher } from '../matchers.js';
import { witnesses } from '../matchers/witness.js';

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

/** Non-empty values of very different shapes, none holding a control character. */
export const SAMPLE: readonly string[] = [
  ...ASCII,
  ASCII.join(''),
  'x y',
  ' a ',
  'prod',
  'gpu-1',
  'GPUMemoryOOM',
  'critical',
  '127.0.0.1:9090',
  'https://example.com/a?b=c#d',
  'null',
  '-1',
  '1e9',
  'é',
  'e\u0301',
  'Ä',
  'ß',
  'ſ',
  '\u212a',
  'ﬁ',
  '日本',
  'مرحبا',
  'Ελληνικά',
  'кириллица',
  '🔥',
  '🙂bar',
  '👩\u200d💻',
  '\u00a0',
  '\u3000',
  '\u200b',
  '\ufeff',
  '\u202e',
  '\ufffd',
  'a'.repeat(300),
  'Z'.repeat(10_000),
  '\\',
  '"',
  '"quoted"',
  "'",
  '`',
];

/** A value that an alert could plausibly carry: no C0/C1 control characters or line separators. */
export function printable(v: string): boolean {
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v);
}

export type Coverage =
  /** Some plausible value is refused: the matcher narrows the silence. */
  | 'narrow'
  /** Every plausible non-empty value is accepted. */
  | 'everything'
  /** The analysis cannot tell (a `!~` whose regex has assertions the walk cannot settle). */
  | 'unknown';

/** Whether the matcher accepts every non-empty value (whether it accepts a missing label is matchesEmpty's). */
export function coverage(m: Matcher): Coverage {
  if (m.type === '=') return 'narrow';
  if (m.type === '!=') return m.value === '' ? 'everything' : 'narrow';
  const excluded = SAMPLE.some((v) => !matchValue(m, v));
  if (m.type === '=~') return excluded ? 'narrow' : 'everything';
  if (excluded) return 'narrow';
  const w = witnesses(m.value);
  if (w.values.some(printable)) return 'narrow';
  // Proven to match only values with control characters, or none at all.
  return w.known ? 'everything' : 'unknown';
}

/** True when the matcher accepts every plausible non-empty value. */
export function matchesEveryValue(m: Matcher): boolean {
  return coverage(m) === 'everything';
}
