// Every view and overlay of the app. To add yours: ONE import line, and ONE entry in VIEWS or one registerOverlay line.
import { keymap } from '../keymap.js';
import { GLOBAL_KEYS, setViewOrder } from '../global-keys.js';
import { registry, type ViewDef } from './registry.js';
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
import { handoffView } from './handoff/index.js';
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
  handoffView,
];

let done = false;

/** Registers global keys, views (with a number key each) and overlays; safe to call more than once. */
export function setupRegistry(): void {
  if (done) return;
  done = true;
  keymap.register(GLOBAL_KEYS);
  for (const v of VIEWS) registry.registerView(v);
  registry.registerOverlay(silenceFormOverlay);
  registry.registerOverlay(helpOverlay);
  registry.registerOverlay(detailOverlay);
  registry.registerOverlay(urlPaneOverlay);
  const views = registry.list();
  setViewOrder(views.map((v) => v.id));
  keymap.register(
    views.map((v) => ({
      id: `app.view.${v.id}`,
      keys: [v.key],
      description: `view ${v.title}`,
      scope: 'global',
      run: (app) => app.setView(v.id),
    })),
  );
  // Key layers of text inputs and prompts (the filter line, y/n prompts) are alone while active.
  const known = new Set(['global', ...views.map((v) => v.id), silenceFormOverlay.id, helpOverlay.id, detailOverlay.id]);
  const layers = [...new Set(keymap.all().map((b) => b.scope))].filter((s) => !known.has(s));
  keymap.checkClashes(registry.activeTogether(layers));
}
