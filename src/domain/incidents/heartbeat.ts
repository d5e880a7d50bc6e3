// The alerting pipeline's own alerts, kept out of the incident list: Watchdog always fires (a dead man's switch:
// its absence is the news) and InfoInhibitor only serves Alertmanager's inhibition of info alerts. Grouping never
// joins them to anything (index-alerts.ts, NEVER_JOINS), so each is an incident of its own.
import type { Incident } from './types.js';

export const WATCHDOG = 'Watchdog';
export const INFO_INHIBITOR = 'InfoInhibitor';

/** The incidents to show (without Watchdog and InfoInhibitor), and whether a Watchdog fires. */
export function splitHeartbeat(incidents: readonly Incident[]): { shown: Incident[]; watchdog: boolean } {
  // A plain loop: a storm's 20,000 incidents, on the way to the first picture.
  let watchdog = false;
  const shown: Incident[] = [];
  for (let i = 0; i < incidents.length; i++) {
    const inc = incidents[i]!;
    if (inc.alerts.length === 1) {
      const name = inc.alerts[0]!.labels.alertname;
      // Silenced or not, a firing Watchdog says the pipeline works.
      if (name === WATCHDOG) watchdog = true;
      if (name === WATCHDOG || name === INFO_INHIBITOR) continue;
    }
    shown.push(inc);
  }
  return { shown, watchdog };
}
