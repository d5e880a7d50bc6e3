// When incident memory last read a complete list (seenAt): moved on at most once a minute for an unchanged list,
// kept by a partial list, read back from the file, and for a file without it, dated by the file's change time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentMemoryStore } from '../src/backends/incident-memory.js';
import { rememberedFiring } from '../src/domain/memory/memory.js';
import type { Alert } from '../src/domain/types.js';

const T0 = Date.parse('2026-12-06T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);
const alert = (fingerprint: string): Alert => ({
  fingerprint,
  labels: { alertname: fingerprint },
  annotations: {},
  startsAt: at(0).toISOString(),
  endsAt: '',
  updatedAt: at(0).toISOString(),
  generatorURL: '',
  receivers: [],
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
});
const KEEP = 3600_000;

describe('incident memory: when it last saw the whole list', () => {
  it('moves seenAt on at most once a minute, not for a partial list, and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-seen-'));
    const store = new IncidentMemoryStore('c', dir);
    const firing = [alert('a'), alert('b')];
    expect(store.observe(firing, at(0), KEEP, true).seenAt).toBe(at(0).toISOString());
    expect(store.observe(firing, at(30), KEEP, true).seenAt).toBe(at(0).toISOString());
    expect(store.observe(firing, at(61), KEEP, true).seenAt).toBe(at(61).toISOString());
    // A partial list says nothing about what fired then.
    expect(store.observe([alert('a')], at(200), KEEP, false).seenAt).toBe(at(61).toISOString());
    const fresh = new IncidentMemoryStore('c', dir).readWithAge();
    expect(fresh.asOf).toBe(at(61).toISOString());
    expect(
      rememberedFiring(fresh.memory)
        .map((a) => a.fingerprint)
        .sort(),
    ).toEqual(['a', 'b']);

    // A file written before seenAt was kept: dated by its change time.
    const old = new IncidentMemoryStore('old', dir);
    const { seenAt: _drop, ...noSeen } = store.read();
    fs.mkdirSync(path.dirname(old.file), { recursive: true });
    fs.writeFileSync(old.file, JSON.stringify(noSeen));
    fs.utimesSync(old.file, at(5), at(5));
    expect(old.readWithAge().asOf).toBe(at(5).toISOString());
    expect(new IncidentMemoryStore('none', dir).readWithAge().asOf).toBeNull();
  });
});
