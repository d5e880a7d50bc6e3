// Following runbooks step by step: the rendered runbook scrolls (only visible rows are drawn), the current step
// is highlighted, steps are marked done or skipped, notes added, and PromQL checks run with the alert's labels
// filled in, their outcome shown next to the step. Progress comes in and goes out through props, so the view
// works the same in the app and in tests.
import { useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useKeyLayer, useKeys } from '../../keys.js';
import { useTheme, type Style } from '../../theme.js';
import { fit } from '../../format.js';
import { isSafeWebUrl, sanitizeLine } from '../../../domain/sanitize.js';
import {
  currentStep,
  setCurrent,
  setNote,
  setResult,
  stepRecord,
  summarize,
  toggleStep,
  type IncidentProgress,
} from '../../../domain/runbook/progress.js';
import type { CheckResult, CodeBlock, Step } from '../../../domain/runbook/types.js';
import type { Labels } from '../../../domain/types.js';
import { layoutRunbook, scrollToShow } from './rows.js';
import { RowLine } from './RowLine.js';
import { INITIAL, viewReducer } from './state.js';
import type { RunbookEntry } from './entries.js';
import type { WebState } from './web.js';
import { originParts } from '../../../domain/runbook/web-source.js';
import { formatAge } from '../../../domain/duration.js';
import { footerHints, keymap } from '../../keymap.js';

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

function firstLink(step: Step | undefined): string | undefined {
  return step?.inline.find((p) => p.style === 'link' && p.href)?.href;
}

export function RunbookView(p: RunbookViewProps) {
  const theme = useTheme();
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
        p.update((pr) => setResult(pr, rb.id, key, i, res, now()));
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
    p.update((pr) => setCurrent(pr, rb.id, next, now()));
  };
  const mark = (to: 'done' | 'skipped') => {
    if (!rb || !cur) return;
    const was = stepRecord(p.progress, rb.id, cur.key).state;
    p.update((pr) => toggleStep(pr, rb.id, cur.key, to, now()));
    // Done moves on to the next step, as a checklist is read.
    if (was !== to && step < rb.steps.length - 1) p.update((pr) => setCurrent(pr, rb.id, step + 1, now()));
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
    if (id) p.update((pr) => setCurrent(pr, id, currentStep(pr, p.entries[nextIndex]!.resolution.runbook!), now()));
  };
  const openLink = () => {
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
  };

  const editing = vs.draft !== undefined;
  useKeys(
    {
      'nav.down': () => moveStep(step + 1),
      'nav.up': () => moveStep(step - 1),
      'nav.top': () => moveStep(0),
      'nav.bottom': () => moveStep((rb?.steps.length ?? 1) - 1),
      'nav.pageDown': () => dispatch({ type: 'scroll', delta: bodyHeight - 1, max: maxTop }),
      'nav.pageUp': () => dispatch({ type: 'scroll', delta: -(bodyHeight - 1), max: maxTop }),
      'nav.open': () => {
        if (cur) runChecks(cur);
      },
      'nav.back': () => p.onBack?.(),
      'runbook.done': () => mark('done'),
      'runbook.skip': () => mark('skipped'),
      'runbook.note': () => {
        if (rb && cur) dispatch({ type: 'noteStart', initial: stepRecord(p.progress, rb.id, cur.key).note ?? '' });
      },
      'runbook.check': () => {
        if (cur) runChecks(cur);
      },
      'runbook.next': () => switchRunbook(1),
      'runbook.prev': () => switchRunbook(-1),
      'runbook.scrollDown': () => dispatch({ type: 'scroll', delta: 1, max: maxTop }),
      'runbook.scrollUp': () => dispatch({ type: 'scroll', delta: -1, max: maxTop }),
      'runbook.open': openLink,
      'runbook.refetch': () => {
        if (p.refetch) {
          p.refetch();
          p.notify?.('fetching the web runbooks anew');
        }
      },
    },
    { active: !editing },
  );

  // While a note is typed every key goes to it; Enter saves, Esc cancels. The layer stays pushed and checks a
  // ref, so keys typed right after `n` cannot slip past it before an effect has run.
  const editingRef = useRef(editing);
  editingRef.current = editing;
  useKeyLayer('runbook-note', {
    modal: false,
    capture: (name, input) => {
      if (!editingRef.current) return false;
      if (name === 'enter') {
        if (rb && cur) {
          const text = vs.draft ?? '';
          p.update((pr) => setNote(pr, rb.id, cur.key, text, now()));
        }
        dispatch({ type: 'noteEnd' });
      } else if (name === 'esc') dispatch({ type: 'noteEnd' });
      else if (name === 'backspace' || name === 'delete') dispatch({ type: 'noteBackspace' });
      else if (name === 'space') dispatch({ type: 'noteType', text: ' ' });
      else if (input && !name.startsWith('ctrl+')) dispatch({ type: 'noteType', text: input });
      return true;
    },
  });

  const w = p.width;
  if (!entry) {
    return (
      <Box flexDirection="column" height={p.height}>
        <Text {...theme.muted} wrap="truncate">
          {fit('no incident selected: pick one in Incidents or Alerts and press b', w)}
        </Text>
      </Box>
    );
  }

  const sum = rb ? summarize(p.progress, rb) : undefined;
  const role = entry.role === 'root' ? 'root cause' : entry.role === 'symptom' ? 'symptom' : 'selected alert';
  const header = rb
    ? `${sanitizeLine(rb.title)} · ${sum!.done}/${sum!.total} done${sum!.skipped ? `, ${sum!.skipped} skipped` : ''} · ${sanitizeLine(entry.alertname)} (${role}) · owner ${sanitizeLine(rb.meta.owner || '?')} · reviewed ${rb.meta.lastReviewed || '?'}`
    : `${sanitizeLine(entry.alertname)} (${role}): no runbook`;
  const tabs = p.entries
    .map((e, i) => (i === index ? `[${i + 1} ${sanitizeLine(e.alertname)}]` : `${i + 1} ${sanitizeLine(e.alertname)}`))
    .join('  ');
  const second =
    p.entries.length > 1
      ? `runbooks: ${tabs}   ([ and ] switch)`
      : `${p.title ? `incident: ${sanitizeLine(p.title)}` : `alert: ${sanitizeLine(entry.alertname)}`}`;

  let body: ReactElement[];
  if (rb) {
    body = layout.rows
      .slice(top, top + bodyHeight)
      .map((r, i) => (
        <RowLine
          key={top + i}
          row={r}
          width={w}
          current={r.step !== undefined && r.step === step}
          head={!!r.stepHead}
          theme={theme}
        />
      ));
  } else {
    const res = entry.resolution;
    const lines: [string, Style][] = [];
    if (res.webUrl)
      lines.push([`web runbook: ${sanitizeLine(res.webUrl)}   (o opens it in the browser)`, theme.accent]);
    const ws = res.webUrl ? p.webStates?.get(res.webUrl) : undefined;
    if (ws?.status === 'loading') {
      const secs = Math.max(0, Math.floor((Date.now() - ws.startedAt) / 1000));
      lines.push([
        `fetching it… ${secs}s${ws.bytes ? `, ${Math.round(ws.bytes / 1024)} kB` : ''} (keys keep working; Esc goes back)`,
        theme.warning,
      ]);
    } else if (ws?.status === 'error') {
      lines.push([`could not fetch it, and no copy is cached: ${sanitizeLine(ws.message)}`, theme.error]);
    }
    if (res.blockedLink)
      lines.push([`runbook link ${sanitizeLine(res.blockedLink)} is not an http(s) link: never opened`, theme.error]);
    if (res.brokenLink)
      lines.push([
        `the alert's runbook annotation names ${sanitizeLine(res.brokenLink)}, which no runbook folder holds`,
        theme.warning,
      ]);
    if (res.hint) lines.push([`runbook note from the alert: ${sanitizeLine(res.hint)}`, {}]);
    if (!res.webUrl)
      lines.push([
        `no runbook found for ${sanitizeLine(entry.alertname)}: add ${sanitizeLine(entry.alertname)}.md to a runbook folder (runbook_dirs), or list alertname="${sanitizeLine(entry.alertname)}" in a runbook's frontmatter`,
        theme.muted,
      ]);
    body = lines.map(([t, s], i) => (
      <Text key={i} {...s} wrap="truncate">
        {fit(t, w)}
      </Text>
    ));
  }

  const origin = entry.web ? originParts(entry.web, now().getTime(), formatAge) : undefined;
  const footer = editing
    ? `note: ${vs.draft}█   (Enter saves, Esc cancels)`
    : `${total ? `${top + 1}-${Math.min(total, top + bodyHeight)}/${total}  ` : ''}${footerHints(keymap, ['runbook'], { view: 'runbook', layers: [], readOnly: false, selection: undefined })}`;
  return (
    <Box flexDirection="column" height={p.height}>
      <Text {...theme.title} wrap="truncate">
        {fit(header, w)}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {fit(second, w)}
      </Text>
      {origin ? (
        <Text {...(entry.web?.stale ? theme.warning : theme.info)} wrap="truncate">
          {fit(`web runbook, ${sanitizeLine(origin.how)} · untrusted: its checks run on c/Enter only`, w)}
        </Text>
      ) : null}
      {origin ? (
        <Text {...theme.muted} wrap="truncate">
          {fit(`from ${sanitizeLine(origin.from)}`, w)}
        </Text>
      ) : null}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      <Text {...(editing ? theme.accent : theme.muted)} wrap="truncate">
        {fit(footer, w)}
      </Text>
    </Box>
  );
}
