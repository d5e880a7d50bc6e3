// Label placeholders in runbooks: `$instance` or `${cluster}`, filled from the alert's labels.
import type { Labels } from '../types.js';

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export interface PlaceholderUse {
  name: string;
  /** Offset in the text. */
  index: number;
}

export function findPlaceholders(text: string): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ name: m[1] ?? m[2]!, index: m.index });
  return out;
}

/** How a value is written where it lands: PromQL string literals, shell words, or prose. */
export type FillMode = 'promql' | 'shell' | 'text';

/** Where a placeholder sits in a PromQL query: which string literal (if any), and whether it is a regex. */
interface PromqlSpot {
  quote: '"' | "'" | '`' | undefined;
  regex: boolean;
}

/** The PromQL context of every offset of `q`, by one pass over its string literals (escapes honoured). */
function promqlSpots(q: string): (index: number) => PromqlSpot {
  const spans: { start: number; end: number; quote: '"' | "'" | '`'; regex: boolean }[] = [];
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c !== '"' && c !== "'" && c !== '`') continue;
    const regex = /[=!]~\s*$/.test(q.slice(Math.max(0, i - 8), i));
    let j = i + 1;
    while (j < q.length && q[j] !== c) j += c !== '`' && q[j] === '\\' ? 2 : 1;
    spans.push({ start: i, end: j, quote: c, regex });
    i = j;
  }
  return (index) => {
    const s = spans.find((x) => index > x.start && index < x.end);
    return { quote: s?.quote, regex: s?.regex ?? false };
  };
}

/** RE2's QuoteMeta: the value matches itself literally. */
const quoteMeta = (v: string) => v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** The value as it must be written at `spot`, or undefined when no escaping makes it safe there. */
function escapePromql(v: string, spot: PromqlSpot): string | undefined {
  const literal = spot.regex ? quoteMeta(v) : v;
  if (spot.quote === '`') return literal.includes('`') ? undefined : literal; // raw strings have no escapes
  if (spot.quote)
    return literal
      .replace(/\\/g, '\\\\')
      .replace(new RegExp(spot.quote, 'g'), `\\${spot.quote}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r');
  // Outside a string only a name, number or duration cannot change the query's structure.
  return /^[A-Za-z0-9_:.]+$/.test(v) ? v : undefined;
}

function escapeFor(mode: FillMode, v: string): string {
  // Label values come from alerts, which anyone who can push to the Alertmanager controls: quote anything
  // that is not a plain word so a pasted command cannot be made to do something else.
  if (mode === 'shell') return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
  return v;
}

/**
 * Replaces placeholders whose label the alert carries. Others stay as written: in prose and PromQL they show
 * what is missing, in shell blocks they may be shell variables such as $HOME. In PromQL each value is escaped
 * for where it lands ("…", '…', `…`, a regex matcher's value is also regex-quoted); a value that cannot be
 * made safe there (a backtick in a raw string, anything but a plain word outside a string) stays unfilled and
 * is listed in `unsafe`.
 */
export function fillPlaceholders(
  text: string,
  labels: Labels,
  mode: FillMode = 'text',
): { text: string; missing: string[]; unsafe: string[] } {
  const missing = new Set<string>();
  const unsafe = new Set<string>();
  const spotAt = mode === 'promql' ? promqlSpots(text) : undefined;
  const filled = text.replace(PLACEHOLDER, (whole, a: string | undefined, b: string | undefined, offset: number) => {
    const name = (a ?? b)!;
    const v = labels[name];
    if (v === undefined) {
      missing.add(name);
      return whole;
    }
    if (!spotAt) return escapeFor(mode, v);
    const safe = escapePromql(v, spotAt(offset));
    if (safe === undefined) unsafe.add(name);
    return safe ?? whole;
  });
  return { text: filled, missing: [...missing], unsafe: [...unsafe] };
}
