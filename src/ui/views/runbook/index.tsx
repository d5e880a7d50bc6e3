// The runbook view in the app: the selected incident's runbooks (root first), progress loaded from and saved to
// the per-incident store, checks run against the context's Prometheus. `b` in Incidents or Alerts opens it
// (selectionActions, ../extensions.ts). Every key that acts here is declared below: the view's (step movement and
// paging keep the ids of the list keys, nav.*, described as what they do in a runbook) and those of the note being
// typed, a layer of its own.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOncall, type AppServices } from '../../app-context.js';
import type { ViewDef, ViewProps } from '../registry.js';
import { openUrl } from '../../overlays/open-url.js';
import type { UrlPaneProps } from '../../overlays/url-pane.js';
import { useWebRunbooks } from './web.js';
import { runPromqlCheck, type RunbookLibrary } from '../../../backends/runbooks.js';
import { runbookLibraryFor } from '../../../app/runbooks.js';
import { ProgressStore } from '../../../backends/progress.js';
import { emptyProgress, type IncidentProgress } from '../../../domain/runbook/progress.js';
import { RunbookView } from './RunbookView.js';
import { alertsInOrder, runbookEntries } from './entries.js';
import { keymap, type KeyBinding } from '../../keymap.js';

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

function RunbookScreen({ width, height }: ViewProps) {
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

  return (
    <RunbookView
      entries={entries}
      progress={current.progress}
      update={(fn) => setState((s) => ({ ...s, progress: fn(s.progress) }))}
      runCheck={(b, labels) => runPromqlCheck(app.services.prometheus(), b, labels, now)}
      openUrl={openUrl}
      showUrl={(url, reason) => app.openOverlay('url', { url, what: 'runbook', reason } satisfies UrlPaneProps)}
      webStates={web.states}
      refetch={web.refetch}
      notify={app.notify}
      onBack={() => app.setView('incidents')}
      width={width}
      height={height}
      title={incident?.title}
      now={now}
      key={incidentId ?? 'none'}
    />
  );
}

const RUNBOOK_KEYS: Omit<KeyBinding, 'scope'>[] = [
  { id: 'nav.down', keys: ['j', 'down'], description: 'next step' },
  { id: 'nav.up', keys: ['k', 'up'], description: 'previous step' },
  { id: 'nav.top', keys: ['g', 'home'], description: 'first step' },
  { id: 'nav.bottom', keys: ['G', 'end'], description: 'last step' },
  { id: 'nav.pageDown', keys: ['pagedown', 'ctrl+d'], description: 'scroll a page down' },
  { id: 'nav.pageUp', keys: ['pageup', 'ctrl+u'], description: 'scroll a page up' },
  { id: 'nav.open', keys: ['enter'], description: "run the step's PromQL checks", footer: 'check' },
  { id: 'runbook.done', keys: ['x', 'space'], footer: 'done', description: 'mark the step done (again: pending)' },
  { id: 'runbook.skip', keys: ['s'], footer: 'skip', description: 'mark the step skipped (again: pending)' },
  { id: 'runbook.note', keys: ['n'], footer: 'note', description: 'add or edit a short note on the step' },
  { id: 'runbook.check', keys: ['c'], description: "run the step's PromQL checks again" },
  { id: 'runbook.next', keys: [']'], footer: 'next runbook', description: 'next runbook of the incident (symptoms)' },
  { id: 'runbook.prev', keys: ['['], description: 'previous runbook of the incident (root first)' },
  { id: 'runbook.scrollDown', keys: ['J'], description: 'scroll down a line' },
  { id: 'runbook.scrollUp', keys: ['K'], description: 'scroll up a line' },
  {
    id: 'runbook.open',
    keys: ['o'],
    description:
      "open the step's link or the web runbook in the browser, or show it where none can open (http/https only)",
  },
  { id: 'runbook.refetch', keys: ['R'], description: 'fetch the web runbooks anew, past the cache' },
];

export const runbookView: ViewDef = { id: 'runbook', component: RunbookScreen, keys: RUNBOOK_KEYS };

/** The note's keys; everything else typed while it is open is its text. */
export const RUNBOOK_NOTE_KEYS: KeyBinding[] = [
  { id: 'runbook-note.save', keys: ['enter'], description: 'save the note on the step' },
  { id: 'runbook-note.cancel', keys: ['esc'], description: 'close the note, unsaved' },
  { id: 'runbook-note.erase', keys: ['backspace', 'delete'], description: 'erase a character of the note' },
].map((b) => ({ ...b, scope: 'runbook-note' }));

keymap.register(RUNBOOK_NOTE_KEYS);
