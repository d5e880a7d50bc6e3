// Health of one backend as the header shows it: ok, or unreachable since T, with the age of the last good data.
// Pure: the worker and usePoll both feed it results; it never throws.
import { formatAge } from '../../domain/duration.js';

/** The header's names of a context's Alertmanagers: 'am' for one, 'am <host:port>' for each of several. */
export function alertmanagerNames(hosts: string[]): string[] {
  return hosts.length === 1 ? ['am'] : hosts.map((h) => `am ${h}`);
}

/** True for the health line of an Alertmanager (a name alertmanagerNames gives). */
export function isAlertmanagerHealth(name: string): boolean {
  return name === 'am' || (name.startsWith('am ') && !name.endsWith(' silences'));
}

export type HealthState = 'loading' | 'ok' | 'unreachable';

export interface BackendHealth {
  /** Short name shown in the header: 'am', 'am 10.0.0.2:9093', 'prom'. */
  name: string;
  state: HealthState;
  /** When the current state began (ms since epoch). */
  since: number;
  /** When data last arrived successfully. */
  lastOkAt?: number;
  /** One-line reason of the last failure (already free of secrets). */
  error?: string;
}

/** `list` with each of `updates` in place of the entry of the same name (or added). */
export function mergeHealth(list: BackendHealth[], updates: BackendHealth[]): BackendHealth[] {
  const out = [...list];
  for (const h of updates) {
    const i = out.findIndex((x) => x.name === h.name);
    if (i >= 0) out[i] = h;
    else out.push(h);
  }
  return out;
}

export function initialHealth(name: string, now: number): BackendHealth {
  return { name, state: 'loading', since: now };
}

/** Next health after a fetch finished. `since` moves only when the state changes. */
export function nextHealth(
  prev: BackendHealth,
  result: { ok: true } | { ok: false; error: string },
  now: number,
): BackendHealth {
  if (result.ok) {
    return { name: prev.name, state: 'ok', since: prev.state === 'ok' ? prev.since : now, lastOkAt: now };
  }
  return {
    name: prev.name,
    state: 'unreachable',
    since: prev.state === 'unreachable' ? prev.since : now,
    lastOkAt: prev.lastOkAt,
    error: result.error,
  };
}

/** `am: ok 3s`, `prom: unreachable 2m (last good data 2m old)`, `am: loading`. */
export function describeHealth(h: BackendHealth, now: number): string {
  // Not a backend: the Watchdog alert, the alerting pipeline's heartbeat, present or not.
  if (h.name === 'watchdog')
    return h.state === 'ok'
      ? 'watchdog ok'
      : h.state === 'loading'
        ? 'watchdog: loading'
        : `watchdog missing ${formatAge(now - h.since)}`;
  if (h.state === 'loading') return `${h.name}: loading`;
  if (h.state === 'ok') return `${h.name}: ok ${formatAge(now - (h.lastOkAt ?? h.since))}`;
  const last = h.lastOkAt === undefined ? 'no data yet' : `last good data ${formatAge(now - h.lastOkAt)} old`;
  return `${h.name}: unreachable ${formatAge(now - h.since)} (${last})`;
}
