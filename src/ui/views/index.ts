// Every view and overlay of the app. To add yours: ONE import line and ONE entry in VIEWS or OVERLAYS.
import { keymap } from '../keymap.js';
import { GLOBAL_KEYS, setViewOrder } from '../global-keys.js';
import { registry, type OverlayDef, type ViewDef } from './registry.js';
// -- views --
import { incidentsView } from './incidents/index.js';
import { alertsView } from './alerts/index.js';
import { sloView } from './slo/index.js';
import { gpuView } from './gpu/index.js';
import { qualityView } from './quality/index.js';
import { silencesView } from './silences/index.js';
import { runbookView } from './runbook/index.js';
import { reviewView } from './review/index.js';
import { rulesView } from './rules/index.js';
// -- overlays --
import { silenceFormOverlay } from './silence-form/index.js';
import { helpOverlay } from '../overlays/HelpOverlay.js';
import { detailOverlay } from '../overlays/DetailPane.js';
import { urlPaneOverlay } from '../overlays/url-pane.js';

export const VIEWS: ViewDef[] = [
  incidentsView,
  alertsView,
  sloView,
  gpuView,
  qualityView,
  silencesView,
  runbookView,
  reviewView,
  rulesView,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const OVERLAYS: OverlayDef<any>[] = [
  silenceFormOverlay,
  helpOverlay,
  detailOverlay,
  urlPaneOverlay,
];

let done = false;

/** Registers global keys, views (with a number key each) and overlays; safe to call more than once. */
export function setupRegistry(): void {
  if (done) return;
  done = true;
  keymap.register(GLOBAL_KEYS);
  for (const v of VIEWS) registry.registerView(v);
  for (const o of OVERLAYS) registry.registerOverlay(o);
  const views = registry.list();
  setViewOrder(views.map((v) => v.id));
  keymap.register(views.map((v) => ({
    id: `app.view.${v.id}`,
    keys: [v.key],
    description: `view ${v.title}`,
    scope: 'global',
    run: (app) => app.setView(v.id),
  })));
}
