// The TUI's half of `oncall statusline` and notifications: after every refresh that brought data, the state file
// is rewritten and new active critical incidents are notified; a refresh that reached no Alertmanager, and a
// backend's health that settles between refreshes (a late Prometheus), rewrite only its backends. Wraps the alert
// source, the one place every refresh passes, so the worker and the in-process loader are both covered. The
// notification's escape sequences are written in a task of their own, outside React's render and Ink's frame
// writes (both synchronous): between two of Ink's frames, never inside one.
import type { StatusPublisher } from '../../backends/status-publisher.js';
import type { StatusBackend } from '../../domain/statusline.js';
import { isAlertmanagerHealth, mergeHealth, type BackendHealth } from './health.js';
import type { AlertSource } from './source.js';

function backendsOf(health: readonly BackendHealth[]): StatusBackend[] {
  return health.map((h) => {
    const kind = isAlertmanagerHealth(h.name) ? 'alertmanager' : h.name === 'prom' ? 'prometheus' : undefined;
    return {
      name: h.name,
      ...(kind ? { kind } : {}),
      state: h.state,
      since: h.since,
      ...(h.error ? { error: h.error } : {}),
    };
  });
}

export function publishing(source: AlertSource, publisher: StatusPublisher): AlertSource {
  /** Every backend's health as last written: an update between refreshes holds only those that changed. */
  let health: BackendHealth[] = [];
  return {
    start(onUpdate) {
      source.start((u) => {
        health = u.healthOnly ? mergeHealth(health, u.health) : u.health;
        const now = health;
        onUpdate(u);
        // In a turn of its own, after the UI has the data: counting 20,000 incidents and writing the file took
        // 10-30 ms, which in the same turn made the refresh's longest stall (keys and timers wait behind it).
        // The first picture of a storm (still arriving) is not published: the state file and notifications wait
        // for every incident.
        const data = u.data;
        if (data && !data.arriving) setImmediate(() => publisher.publish(data.incidents, backendsOf(now)));
        else if (!data) setImmediate(() => publisher.health(backendsOf(now)));
      });
    },
    refresh: () => source.refresh(),
    stop: () => source.stop(),
  };
}
