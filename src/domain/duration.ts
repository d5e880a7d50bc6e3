// Durations in Prometheus/amtool syntax: units y w d h m s ms, largest first, e.g. 90m, 1d2h, 1h30m.

import { OncallError } from './errors.js';

export class DurationError extends OncallError {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super('usage', `invalid duration ${JSON.stringify(input)}: ${reason}`);
    this.name = 'DurationError';
  }
}

const UNITS: [string, number][] = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds in `input`. "0" is zero; an empty string or unknown unit is an error. */
export function parseDuration(input: string): number {
  const s = input.trim();
  if (s === '0') return 0;
  if (!s) throw new DurationError(input, 'empty (use e.g. 15m, 2h, 1d2h)');
  const m = RE.exec(s);
  if (!m) {
    const unknown = [...s.matchAll(/\d+([a-zA-Zµ]+)/g)].map((x) => x[1]!).find((u) => !UNITS.some(([k]) => k === u));
    const why = /^\d+$/.test(s)
      ? 'a number needs a unit (ms, s, m, h, d, w, y)'
      : s.startsWith('-')
        ? 'must not be negative'
        : /\d[.,]\d/.test(s)
          ? 'fractions are not allowed (write 1h30m, not 1.5h)'
          : unknown
            ? `unknown unit ${JSON.stringify(unknown)} (use ms, s, m, h, d, w, y)`
            : /^\d/.test(s)
              ? 'expected units from largest to smallest, each once, e.g. 1d2h or 90m'
              : 'expected a number and a unit, e.g. 15m, 2h or 1d2h';
    throw new DurationError(input, why);
  }
  let ms = 0;
  UNITS.forEach(([, mult], i) => {
    const v = m[i + 1];
    if (v) ms += Number(v) * mult;
  });
  if (!Number.isSafeInteger(ms)) throw new DurationError(input, 'too large');
  return ms;
}

/** Compact human form: 1d2h, 45m, 30s: the largest unit and the next one, rounded down; parseDuration reads it. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const neg = ms < 0;
  let left = Math.abs(Math.round(ms));
  if (left < 1000) return `${neg ? '-' : ''}${left}ms`;
  const units = UNITS.filter(([u]) => u === 'd' || u === 'h' || u === 'm' || u === 's');
  const first = units.findIndex(([, mult]) => left >= mult);
  const parts: string[] = [];
  for (const [u, mult] of units.slice(first, first + 2)) {
    const n = Math.floor(left / mult);
    if (n > 0) parts.push(`${n}${u}`);
    left -= n * mult;
  }
  return (neg ? '-' : '') + parts.join('');
}

/** "3s", "2m", "1h" — one unit, for data ages and alert ages. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/**
 * A duration given by flag (`--timeout 5s`, `--since 12h`) in milliseconds; a usage error naming the flag when it
 * does not parse or is below `minMs` (by default it must be greater than 0). `example` goes into the message.
 */
export function durationFlag(flag: string, text: string, example: string, minMs = 1): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (e) {
    if (e instanceof DurationError) throw new OncallError('usage', `${flag}: ${e.message}`);
    throw e;
  }
  if (ms < minMs)
    throw new OncallError(
      'usage',
      minMs <= 1
        ? `${flag} must be greater than 0, e.g. ${example}`
        : `${flag} must be at least ${formatDuration(minMs)}, e.g. ${example}`,
    );
  return ms;
}
