// The TUI's half of `oncall statusline` and notifications: after every refresh that brought data, the state file
// is rewritten and new active critical incidents are notified. Wraps the alert source, the one place every refresh
// passes, so the worker and the in-process loader are both covered. The notification's escape sequences are
// written here, in the update callback: between two of Ink's frames, never inside one.
import type { StatusPublisher } from '../../backends/status-publisher.js';
import type { StatusSnapshot } from '../../domain/statusline.js';
import type { Incident } from '../../domain/incidents/types.js';
import { mergeHealth, type BackendHealth } from './health.js';
import type { AlertSource } from './source.js';

function backendsOf(health: readonly BackendHealth[]): StatusSnapshot['backends'] {
  return health.map((h) => ({ name: h.name, state: h.state, since: h.since, ...(h.error ? { error: h.error } : {}) }));
}

export function publishing(source: AlertSource, publisher: StatusPublisher): AlertSource {
  /** What was last written: a backend's health that settles between refreshes is written with the same data. */
  let last: { incidents: readonly Incident[]; health: BackendHealth[]; at: number } | undefined;
  return {
    start(onUpdate) {
      source.start((u) => {
        // The first picture of a storm (still arriving) is not published: the state file and notifications wait
        // for every incident.
        if (u.data && !u.data.arriving) {
          last = { incidents: u.data.incidents, health: u.health, at: Date.now() };
          publisher.publish(last.incidents, backendsOf(last.health), undefined, last.at);
        } else if (u.healthOnly && last) {
          // A late Prometheus: `oncall statusline` says so now, not after the next refresh. The data keep their
          // time (the status line's age), and the incidents notified before are not notified again.
          last = { ...last, health: mergeHealth(last.health, u.health) };
          publisher.publish(last.incidents, backendsOf(last.health), undefined, last.at);
        }
        onUpdate(u);
      });
    },
    refresh: () => source.refresh(),
    stop: () => source.stop(),
  };
}
