// Copies of one logical silence on independent clusters: recognised by content, folded into one row only when
// they come from different places.
import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../src/domain/matchers.js';
import { findSibling, isSibling, logicalSilences } from '../src/domain/silence/siblings.js';
import type { Silence } from '../src/domain/types.js';

const T = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
function s(id: string, over: Partial<Silence> = {}): Silence {
  return {
    id,
    matchers: parseMatchers('alertname="X", cluster="a"'),
    startsAt: iso(T),
    endsAt: iso(T + 3600_000),
    updatedAt: '',
    createdBy: 'ana',
    comment: 'drain',
    status: 'active',
    ...over,
  };
}

describe('sibling silences', () => {
  it('are the same request: matchers in any order, same author, comment and end, starts close together', () => {
    expect(
      isSibling(s('a'), s('b', { matchers: parseMatchers('cluster="a", alertname="X"'), startsAt: iso(T + 4000) })),
    ).toBe(true);
    expect(isSibling(s('a'), s('a'))).toBe(false);
    expect(isSibling(s('a'), s('b', { comment: 'other' }))).toBe(false);
    expect(isSibling(s('a'), s('b', { createdBy: 'bo' }))).toBe(false);
    expect(isSibling(s('a'), s('b', { endsAt: iso(T + 3605_000) }))).toBe(false);
    expect(isSibling(s('a'), s('b', { startsAt: iso(T - 3600_000) }))).toBe(false);
    expect(isSibling(s('a'), s('b', { matchers: parseMatchers('alertname="X"') }))).toBe(false);
  });

  it('prefer a live copy, then the closest start', () => {
    const others = [
      s('old', { status: 'expired' }),
      s('far', { startsAt: iso(T + 600_000) }),
      s('near', { startsAt: iso(T + 1000) }),
    ];
    expect(findSibling(s('a'), others)?.id).toBe('near');
    expect(findSibling(s('a'), [s('old', { status: 'expired' })])?.id).toBe('old');
    expect(findSibling(s('a'), [s('x', { comment: 'no' })])).toBeUndefined();
  });

  it('fold into one logical silence across places, never two copies from the same place', () => {
    const where: Record<string, string[]> = { a: ['am-x'], b: ['am-y'], c: ['am-x'], d: ['am-z'] };
    const groups = logicalSilences([s('a'), s('b'), s('c'), s('d', { comment: 'other' })], (x) => where[x.id]!);
    expect(groups.map((g) => g.copies.map((c) => c.id))).toEqual([['a', 'b'], ['c'], ['d']]);
  });
});
