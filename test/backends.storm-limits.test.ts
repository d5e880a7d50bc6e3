// What a storm must not cost: incident memory is set aside above MEMORY_MAX_ALERTS firing alerts (reading and
// writing every alert's episodes each refresh would stall the refreshes), and thousands of new critical incidents
// give a few notifications and one that counts the rest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IncidentMemoryStore, MEMORY_MAX_ALERTS } from '../src/backends/incident-memory.js';
import { MAX_NOTIFICATIONS, StatusPublisher } from '../src/backends/status-publisher.js';
import { groupIncidents } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import type { Alert } from '../src/domain/types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-storm-limits-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const alert = (i: number, severity = 'warning'): Alert => ({
  fingerprint: i.toString(16).padStart(16, '0'),
  labels: { alertname: `Unrelated${i}`, instance: `host-${i}`, severity },
  annotations: {},
  startsAt: '2026-12-06T10:00:00.000Z',
  endsAt: '2026-12-06T11:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
  generatorURL: '',
  receivers: [],
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
});

describe('in a storm', () => {
  it('incident memory is set aside above its limit, with one warning, and resumes below it', () => {
    const store = new IncidentMemoryStore('storm', dir);
    const warnings: string[] = [];
    const storm = Array.from({ length: MEMORY_MAX_ALERTS + 1 }, (_, i) => alert(i));
    const now = new Date('2026-12-06T10:05:00Z');
    expect(store.observe(storm, now, 3600_000, true, (w) => warnings.push(w))).toEqual({ alerts: {} });
    expect(store.observe(storm, now, 3600_000, true, (w) => warnings.push(w))).toEqual({ alerts: {} });
    expect(fs.existsSync(store.file)).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`more than ${MEMORY_MAX_ALERTS} alerts fire`);
    const calm = storm.slice(0, 10);
    expect(Object.keys(store.observe(calm, now, 3600_000, true, (w) => warnings.push(w)).alerts)).toHaveLength(10);
    expect(fs.existsSync(store.file)).toBe(true);
  });

  it('thousands of new critical incidents give a few notifications and one that counts the rest', () => {
    const incidents = groupIncidents(
      Array.from({ length: 2000 }, (_, i) => alert(i, 'critical')),
      groupingOptions(),
    );
    const written: string[] = [];
    const lines: string[] = [];
    const publisher = new StatusPublisher({
      context: 'storm',
      writer: 'watch',
      notify: { terminal: true, desktop: false },
      writeTerminal: (s) => written.push(s),
      dir,
      log: (l) => lines.push(l),
    });
    const first = publisher.publish(incidents, []);
    expect(first.notified).toHaveLength(2000);
    expect(written).toHaveLength(MAX_NOTIFICATIONS + 1);
    expect(lines.filter((l) => l.startsWith('notified '))).toHaveLength(MAX_NOTIFICATIONS + 1);
    expect(written.at(-1)).toContain(`and ${2000 - MAX_NOTIFICATIONS} more new critical incidents`);
    // Nothing new: nothing notified again.
    publisher.publish(incidents, []);
    expect(written).toHaveLength(MAX_NOTIFICATIONS + 1);
  });
});
