// What someone did while following runbooks for one incident: per runbook, per step, its state, when, the
// PromQL results and a note. Pure updates; src/backends/progress.ts stores it. The step log doubles as the
// incident's timeline.
import type { Labels } from '../types.js';
import type { CheckResult, Runbook } from './types.js';

export type StepState = 'pending' | 'done' | 'skipped';

export interface StepRecord {
  state: StepState;
  /** When the state last changed (ISO). */
  at?: string;
  note?: string;
  /** One result per PromQL block of the step, by block position. */
  results?: (CheckResult | null)[];
}

export interface RunbookProgress {
  /** Index of the step the person was on. */
  current: number;
  /** By step key (see Step.key), so edits that reorder steps keep their records. */
  steps: Record<string, StepRecord>;
  /**
   * The alert the runbook was followed for, whose labels fill its placeholders (`$gpu`) wherever the steps are
   * shown again (the handoff, the timeline). Absent in progress saved before it was recorded.
   */
  alert?: { fingerprint?: string; labels: Labels };
}

export interface IncidentProgress {
  incidentId: string;
  startedAt: string;
  updatedAt: string;
  /** Runbook id the person had open. */
  active?: string;
  runbooks: Record<string, RunbookProgress>;
}

export function emptyProgress(incidentId: string, now: Date): IncidentProgress {
  const t = now.toISOString();
  return { incidentId, startedAt: t, updatedAt: t, runbooks: {} };
}

function runbookOf(p: IncidentProgress, runbookId: string): RunbookProgress {
  return p.runbooks[runbookId] ?? { current: 0, steps: {} };
}

function withRunbook(p: IncidentProgress, runbookId: string, rp: RunbookProgress, now: Date): IncidentProgress {
  return { ...p, updatedAt: now.toISOString(), runbooks: { ...p.runbooks, [runbookId]: rp } };
}

export function stepRecord(p: IncidentProgress, runbookId: string, stepKey: string): StepRecord {
  return runbookOf(p, runbookId).steps[stepKey] ?? { state: 'pending' };
}

function updateStep(
  p: IncidentProgress,
  runbookId: string,
  stepKey: string,
  now: Date,
  f: (s: StepRecord) => StepRecord,
): IncidentProgress {
  const rp = runbookOf(p, runbookId);
  const next = f(rp.steps[stepKey] ?? { state: 'pending' });
  return withRunbook(p, runbookId, { ...rp, steps: { ...rp.steps, [stepKey]: next } }, now);
}

/** Marks a step done or skipped; doing it again puts the step back to pending. */
export function toggleStep(
  p: IncidentProgress,
  runbookId: string,
  stepKey: string,
  to: Exclude<StepState, 'pending'>,
  now: Date,
): IncidentProgress {
  return updateStep(p, runbookId, stepKey, now, (s) => ({
    ...s,
    state: s.state === to ? 'pending' : to,
    at: now.toISOString(),
  }));
}

export const MAX_NOTE = 500;

export function setNote(
  p: IncidentProgress,
  runbookId: string,
  stepKey: string,
  note: string,
  now: Date,
): IncidentProgress {
  const clean = note.replace(/\s+/g, ' ').trim().slice(0, MAX_NOTE);
  return updateStep(p, runbookId, stepKey, now, (s) => {
    const { note: _old, ...rest } = s;
    return clean ? { ...rest, note: clean } : rest;
  });
}

export function setResult(
  p: IncidentProgress,
  runbookId: string,
  stepKey: string,
  block: number,
  result: CheckResult,
  now: Date,
): IncidentProgress {
  return updateStep(p, runbookId, stepKey, now, (s) => {
    const results = [...(s.results ?? [])];
    while (results.length < block) results.push(null);
    results[block] = result;
    return { ...s, results };
  });
}

export function setCurrent(p: IncidentProgress, runbookId: string, current: number, now: Date): IncidentProgress {
  const rp = runbookOf(p, runbookId);
  if (rp.current === current && p.active === runbookId) return p;
  return { ...withRunbook(p, runbookId, { ...rp, current }, now), active: runbookId };
}

const sameLabels = (a: Labels, b: Labels) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/**
 * Notes the alert a runbook is followed for (its labels fill the placeholders later). The same object when it is
 * already noted, and `updatedAt` is left as it is: which alert is no work done.
 */
export function recordAlert(
  p: IncidentProgress,
  runbookId: string,
  alert: { fingerprint?: string; labels: Labels },
): IncidentProgress {
  const rp = runbookOf(p, runbookId);
  if (rp.alert && rp.alert.fingerprint === alert.fingerprint && sameLabels(rp.alert.labels, alert.labels)) return p;
  const noted = { ...(alert.fingerprint ? { fingerprint: alert.fingerprint } : {}), labels: { ...alert.labels } };
  return { ...p, runbooks: { ...p.runbooks, [runbookId]: { ...rp, alert: noted } } };
}

/** The labels that fill a runbook's placeholders as saved: those of the alert it was followed for, when noted. */
export function alertLabelsOf(rp: RunbookProgress | undefined): Labels {
  const l = rp?.alert?.labels;
  if (!l || typeof l !== 'object' || Array.isArray(l)) return {};
  // A hand-edited file may hold anything: only text values fill.
  return Object.fromEntries(Object.entries(l).filter(([, v]) => typeof v === 'string'));
}

export function currentStep(p: IncidentProgress, runbook: Runbook): number {
  const c = runbookOf(p, runbook.id).current;
  return Math.max(0, Math.min(c, runbook.steps.length - 1));
}

/** "3/7 done, 1 skipped" for headers and lists. */
export function summarize(p: IncidentProgress, runbook: Runbook): { done: number; skipped: number; total: number } {
  const rp = runbookOf(p, runbook.id);
  let done = 0;
  let skipped = 0;
  for (const s of runbook.steps) {
    const st = rp.steps[s.key]?.state;
    if (st === 'done') done++;
    else if (st === 'skipped') skipped++;
  }
  return { done, skipped, total: runbook.steps.length };
}

/** Every recorded step, oldest first: the incident's timeline as walked. */
export function timeline(
  p: IncidentProgress,
  runbooks: readonly Runbook[],
): { at: string; runbook: string; step: string; state: StepState; note?: string }[] {
  const out: { at: string; runbook: string; step: string; state: StepState; note?: string }[] = [];
  for (const r of runbooks) {
    for (const s of r.steps) {
      const rec = p.runbooks[r.id]?.steps[s.key];
      if (rec?.at) out.push({ at: rec.at, runbook: r.id, step: s.text, state: rec.state, note: rec.note });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
