import { describe, expect, it } from 'vitest';
import { acceptMemory, emptyMemory, resolvedAlerts, updateMemory } from '../src/domain/memory/memory.js';
import { splitResolved, withinWindow } from '../src/domain/memory/resolved.js';
import type { Incident } from '../src/domain/incidents/types.js';
import type { Alert } from '../src/domain/types.js';

const T0 = Date.parse('2026-12-06T10:00:00Z');
const at = (m: number) => new Date(T0 + m * 60_000);
const alert = (fingerprint: string, startsAt = at(0).toISOString()): Alert => ({
  fingerprint,
  labels: { alertname: fingerprint },
  annotations: {},
  startsAt,
  endsAt: startsAt,
  updatedAt: startsAt,
  generatorURL: '',
  receivers: [],
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
});
const HOUR = 3600_000;

describe('incident memory', () => {
  it('remembers alerts, resolves the ones that leave, and forgets them after keep', () => {
    let m = updateMemory(emptyMemory(), [alert('a'), alert('b')], at(1), HOUR).memory;
    let u = updateMemory(m, [alert('b')], at(2), HOUR);
    expect(u.changed).toBe(true);
    m = u.memory;
    expect(m.alerts.a!.episodes).toEqual([{ startsAt: at(0).toISOString(), resolvedAt: at(2).toISOString() }]);
    expect(resolvedAlerts(m, [alert('b')]).map((a) => [a.fingerprint, a.resolvedAt])).toEqual([
      ['a', at(2).toISOString()],
    ]);
    expect(updateMemory(m, [alert('b')], at(3), HOUR).changed).toBe(false);
    u = updateMemory(m, [alert('b')], at(63), HOUR);
    expect(Object.keys(u.memory.alerts)).toEqual(['b']);
  });

  it('does not resolve what a partial list leaves out', () => {
    const m = updateMemory(emptyMemory(), [alert('a')], at(1), HOUR).memory;
    expect(updateMemory(m, [], at(2), HOUR, false).memory.alerts.a!.episodes[0]!.resolvedAt).toBeNull();
  });

  it('opens a new episode when a resolved alert fires again', () => {
    let m = updateMemory(emptyMemory(), [alert('a')], at(1), HOUR).memory;
    m = updateMemory(m, [], at(2), HOUR).memory;
    m = updateMemory(m, [alert('a', at(5).toISOString())], at(6), HOUR).memory;
    expect(m.alerts.a!.episodes.map((e) => e.resolvedAt)).toEqual([at(2).toISOString(), null]);
    expect(resolvedAlerts(m, [alert('a')])).toEqual([]);
  });

  it('keeps the well-formed records of a file and refuses what is not one', () => {
    expect(acceptMemory([])).toBeUndefined();
    expect(
      acceptMemory({
        alerts: {
          a: { fingerprint: 'a', labels: {}, episodes: [{ startsAt: 'x', resolvedAt: null }] },
          b: { fingerprint: 'c' },
        },
      })!.alerts,
    ).toHaveProperty('a');
    expect(Object.keys(acceptMemory({ alerts: { b: { fingerprint: 'c' } } })!.alerts)).toEqual([]);
  });

  it('lists resolved incidents within the window only, most recent first', () => {
    const inc = (id: string, resolvedAt: string | null) => ({ id, resolvedAt }) as Incident;
    const all = [inc('open', null), inc('old', at(0).toISOString()), inc('new', at(50).toISOString())];
    expect(withinWindow(all, at(60).getTime(), undefined).map((i) => i.id)).toEqual(['open']);
    expect(withinWindow(all, at(60).getTime(), 30 * 60_000).map((i) => i.id)).toEqual(['open', 'new']);
    const s = splitResolved(all);
    expect([s.open.map((i) => i.id), s.resolved.map((i) => i.id)]).toEqual([['open'], ['new', 'old']]);
  });
});
