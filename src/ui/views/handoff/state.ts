// The handoff view's state hook: the report (read on entering the view, every minute and on `r`), its lines, the
// cursor, the window, and the view's named actions. Its keys are mapped to these in ./input.ts.
import { useEffect, useMemo, useRef } from 'react';
import { useStdout } from 'ink';
import { useOncall } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useListState, type ListActions } from '../../hooks/useListState.js';
import { useViewState } from '../../hooks/useViewState.js';
import type { Cursor } from '../../list.js';
import { gatherHandoff } from '../../../app/handoff.js';
import type { HistoryCache } from '../../../app/incident-memory.js';
import { handoffMarkdown } from '../../../domain/handoff/markdown.js';
import type { Handoff } from '../../../domain/handoff/types.js';
import { carryLastGood, type LastGood } from '../../../domain/handoff/carry.js';
import { clipboardCaveat, osc52Text } from '../../../domain/terminal-links.js';
import { handoffLines, type HandoffLine } from './lines.js';

/** The windows `w` steps through; 12h, a usual shift, first. */
export const HANDOFF_WINDOWS_H = [12, 24, 4, 8] as const;
const POLL_MS = 60_000;
/**
 * The ALERTS history over the window (up to a day of range queries) is read again at most this often; the live
 * parts (alerts, silences, SLOs, GPUs) every poll. What the history adds is what fired and resolved while no
 * oncall ran: while this TUI runs, its own incident memory records every resolution as it happens, so a history a
 * few minutes old misses nothing of the newest minutes.
 */
export const HISTORY_EVERY_MS = 5 * 60_000;

export interface HandoffActions extends ListActions {
  nextSection(): void;
  previousSection(): void;
  /** The report as Markdown to the clipboard, through the terminal (OSC 52). */
  copy(): void;
  nextWindow(): void;
}

export interface HandoffState {
  report: Handoff | undefined;
  /** When the report shown was read (ms), for its age. */
  reportAt: number | undefined;
  error: string | undefined;
  windowHours: number;
  lines: HandoffLine[];
  cursor: Cursor;
  listHeight: number;
  actions: HandoffActions;
}

export function useHandoffState(width: number, height: number): HandoffState {
  const app = useOncall();
  const { services } = app;
  const { stdout } = useStdout();
  const [windowIdx, setWindowIdx] = useViewState('handoff.window', 0);
  const windowHours = HANDOFF_WINDOWS_H[windowIdx % HANDOFF_WINDOWS_H.length]!;
  // A backend that stops answering keeps its sections as last read, with their age (see carry.ts).
  const lastGood = useRef<{ windowHours: number; last: LastGood }>({ windowHours, last: {} });
  // Entering the view reads the history (a new ref), and so does `r`: the cache is dropped before the poll runs.
  const history = useRef<HistoryCache>({ maxAgeMs: HISTORY_EVERY_MS });
  useEffect(() => app.onRefresh(() => (history.current.entry = undefined)), [app]);
  const poll = usePoll(
    async () => {
      const h = await gatherHandoff(
        {
          ctx: services.context,
          alertmanagers: () => services.alertmanagers(),
          prometheus: () => services.prometheus(),
          historyCache: history.current,
        },
        { windowMs: windowHours * 3600_000, now: services.now() },
      );
      const before = lastGood.current.windowHours === windowHours ? lastGood.current.last : {};
      const { report, last } = carryLastGood(h, before);
      lastGood.current = { windowHours, last };
      return report;
    },
    { intervalMs: POLL_MS, deps: [services.context, windowHours] },
  );
  const report = poll.data;
  const lines = useMemo(
    () => (report ? handoffLines(report, width, Date.parse(report.generatedAt)) : []),
    [report, width],
  );
  const listHeight = Math.max(1, height - 2);
  const list = useListState({
    stateKey: 'handoff.cursor',
    count: lines.length,
    height: listHeight,
    rows: lines,
    keyAt: (i) => lines[i]?.key,
    indexOf: (k) => {
      const i = lines.findIndex((l) => l.key === k);
      return i < 0 ? undefined : i;
    },
  });
  const cursor = list.cursor;
  const jumpSection = (dir: 1 | -1) => {
    const here = lines[cursor.index]?.section ?? 0;
    const target = lines.findIndex((l) => l.section === here + dir);
    if (target < 0) return;
    // Moving the cursor a line at a time keeps the list's own rules (offset, key); a section is a few lines.
    const steps = target - cursor.index;
    for (let n = 0; n < Math.abs(steps); n++) (steps > 0 ? list.actions.down : list.actions.up)();
  };
  const actions: HandoffActions = {
    ...list.actions,
    nextSection: () => jumpSection(1),
    previousSection: () => jumpSection(-1),
    copy: () => {
      if (!report) {
        app.notify('no report yet to copy', 'error');
        return;
      }
      stdout.write(osc52Text(handoffMarkdown(report)));
      app.notify(
        `sent the handoff (Markdown) to the clipboard (OSC 52); ${clipboardCaveat(process.env).split(';')[0]}`,
      );
    },
    nextWindow: () => setWindowIdx((i) => (i + 1) % HANDOFF_WINDOWS_H.length),
  };
  return {
    report,
    reportAt: poll.dataAt,
    error: poll.error,
    windowHours,
    lines,
    cursor,
    listHeight,
    actions,
  };
}
