// The runbook view's state hook: which runbook of the incident is shown and its layout, the current step, the
// scroll position, the checks running, the note being typed, and the view's named actions (move between steps,
// mark them, note, run checks, switch runbooks, open links). Progress comes in and goes out through the props
// (./RunbookView.tsx), so the view works the same in the app and in tests. Its keys are mapped to these actions in
// ./input.ts.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { isSafeWebUrl, sanitizeLine } from '../../../domain/sanitize.js';
import {
  currentStep,
  recordAlert,
  setCurrent,
  setNote,
  setResult,
  stepRecord,
  toggleStep,
  type IncidentProgress,
} from '../../../domain/runbook/progress.js';
import type { CheckResult, CodeBlock, Runbook, Step } from '../../../domain/runbook/types.js';
import type { Labels } from '../../../domain/types.js';
import { layoutRunbook, scrollToShow, type Layout } from './rows.js';
import { INITIAL, viewReducer, type ViewState } from './view-state.js';
import type { RunbookEntry } from './entries.js';
import type { WebState } from './web.js';

export interface RunbookViewProps {
  entries: RunbookEntry[];
  progress: IncidentProgress;
  /** Applies a change to the progress (the caller saves it). */
  update(fn: (p: IncidentProgress) => IncidentProgress): void;
  runCheck(block: CodeBlock, labels: Labels): Promise<CheckResult>;
  openUrl(url: string): Promise<void>;
  notify?(message: string, level?: 'info' | 'error'): void;
  onBack?(): void;
  width: number;
  height: number;
  /** Incident title for the header. */
  title?: string;
  now?: () => Date;
  /** Run a step's checks when it becomes current and has no result yet (default true; never for web runbooks). */
  autoRun?: boolean;
  /** Web runbooks being fetched, by page URL. */
  webStates?: ReadonlyMap<string, WebState>;
  /** Shows a link that could not be opened in a browser (the URL pane). */
  showUrl?(url: string, reason: string): void;
  /** Fetches the web runbooks anew, past the cache. */
  refetch?(): void;
}

export interface RunbookActions {
  nextStep(): void;
  prevStep(): void;
  firstStep(): void;
  lastStep(): void;
  pageDown(): void;
  pageUp(): void;
  scrollDown(): void;
  scrollUp(): void;
  /** Marks the current step done (again: pending) and moves on to the next. */
  done(): void;
  /** Marks the current step skipped (again: pending) and moves on to the next. */
  skip(): void;
  /** Starts typing a note on the current step (its note so far to edit). */
  note(): void;
  /** Runs the current step's PromQL checks. */
  runChecks(): void;
  nextRunbook(): void;
  prevRunbook(): void;
  /** The step's first link, else the web runbook, in the browser (http/https only). */
  openLink(): void;
  refetch(): void;
  back(): void;
}

/** What the note's bindings run while one is typed. */
export interface RunbookNoteActions {
  save(): void;
  cancel(): void;
  erase(): void;
}

export interface RunbookState {
  view: ViewState;
  /** The runbook entry shown (index into the entries, kept in range). */
  index: number;
  entry: RunbookEntry | undefined;
  runbook: Runbook | undefined;
  /** Current step, -1 without steps. */
  step: number;
  layout: Layout;
  /** Rows of the runbook body on screen, and the first shown. */
  bodyHeight: number;
  top: number;
  /** A note being typed. */
  editing: boolean;
  actions: RunbookActions;
  noteActions: RunbookNoteActions;
  /** Text typed into the note (printable characters; a space for Space). */
  typeNote(text: string): void;
}

function firstLink(step: Step | undefined): string | undefined {
  return step?.inline.find((p) => p.style === 'link' && p.href)?.href;
}

export function useRunbookState(p: RunbookViewProps): RunbookState {
  const now = p.now ?? (() => new Date());
  const [vs, dispatch] = useReducer(viewReducer, INITIAL, (s) => {
    const i = p.entries.findIndex((e) => e.resolution.runbook?.id === p.progress.active);
    return i > 0 ? { ...s, index: i } : s;
  });
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());
  const index = Math.min(vs.index, Math.max(0, p.entries.length - 1));
  const entry = p.entries[index];
  const rb = entry?.resolution.runbook;
  const step = rb && rb.steps.length ? currentStep(p.progress, rb) : -1;
  const cur = rb?.steps[step];
  // A change to a runbook's progress also notes the alert it is followed for: its labels fill the placeholders
  // where the steps are shown again (the handoff, the timeline).
  const update = (e: RunbookEntry | undefined, fn: (pr: IncidentProgress) => IncidentProgress) =>
    p.update((pr) => {
      const next = fn(pr);
      const id = e?.resolution.runbook?.id;
      return next === pr || !id ? next : recordAlert(next, id, { fingerprint: e.fingerprint, labels: e.labels });
    });

  // A web runbook says how fresh it is and where it came from, on two lines of its own.
  const bodyHeight = Math.max(1, p.height - 3 - (entry?.web ? 2 : 0));
  const layout = useMemo(
    () =>
      rb && entry
        ? layoutRunbook({
            runbook: rb,
            labels: entry.labels,
            progress: p.progress,
            width: Math.max(20, p.width - 2),
            running,
          })
        : { rows: [], stepSpans: [] },
    [rb, entry, p.progress, p.width, running],
  );
  const total = layout.rows.length;
  const maxTop = Math.max(0, total - bodyHeight);
  const top =
    vs.follow && step >= 0 ? scrollToShow(vs.top, layout.stepSpans[step], bodyHeight, total) : Math.min(vs.top, maxTop);
  // Remember where following put us, so a manual scroll starts from what is on screen.
  useEffect(() => {
    if (vs.follow && top !== vs.top) dispatch({ type: 'sync', top });
  }, [top, vs.follow, vs.top]);

  const runChecks = (s: Step) => {
    if (!rb || !entry) return;
    const blocks = s.blocks.map((b, i) => [b, i] as const).filter(([b]) => b.kind === 'promql');
    if (!blocks.length) {
      p.notify?.('this step has no PromQL check');
      return;
    }
    const key = s.key;
    setRunning((r) => new Set([...r, key]));
    void Promise.all(
      blocks.map(async ([b, i]) => {
        const res = await p.runCheck(b, entry.labels);
        update(entry, (pr) => setResult(pr, rb.id, key, i, res, now()));
      }),
    ).finally(() =>
      setRunning((r) => {
        const n = new Set(r);
        n.delete(key);
        return n;
      }),
    );
  };

  // Run a step's checks when it becomes current, once, if it has never run for this incident. Never for a web
  // runbook: its queries come from a page anyone with edit rights on the wiki wrote; they run on c or Enter only.
  const autoRan = useRef(new Set<string>());
  useEffect(() => {
    if (p.autoRun === false || !rb || !cur || entry?.web) return;
    const id = `${rb.id}/${cur.key}`;
    if (autoRan.current.has(id) || running.has(cur.key)) return;
    autoRan.current.add(id);
    const rec = stepRecord(p.progress, rb.id, cur.key);
    if (cur.blocks.some((b) => b.kind === 'promql') && !rec.results?.some(Boolean)) runChecks(cur);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once when the step becomes current, not on every progress change
  }, [rb?.id, cur?.key]);

  const moveStep = (to: number) => {
    if (!rb || !rb.steps.length) return;
    const next = Math.max(0, Math.min(rb.steps.length - 1, to));
    dispatch({ type: 'follow' });
    update(entry, (pr) => setCurrent(pr, rb.id, next, now()));
  };
  const mark = (to: 'done' | 'skipped') => {
    if (!rb || !cur) return;
    const was = stepRecord(p.progress, rb.id, cur.key).state;
    update(entry, (pr) => toggleStep(pr, rb.id, cur.key, to, now()));
    // Done moves on to the next step, as a checklist is read.
    if (was !== to && step < rb.steps.length - 1) update(entry, (pr) => setCurrent(pr, rb.id, step + 1, now()));
    dispatch({ type: 'follow' });
  };
  const switchRunbook = (delta: number) => {
    const count = p.entries.length;
    if (count < 2) {
      p.notify?.('this incident has one runbook');
      return;
    }
    const nextIndex = (index + delta + count) % count;
    dispatch({ type: 'runbook', delta, count });
    const id = p.entries[nextIndex]?.resolution.runbook?.id;
    if (id)
      update(p.entries[nextIndex], (pr) =>
        setCurrent(pr, id, currentStep(pr, p.entries[nextIndex]!.resolution.runbook!), now()),
      );
  };
  const actions: RunbookActions = {
    nextStep: () => moveStep(step + 1),
    prevStep: () => moveStep(step - 1),
    firstStep: () => moveStep(0),
    lastStep: () => moveStep((rb?.steps.length ?? 1) - 1),
    pageDown: () => dispatch({ type: 'scroll', delta: bodyHeight - 1, max: maxTop }),
    pageUp: () => dispatch({ type: 'scroll', delta: -(bodyHeight - 1), max: maxTop }),
    scrollDown: () => dispatch({ type: 'scroll', delta: 1, max: maxTop }),
    scrollUp: () => dispatch({ type: 'scroll', delta: -1, max: maxTop }),
    done: () => mark('done'),
    skip: () => mark('skipped'),
    note: () => {
      if (rb && cur) dispatch({ type: 'noteStart', initial: stepRecord(p.progress, rb.id, cur.key).note ?? '' });
    },
    runChecks: () => {
      if (cur) runChecks(cur);
    },
    nextRunbook: () => switchRunbook(1),
    prevRunbook: () => switchRunbook(-1),
    openLink: () => {
      const url = firstLink(cur) ?? entry?.resolution.webUrl ?? entry?.resolution.blockedLink;
      if (!url) {
        p.notify?.('no link on this step or runbook');
        return;
      }
      if (!isSafeWebUrl(url)) {
        p.notify?.(`not opened: ${sanitizeLine(url).slice(0, 60)} is not an http(s) link`, 'error');
        return;
      }
      p.openUrl(url).then(
        () => p.notify?.('opened in the browser'),
        (e: Error) =>
          p.showUrl ? p.showUrl(url, e.message) : p.notify?.(`could not open the link: ${e.message}`, 'error'),
      );
    },
    refetch: () => {
      if (p.refetch) {
        p.refetch();
        p.notify?.('fetching the web runbooks anew');
      }
    },
    back: () => p.onBack?.(),
  };
  const noteActions: RunbookNoteActions = {
    save: () => {
      if (rb && cur) {
        const text = vs.draft ?? '';
        update(entry, (pr) => setNote(pr, rb.id, cur.key, text, now()));
      }
      dispatch({ type: 'noteEnd' });
    },
    cancel: () => dispatch({ type: 'noteEnd' }),
    erase: () => dispatch({ type: 'noteBackspace' }),
  };
  return {
    view: vs,
    index,
    entry,
    runbook: rb,
    step,
    layout,
    bodyHeight,
    top,
    editing: vs.draft !== undefined,
    actions,
    noteActions,
    typeNote: (text) => dispatch({ type: 'noteType', text }),
  };
}
