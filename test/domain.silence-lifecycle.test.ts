import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../src/domain/matchers.js';
import { DurationError } from '../src/domain/duration.js';
import { parseRfc3339, requireAuthor, requireComment, resolveWindow } from '../src/domain/silence/window.js';
import { OncallError } from '../src/domain/errors.js';
import { findIdentical, isIdentical, sameMatchers } from '../src/domain/silence/identical.js';
import { ackComment, ackSpec } from '../src/domain/silence/ack.js';
import { decideUntilResolved } from '../src/domain/silence/until-resolved.js';
import { expiringSoon, firingCounts } from '../src/domain/silence/expiring.js';
import { timeLeft, visibleSilences } from '../src/domain/silence/listing.js';
import type { Alert, Silence } from '../src/domain/types.js';
import type { SilenceSpec } from '../src/domain/silence/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
function alert(labels: Record<string, string>): Alert {
  return {
    fingerprint: Object.values(labels).join('/'),
    labels,
    annotations: {},
    startsAt: iso(NOW - 60_000),
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: [],
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
  };
}
function silence(over: Partial<Silence> & { m?: string } = {}): Silence {
  const { m = 'alertname="A"', ...rest } = over;
  return {
    id: 'id1',
    matchers: parseMatchers(m),
    startsAt: iso(NOW - 3600_000),
    endsAt: iso(NOW + 3600_000),
    updatedAt: iso(NOW - 3600_000),
    createdBy: 'ana',
    comment: 'work',
    status: 'active',
    ...rest,
  };
}

describe('resolveWindow', () => {
  it('starts now and lasts the duration', () => {
    expect(resolveWindow({ duration: '90m' }, NOW)).toEqual({
      startsAt: iso(NOW),
      endsAt: iso(NOW + 90 * 60_000),
      pending: false,
    });
  });
  it('defaults to an hour, like amtool', () => {
    expect(resolveWindow({}, NOW).endsAt).toBe(iso(NOW + 3600_000));
  });
  it('plans a future window from --start', () => {
    const w = resolveWindow({ start: '2025-06-01T22:00:00Z', duration: '1d2h' }, NOW);
    expect(w).toEqual({ startsAt: '2025-06-01T22:00:00.000Z', endsAt: '2025-06-03T00:00:00.000Z', pending: true });
  });
  it('takes an end time with an offset', () => {
    expect(resolveWindow({ end: '2025-06-01T15:30:00+02:00' }, NOW).endsAt).toBe('2025-06-01T13:30:00.000Z');
  });
  it('refuses a zero duration as amtool does', () => {
    expect(() => resolveWindow({ duration: '0' }, NOW)).toThrow(/must be greater than 0/);
    expect(() => resolveWindow({ duration: '0s' }, NOW)).toThrow(OncallError);
  });
  it('reports a malformed duration', () => {
    expect(() => resolveWindow({ duration: '2 hours' }, NOW)).toThrow(DurationError);
    expect(() => resolveWindow({ duration: '90' }, NOW)).toThrow(/needs a unit/);
  });
  it('refuses start after end, an end in the past, and both --duration and --end', () => {
    expect(() => resolveWindow({ start: '2025-06-02T00:00:00Z', end: '2025-06-01T23:00:00Z' }, NOW)).toThrow(
      /start time must be before end time/,
    );
    expect(() => resolveWindow({ end: '2025-06-01T11:00:00Z' }, NOW)).toThrow(/in the past/);
    expect(() => resolveWindow({ duration: '1h', end: '2025-06-01T13:00:00Z' }, NOW)).toThrow(/not both/);
  });
  it('refuses times that are not RFC 3339 or not real', () => {
    expect(() => parseRfc3339('tomorrow', 'start time')).toThrow(/start time: "tomorrow" is not an RFC 3339 time/);
    expect(() => parseRfc3339('2025-06-01T22:00:00', 'end time')).toThrow(/RFC 3339/);
    expect(() => parseRfc3339('2025-02-30T10:00:00Z', 'end time')).toThrow(/not a real date/);
    expect(parseRfc3339('2025-06-01T22:00:00.5Z', 'x')).toBe(Date.parse('2025-06-01T22:00:00.500Z'));
  });
  it('requires a comment and an author', () => {
    expect(() => requireComment('  ')).toThrow(/comment is required/);
    expect(requireComment(' fixing ')).toBe('fixing');
    expect(() => requireAuthor(undefined)).toThrow(/--author/);
  });
});

describe('identical silences', () => {
  const spec: SilenceSpec = {
    matchers: parseMatchers('b="2", a="1"'),
    startsAt: iso(NOW),
    endsAt: iso(NOW + 3600_000),
    createdBy: 'ana',
    comment: 'work',
  };
  const same = silence({ m: 'a="1", b="2"', startsAt: iso(NOW + 400), endsAt: iso(NOW + 3600_000) });
  it('ignores matcher order and a moved start', () => {
    expect(sameMatchers(parseMatchers('a="1",b="2"'), parseMatchers('b="2",a="1"'))).toBe(true);
    expect(isIdentical(same, spec, NOW, 1000)).toBe(true);
  });
  it('differs in matcher type, comment, author, end, or when expired', () => {
    expect(isIdentical({ ...same, matchers: parseMatchers('a=~"1", b="2"') }, spec, NOW, 1000)).toBe(false);
    expect(isIdentical({ ...same, comment: 'other' }, spec, NOW, 1000)).toBe(false);
    expect(isIdentical({ ...same, createdBy: 'bo' }, spec, NOW, 1000)).toBe(false);
    expect(isIdentical({ ...same, endsAt: iso(NOW + 7200_000) }, spec, NOW, 1000)).toBe(false);
    expect(isIdentical({ ...same, status: 'expired' }, spec, NOW, 1000)).toBe(false);
  });
  it('compares start times of planned windows', () => {
    const planned = { ...spec, startsAt: iso(NOW + 86400_000), endsAt: iso(NOW + 90000_000) };
    expect(
      isIdentical(
        { ...same, status: 'pending', startsAt: planned.startsAt, endsAt: planned.endsAt },
        planned,
        NOW,
        1000,
      ),
    ).toBe(true);
    expect(
      isIdentical(
        { ...same, status: 'pending', startsAt: iso(NOW + 3 * 86400_000), endsAt: planned.endsAt },
        planned,
        NOW,
        1000,
      ),
    ).toBe(false);
  });
  it('finds one among several', () => {
    expect(findIdentical([silence({ id: 'x', comment: 'no' }), { ...same, id: 'y' }], spec, NOW, 1000)?.id).toBe('y');
  });
});

describe('ack', () => {
  it('silences for the ack duration with "ack by <author>"', () => {
    const s = ackSpec(parseMatchers('alertname="A"'), 'ana', '15m', NOW);
    expect(s).toMatchObject({
      startsAt: iso(NOW),
      endsAt: iso(NOW + 15 * 60_000),
      createdBy: 'ana',
      comment: ackComment('ana'),
    });
    expect(s.comment).toBe('ack by ana');
    expect(ackSpec([], 'ana', undefined, NOW).endsAt).toBe(iso(NOW + 15 * 60_000));
  });
});

describe('until resolved', () => {
  const firing = [alert({ alertname: 'A', instance: '1' })];
  it('keeps the silence while a matching alert fires', () => {
    expect(decideUntilResolved({ silence: silence(), firing, complete: true })).toMatchObject({
      action: 'keep',
      firing: 1,
    });
  });
  it('expires it once none fires', () => {
    expect(
      decideUntilResolved({ silence: silence(), firing: [alert({ alertname: 'B' })], complete: true }).action,
    ).toBe('expire');
  });
  it('waits when an Alertmanager did not answer', () => {
    expect(decideUntilResolved({ silence: silence(), firing: [], complete: false }).action).toBe('keep');
  });
  it('waits for a pending silence and forgets an expired or unknown one', () => {
    expect(decideUntilResolved({ silence: silence({ status: 'pending' }), firing: [], complete: true }).action).toBe(
      'keep',
    );
    expect(decideUntilResolved({ silence: silence({ status: 'expired' }), firing, complete: true }).action).toBe(
      'forget',
    );
    expect(decideUntilResolved({ silence: undefined, firing, complete: true }).action).toBe('forget');
  });
});

describe('expiring soon', () => {
  const firing = [alert({ alertname: 'A' }), alert({ alertname: 'A', x: '1' })];
  it('flags my silences ending within 10 minutes while their alerts fire', () => {
    const soon = silence({ id: 's', endsAt: iso(NOW + 5 * 60_000) });
    const later = silence({ id: 'l', endsAt: iso(NOW + 30 * 60_000) });
    const idle = silence({ id: 'i', m: 'alertname="Z"', endsAt: iso(NOW + 60_000) });
    const others = silence({ id: 'o', createdBy: 'bo', endsAt: iso(NOW + 60_000) });
    const r = expiringSoon([later, idle, others, soon], firing, 'ana', NOW);
    expect(r.map((e) => [e.silence.id, e.firing, e.leftMs])).toEqual([['s', 2, 5 * 60_000]]);
  });
  it('counts firing alerts per silence', () => {
    expect(firingCounts([silence({ id: 'a' }), silence({ id: 'b', m: 'x="1"' })], firing)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });
});

describe('listing', () => {
  it('shows active then pending, and recently expired only on request', () => {
    const list = [
      silence({ id: 'old', status: 'expired', endsAt: iso(NOW - 48 * 3600_000) }),
      silence({ id: 'exp', status: 'expired', endsAt: iso(NOW - 3600_000) }),
      silence({ id: 'pend', status: 'pending', startsAt: iso(NOW + 3600_000) }),
      silence({ id: 'act2', endsAt: iso(NOW + 7200_000) }),
      silence({ id: 'act1', endsAt: iso(NOW + 600_000) }),
    ];
    expect(visibleSilences(list, NOW, false).map((s) => s.id)).toEqual(['act1', 'act2', 'pend']);
    expect(visibleSilences(list, NOW, true).map((s) => s.id)).toEqual(['act1', 'act2', 'pend', 'exp']);
    expect(timeLeft(list[2]!, NOW, (ms) => `${ms / 60_000}m`)).toBe('starts in 60m');
  });
});
