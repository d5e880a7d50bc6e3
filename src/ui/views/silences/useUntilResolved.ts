// The until-resolved loop inside the TUI: after every refresh of alert data, expire the marked silences whose
// alerts have all stopped firing. Mount once, in the app shell.
import { useEffect, useRef } from 'react';
import { sweepUntilResolved, UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { useOncall } from '../../app-context.js';
import { writerFor } from './actions.js';

export function useUntilResolvedSweep(): void {
  const app = useOncall();
  const busy = useRef(false);
  const generatedAt = app.data?.generatedAt;
  useEffect(() => {
    if (generatedAt === undefined || busy.current || app.services.readOnly) return;
    busy.current = true;
    // Inside an async function so that a failure to build the clients becomes a rejection, never a render error.
    const sweep = async () => {
      const urls = app.services.alertmanagers().members.map((m) => m.http.baseUrl);
      return sweepUntilResolved(writerFor(app.services), new UntilResolvedRegistry(), urls);
    };
    sweep()
      .then((out) => {
        for (const o of out) {
          if (o.error) app.notify(`until-resolved ${o.id.slice(0, 8)}: ${o.error}`, 'error');
          else if (o.decision.action === 'expire')
            app.notify(`expired silence ${o.id.slice(0, 8)}: its alerts resolved`);
        }
      })
      .catch(() => undefined) // the next refresh tries again; backend health is shown by the header
      .finally(() => {
        busy.current = false;
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one sweep per data refresh (generatedAt)
  }, [generatedAt]);
}

/** Renders nothing; runs the until-resolved loop while mounted. */
export function SilenceBackground(): null {
  useUntilResolvedSweep();
  return null;
}
