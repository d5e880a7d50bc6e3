// The handoff's runbooks in progress: for each incident still open or worked on during the window, each runbook
// someone followed, with the steps done and skipped, the notes, and the checks that failed. Pure: the saved
// progress (src/backends/progress.ts) and the runbooks' steps come in.
import { alertLabelsOf, type IncidentProgress, type StepRecord } from '../runbook/progress.js';
import { fillPlaceholders } from '../runbook/placeholders.js';
import type { HandoffRunbook, HandoffStep } from './types.js';

/** What the report needs of a runbook file: its title and its steps in order. */
export interface RunbookOutline {
  title: string;
  steps: { key: string; text: string }[];
}

export interface RunbookInputs {
  progress: readonly IncidentProgress[];
  /** The runbook by its id (file name), when a local file has it. */
  outline: (runbookId: string) => RunbookOutline | undefined;
  /** Incidents oncall knows (open, or resolved within the window), by ID. */
  incidents: ReadonlyMap<string, { title: string; open: boolean }>;
  now: number;
  windowMs: number;
}

/**
 * A step worth handing over: done, skipped, with a note, or with a check that failed (checks also run by themselves
 * when a step becomes current: a pending step whose checks passed says nothing).
 */
const worked = (r: StepRecord) =>
  r.state !== 'pending' || !!r.note || !!r.results?.some((x) => x?.outcome === 'fail' || x?.outcome === 'error');

function stepOf(text: string, r: StepRecord): HandoffStep {
  return {
    step: text,
    state: r.state,
    at: r.at ?? null,
    note: r.note ?? null,
    checks: (r.results ?? []).flatMap((x) => (x ? [{ outcome: x.outcome, summary: x.summary, at: x.at }] : [])),
  };
}

export function handoffRunbooks(i: RunbookInputs): HandoffRunbook[] {
  const since = i.now - i.windowMs;
  const out: HandoffRunbook[] = [];
  for (const p of i.progress) {
    const inc = i.incidents.get(p.incidentId);
    // An incident still open is handed over whatever its age; another only when it was worked on in the window.
    if (!inc?.open && Date.parse(p.updatedAt) < since) continue;
    for (const [runbook, rp] of Object.entries(p.runbooks)) {
      const records = Object.entries(rp.steps).filter(([, r]) => worked(r));
      if (!records.length) continue;
      const outline = i.outline(runbook);
      const textOf = new Map(outline?.steps.map((s) => [s.key, s.text]));
      const position = new Map(outline?.steps.map((s, n) => [s.key, n]));
      // In the runbook's order when the file is known; else in the order they were worked.
      records.sort(([ka, a], [kb, b]) =>
        position.size
          ? (position.get(ka) ?? Infinity) - (position.get(kb) ?? Infinity)
          : (a.at ?? '').localeCompare(b.at ?? ''),
      );
      // Placeholders filled from the alert the runbook was followed for, as the runbook view showed them.
      const labels = alertLabelsOf(rp);
      const steps = records.map(([k, r]) => stepOf(fillPlaceholders(textOf.get(k) ?? k, labels).text, r));
      const updatedAt = records.reduce((m, [, r]) => (r.at && r.at > m ? r.at : m), '') || p.updatedAt;
      out.push({
        incidentId: p.incidentId,
        incidentTitle: inc?.title ?? null,
        incidentOpen: !!inc?.open,
        runbook,
        title: outline?.title ?? runbook,
        done: steps.filter((s) => s.state === 'done').length,
        skipped: steps.filter((s) => s.state === 'skipped').length,
        total: outline ? outline.steps.length : null,
        updatedAt,
        steps,
        notes: steps.flatMap((s) => (s.note ? [{ step: s.step, note: s.note }] : [])),
        failingChecks: steps.flatMap((s) =>
          s.checks
            .filter((c) => c.outcome === 'fail' || c.outcome === 'error')
            .map((c) => ({ step: s.step, outcome: c.outcome, summary: c.summary, at: c.at })),
        ),
      });
    }
  }
  return out.sort((a, b) => Number(b.incidentOpen) - Number(a.incidentOpen) || b.updatedAt.localeCompare(a.updatedAt));
}
