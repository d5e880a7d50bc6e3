// The TUI's half of `oncall statusline` and notifications: after every refresh that brought data, the state file
// is rewritten and new active critical incidents are notified. Wraps the alert source, the one place every refresh
// passes, so the worker and the in-process loader are both covered. The notification's escape sequences are
// written here, in the update callback: between two of Ink's frames, never inside one.
import type { StatusPublisher } from '../../backends/status-publisher.js';
import type { AlertSource } from './source.js';

export function publishing(source: AlertSource, publisher: StatusPublisher): AlertSource {
  return {
    start(onUpdate) {
      source.start((u) => {
        // The first picture of a storm (still arriving) is not published: the state file and notifications wait
        // for every incident.
        if (u.data && !u.data.arriving)
          publisher.publish(
            u.data.incidents,
            u.health.map((h) => ({
              name: h.name,
              state: h.state,
              since: h.since,
              ...(h.error ? { error: h.error } : {}),
            })),
          );
        onUpdate(u);
      });
    },
    refresh: () => source.refresh(),
    stop: () => source.stop(),
  };
}
