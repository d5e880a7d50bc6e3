// The alerts view's orders: numeric keys in typed arrays must give exactly the order of a plain comparator on
// the alerts (ties by severity, then start, then list position), and a list sorted ahead is reused.
import { describe, expect, it } from 'vitest';
import { sortAhead, sortAlerts, sortedAlready, SORT_FIELDS, type SortField } from '../src/ui/views/alerts/sort.js';
import { severityOf } from '../src/ui/format.js';
import { alertStateText } from '../src/domain/alert-state.js';
import type { IncidentAlert } from '../src/domain/incidents/types.js';
import type { Layer } from '../src/domain/types.js';

const RANK = { critical: 0, warning: 1, info: 2 } as const;

function reference(alerts: IncidentAlert[], field: SortField, descending: boolean): IncidentAlert[] {
  const key = (a: IncidentAlert): string | number => {
    switch (field) {
      case 'severity':
        return RANK[severityOf(a)];
      case 'age':
        return Date.parse(a.startsAt) || 0;
      case 'alertname':
        return a.labels.alertname ?? '';
      case 'state':
        return alertStateText(a);
      case 'layer':
        return a.layer;
    }
  };
  const dir = descending ? -1 : 1;
  return alerts
    .map((a, i) => ({ a, i, k: key(a), sev: RANK[severityOf(a)], t: Date.parse(a.startsAt) || 0 }))
    .sort((x, y) => (x.k < y.k ? -dir : x.k > y.k ? dir : 0) || x.sev - y.sev || x.t - y.t || x.i - y.i)
    .map((x) => x.a);
}

function storm(n: number): IncidentAlert[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const base = Date.parse('2025-06-01T12:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const suppressed = rnd() < 0.2;
    const severity = pick(['critical', 'warning', 'info', 'page', 'P2', undefined]);
    return {
      fingerprint: `fp${i}`,
      labels: {
        alertname: pick(['GPUMemoryOOM', 'DiskSpaceLow', 'Zeta', 'alpha', 'Ärger', '']),
        ...(severity ? { severity } : {}),
      },
      annotations: {},
      // Few distinct start times, so ties are common; one unparsable start.
      startsAt: i === 3 ? 'not a time' : new Date(base - Math.floor(rnd() * 20) * 60_000).toISOString(),
      endsAt: '',
      updatedAt: '',
      generatorURL: '',
      receivers: [],
      state: suppressed ? 'suppressed' : pick(['active', 'unprocessed'] as const),
      silencedBy: suppressed && rnd() < 0.7 ? ['s'] : [],
      inhibitedBy: suppressed && rnd() < 0.5 ? ['i'] : [],
      layer: pick(['infrastructure', 'service', 'quality', 'unknown'] as Layer[]),
      causedBy: null,
    } as IncidentAlert;
  });
}

describe('sortAlerts', () => {
  const alerts = storm(3000);
  for (const field of SORT_FIELDS) {
    for (const descending of [false, true]) {
      it(`orders by ${field}${descending ? ', reversed' : ''} exactly as the plain comparator`, () => {
        expect(sortAlerts(alerts, { field, descending })).toEqual(reference(alerts, field, descending));
      });
    }
  }

  it('gives the same array again for the same list and order, and a fresh one for a new list', () => {
    const spec = { field: 'age', descending: false } as const;
    const a = sortAlerts(alerts, spec);
    expect(sortAlerts(alerts, spec)).toBe(a);
    const copy = [...alerts];
    const b = sortAlerts(copy, spec);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });

  it('sorting ahead in slices gives the order sorting on demand gives; a cancelled one leaves sorting working', async () => {
    const list = storm(5000);
    const spec = { field: 'severity', descending: true } as const;
    sortAhead(list, spec);
    await new Promise((r) => setTimeout(r, 200));
    const first = sortAlerts(list, spec);
    expect(first).toEqual(reference(list, 'severity', true));
    const other = storm(100);
    sortAhead(other, spec)();
    expect(sortAlerts(other, spec)).toEqual(reference(other, 'severity', true));
  });

  it('sorting ahead spreads 20,000 alerts over many ticks, and its result is the one the view then gets', async () => {
    const list = storm(20000);
    const spec = { field: 'alertname', descending: false } as const;
    sortAhead(list, spec);
    let ticks = 0;
    while (!sortedAlready(list, spec)) {
      await new Promise((r) => setImmediate(r));
      ticks++;
      if (ticks > 10_000) throw new Error('sorting ahead never finished');
    }
    // Slices of 2,000: base keys, runs, and the merges each take several ticks.
    expect(ticks).toBeGreaterThan(20);
    expect(sortAlerts(list, spec)).toEqual(reference(list, 'alertname', false));
  });
});
