import { describe, expect, it } from 'vitest';
import { DurationError, durationFlag, formatAge, formatDuration, parseDuration } from '../src/domain/duration.js';
import { OncallError } from '../src/domain/errors.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

function reason(input: string): string {
  try {
    parseDuration(input);
  } catch (e) {
    if (e instanceof DurationError) return e.message;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseDuration', () => {
  it('reads single units and combinations, largest first', () => {
    expect(parseDuration('90m')).toBe(90 * M);
    expect(parseDuration('1d2h')).toBe(D + 2 * H);
    expect(parseDuration('1h30m')).toBe(90 * M);
    expect(parseDuration('2w')).toBe(14 * D);
    expect(parseDuration('1y')).toBe(365 * D);
    expect(parseDuration('1m30s500ms')).toBe(90 * S + 500);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(' 15s ')).toBe(15 * S);
  });

  it('reads 0 and 0s as zero', () => {
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('0s')).toBe(0);
  });

  it('rejects units out of order or repeated', () => {
    expect(reason('30m1h')).toContain('largest to smallest');
    expect(reason('1h1h')).toContain('largest to smallest');
  });

  it('rejects unknown units, missing units, fractions, negatives and empty input', () => {
    expect(reason('5x')).toContain('unknown unit "x"');
    expect(reason('1h5M')).toContain('unknown unit "M"');
    expect(reason('15')).toContain('needs a unit');
    expect(reason('1.5h')).toContain('fractions');
    expect(reason('-5m')).toContain('negative');
    expect(reason('')).toContain('empty');
    expect(reason('soon')).toContain('a number and a unit');
    expect(reason('99999999999999999999y')).toContain('too large');
    expect(reason('5x')).toMatch(/^invalid duration "5x": /);
  });
});

describe('formatDuration', () => {
  it('uses the largest unit and the next one', () => {
    expect(formatDuration(90 * M)).toBe('1h30m');
    expect(formatDuration(D + 2 * H + 5 * M)).toBe('1d2h');
    expect(formatDuration(D + 5 * M)).toBe('1d');
    expect(formatDuration(45 * S)).toBe('45s');
    expect(formatDuration(61 * S)).toBe('1m1s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(-2 * H)).toBe('-2h');
    expect(formatDuration(Infinity)).toBe('∞');
  });

  it('gives text that parseDuration reads back', () => {
    for (const ms of [0, 999, S, 59 * S, 90 * M, 3 * D, D + H, 7 * D + 23 * H]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});

describe('formatAge', () => {
  it('shows one unit, rounded down, never negative', () => {
    expect(formatAge(5 * S)).toBe('5s');
    expect(formatAge(119 * S)).toBe('1m');
    expect(formatAge(3 * H + 59 * M)).toBe('3h');
    expect(formatAge(3 * D)).toBe('3d');
    expect(formatAge(-5 * S)).toBe('0s');
  });
});

describe('durationFlag', () => {
  const usage = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(OncallError);
      expect((e as OncallError).kind).toBe('usage');
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('reads a duration given by flag', () => {
    expect(durationFlag('--since', '1d2h', '12h')).toBe(D + 2 * H);
    expect(durationFlag('--interval', '1s', '15s', S)).toBe(S);
  });

  it('names the flag when the text is not a duration', () => {
    expect(usage(() => durationFlag('--timeout', '5', '5s'))).toBe(
      '--timeout: invalid duration "5": a number needs a unit (ms, s, m, h, d, w, y)',
    );
  });

  it('refuses zero, or less than the least it allows, with an example', () => {
    expect(usage(() => durationFlag('--since', '0', '12h'))).toBe('--since must be greater than 0, e.g. 12h');
    expect(usage(() => durationFlag('--interval', '500ms', '15s', S))).toBe('--interval must be at least 1s, e.g. 15s');
  });
});
