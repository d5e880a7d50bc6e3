// The runbook view in the app: the selected incident's runbooks (root first), progress loaded from and saved to
// the per-incident store, checks run against the context's Prometheus. The view's own state and actions are in
// ./state.ts; this hook supplies what it reads and changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOncall, type AppServices } from '../../app-context.js';
import { openUrl } from '../../overlays/open-url.js';
import type { UrlPaneProps } from '../../overlays/url-pane.js';
import { useWebRunbooks } from './web.js';
import { runPromqlCheck, type RunbookLibrary } from '../../../backends/runbooks.js';
import { runbookLibraryFor } from '../../../app/runbooks.js';
import { ProgressStore } from '../../../backends/progress.js';
import { emptyProgress, type IncidentProgress } from '../../../domain/runbook/progress.js';
import { alertsInOrder, runbookEntries } from './entries.js';
import type { RunbookViewProps } from './state.js';

// Folders are read once per context; the progress file is opened once per process.
const libraries = new WeakMap<AppServices, RunbookLibrary>();
function libraryFor(s: AppServices): RunbookLibrary {
  let lib = libraries.get(s);
  if (!lib) {
    lib = runbookLibraryFor(s.context);
    libraries.set(s, lib);
  }
  return lib;
}

let store: ProgressStore | null | undefined;
function progressStore(): ProgressStore | null {
  if (store === undefined) {
    try {
      store = new ProgressStore();
    } catch {
      store = null; // unwritable config folder: progress is kept for this run only
    }
  }
  return store;
}

/**
 * The runbook view's props from the app: the selection's runbooks (root first, web runbooks fetched), its progress
 * from the store (saved as it changes), checks against the context's Prometheus, links opened or shown.
 */
export function useIncidentRunbooks(): {
  props: Omit<RunbookViewProps, 'width' | 'height'>;
  incidentId: string | undefined;
} {
  const app = useOncall();
  const sel = app.selection;
  const incidentId = sel?.incident?.id ?? sel?.alerts[0]?.fingerprint;
  // The selection holds the incident as it was when picked; prefer the latest copy of the same incident.
  const incident = sel?.incident
    ? (app.data?.incidents.find((i) => i.id === sel.incident!.id) ?? sel.incident)
    : undefined;
  const lib = libraryFor(app.services);
  const fingerprints = [
    incident?.alerts.map((a) => a.fingerprint).join(','),
    sel?.alerts.map((a) => a.fingerprint).join(','),
  ].join('|');
  const localEntries = useMemo(
    () => (sel ? runbookEntries(alertsInOrder(incident, sel.alerts), (a) => lib.resolve(a)) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the incident and selection objects change every refresh; their fingerprints say when the runbooks change
    [lib, incidentId, fingerprints],
  );
  const web = useWebRunbooks(localEntries);
  const entries = web.entries;

  const now = () => new Date(app.services.now());
  const [state, setState] = useState<{ id: string | undefined; progress: IncidentProgress }>(() => ({
    id: incidentId,
    progress: incidentId
      ? (progressStore()?.load(incidentId, now()) ?? emptyProgress(incidentId, now()))
      : emptyProgress('', now()),
  }));
  let current = state;
  if (state.id !== incidentId) {
    current = {
      id: incidentId,
      progress: incidentId
        ? (progressStore()?.load(incidentId, now()) ?? emptyProgress(incidentId, now()))
        : emptyProgress('', now()),
    };
    setState(current);
  }
  const loaded = useRef(current.progress);
  useEffect(() => {
    if (!current.id || current.progress === loaded.current) return;
    loaded.current = current.progress;
    try {
      progressStore()?.save(current.progress);
    } catch (e) {
      app.notify(`runbook progress not saved: ${(e as Error).message}`, 'error');
    }
  }, [current.progress, current.id, app]);

  return {
    incidentId,
    props: {
      entries,
      progress: current.progress,
      update: (fn) => setState((s) => ({ ...s, progress: fn(s.progress) })),
      runCheck: (b, labels) => runPromqlCheck(app.services.prometheus(), b, labels, now),
      openUrl,
      showUrl: (url, reason) => app.openOverlay('url', { url, what: 'runbook', reason } satisfies UrlPaneProps),
      webStates: web.states,
      refetch: web.refetch,
      notify: app.notify,
      onBack: () => app.setView('incidents'),
      title: incident?.title,
      now,
    },
  };
}
