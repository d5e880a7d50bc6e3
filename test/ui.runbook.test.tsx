import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render } from 'ink-testing-library';
import { Keymap } from '../src/ui/keymap.js';
import { KeyDispatcher, KeyDispatcherProvider } from '../src/ui/keys.js';
import { GLOBAL_KEYS } from '../src/ui/global-keys.js';
import { ThemeContext, noColorTheme } from '../src/ui/theme.js';
import { RunbookView } from '../src/ui/views/runbook/RunbookView.js';
import { RUNBOOK_NOTE_KEYS, runbookView } from '../src/ui/views/runbook/index.js';
import { alertsInOrder, runbookEntries, type RunbookEntry } from '../src/ui/views/runbook/entries.js';
import { INITIAL, viewReducer } from '../src/ui/views/runbook/view-state.js';
import { RUNBOOK_INPUT, RUNBOOK_NOTE_INPUT } from '../src/ui/views/runbook/input.js';
import { layoutRunbook, scrollToShow } from '../src/ui/views/runbook/rows.js';
import { parseRunbook } from '../src/domain/runbook/parse.js';
import { emptyProgress, type IncidentProgress } from '../src/domain/runbook/progress.js';
import { ProgressStore } from '../src/backends/progress.js';
import { handoffRunbooks } from '../src/domain/handoff/runbooks.js';
import { incidentTimeline } from '../src/domain/memory/timeline.js';
import { RunbookLibrary, runPromqlCheck, shippedRunbookDir } from '../src/backends/runbooks.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import type { CheckResult, CodeBlock } from '../src/domain/runbook/types.js';
import type { Labels, Alert } from '../src/domain/types.js';
import type { Incident } from '../src/domain/incidents/types.js';
import { usePrometheusWithMetrics } from './fixtures/runbook/metrics.js';

const FIX = fs.readFileSync(new URL('./fixtures/runbook/GPUMemoryOOM.md', import.meta.url), 'utf8');
const LABELS = { alertname: 'GPUMemoryOOM', cluster: 'c1', instance: 'gpu-1', gpu: '0', model: 'fraud-detector' };
const NOW = new Date('2026-06-01T12:00:00Z');

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

async function waitFor(get: () => string | undefined, test: (s: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = strip(get() ?? '');
    if (test(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${s}`);
    await tick(20);
  }
}

function entry(
  text: string,
  labels: Labels = LABELS,
  role: RunbookEntry['role'] = 'root',
  name = 'GPUMemoryOOM.md',
): RunbookEntry {
  return {
    alertname: labels.alertname ?? '?',
    labels,
    role,
    resolution: { runbook: parseRunbook(name, text), via: 'matchers' },
  };
}

interface HarnessOpts {
  entries: RunbookEntry[];
  progress?: IncidentProgress;
  runCheck?: (b: CodeBlock, l: Labels) => Promise<CheckResult>;
  store?: ProgressStore;
  height?: number;
  autoRun?: boolean;
}

function mount(o: HarnessOpts) {
  const km = new Keymap();
  km.register(GLOBAL_KEYS);
  km.register(runbookView.keys!.map((k) => ({ ...k, scope: 'runbook' })));
  km.register(RUNBOOK_NOTE_KEYS);
  const d = new KeyDispatcher(km);
  d.ctx = { view: 'runbook', layers: [], readOnly: false, selection: undefined };
  const opened: string[] = [];
  const notices: string[] = [];
  const state = { progress: o.progress ?? emptyProgress('inc-1', NOW) };
  function Harness() {
    const [progress, setProgress] = useState(state.progress);
    state.progress = progress;
    return (
      <RunbookView
        entries={o.entries}
        progress={progress}
        update={(fn) =>
          setProgress((p) => {
            const n = fn(p);
            o.store?.save(n);
            return n;
          })
        }
        runCheck={
          o.runCheck ??
          (async (_b, _l) => {
            throw new Error('no checks in this test');
          })
        }
        openUrl={async (u) => {
          opened.push(u);
        }}
        notify={(m) => notices.push(m)}
        width={100}
        height={o.height ?? 40}
        now={() => NOW}
        autoRun={o.autoRun ?? false}
      />
    );
  }
  const r = render(
    <ThemeContext.Provider value={noColorTheme}>
      <KeyDispatcherProvider dispatcher={d}>
        <Harness />
      </KeyDispatcherProvider>
    </ThemeContext.Provider>,
  );
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
  };
  return { ...r, press, opened, notices, state, frame: () => strip(r.lastFrame() ?? '') };
}

const currentLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('▶ '));

describe('runbook view', () => {
  it('renders the runbook with the alert labels filled in and the first step highlighted', async () => {
    const v = mount({ entries: [entry(FIX)] });
    await tick();
    const f = v.frame();
    expect(f).toContain(
      'GPU out of memory · 0/5 done · GPUMemoryOOM (root cause) · owner ml-platform · reviewed 2026-01-15',
    );
    expect(f).toContain('GPU 0 on gpu-1 is out of memory.');
    expect(f).toContain('min(gpu_memory_available_bytes{instance="gpu-1", gpu="0"})');
    expect(f).toContain('sh (shown to copy; never run)');
    expect(f).toContain('ssh gpu-1 nvidia-smi');
    expect(currentLine(f)).toContain(
      '[ ] 1. Check free memory on GPU 0 of the host <https://grafana.example.com/d/gpu>.',
    );
    v.unmount();
  });

  it('moves between steps with j/k, g/G and the arrows', async () => {
    const v = mount({ entries: [entry(FIX)] });
    await tick();
    await v.press('j');
    expect(currentLine(v.frame())).toContain('2. Look at the processes on the GPU.');
    await v.press('\u001b[B'); // down arrow
    expect(currentLine(v.frame())).toContain('3. Reduce the batch size.');
    await v.press('k');
    expect(currentLine(v.frame())).toContain('2. Look at');
    await v.press('G');
    expect(currentLine(v.frame())).toContain('5. Memory is free again.');
    await v.press('g');
    expect(currentLine(v.frame())).toContain('1. Check free memory');
    expect(v.state.progress.runbooks.GPUMemoryOOM!.current).toBe(0);
    v.unmount();
  });

  it('marks steps done and skipped (done moves on; pressing again undoes), with the time', async () => {
    const v = mount({ entries: [entry(FIX)] });
    await tick();
    await v.press('x');
    let f = v.frame();
    expect(f).toMatch(/\[x\] 1\. Check free memory/);
    expect(currentLine(f)).toContain('[ ] 2. Look at the processes');
    await v.press('s');
    f = v.frame();
    expect(f).toMatch(/\[-\] 2\. Look at the processes/);
    expect(f).toContain('1/5 done, 1 skipped');
    await v.press('k', 'k', 'x');
    expect(v.frame()).toMatch(/\[ \] 1\. Check free memory/);
    const steps = v.state.progress.runbooks.GPUMemoryOOM!.steps;
    expect(steps['check free memory on gpu $gpu of the host']).toMatchObject({
      state: 'pending',
      at: NOW.toISOString(),
    });
    expect(steps['look at the processes on the gpu']).toMatchObject({ state: 'skipped', at: NOW.toISOString() });
    v.unmount();
  });

  it('adds a short note to the current step; Esc cancels a note being typed', async () => {
    const v = mount({ entries: [entry(FIX)] });
    await tick();
    await v.press('n');
    expect(v.frame()).toContain('note: █   Enter save  Esc cancel');
    await v.press('c', 'h', 'e', 'c', 'k', 'e', 'd', ' ', 'g', 'r', 'a', 'f', 'x', '\u007f', 'a', 'n', 'a');
    expect(v.frame()).toContain('note: checked grafana█');
    await v.press('\r');
    let f = v.frame();
    expect(f).toContain('note: checked grafana');
    expect(f).not.toContain('█');
    // Keys typed into the note did not act on steps.
    expect(f).not.toMatch(/\[x\]|\[-\]/);
    await v.press('n', 'z', '\u001b');
    await tick(60);
    f = v.frame();
    expect(f).not.toContain('█');
    expect(v.state.progress.runbooks.GPUMemoryOOM!.steps['check free memory on gpu $gpu of the host']!.note).toBe(
      'checked grafana',
    );
    v.unmount();
  });

  it('saves progress as it goes and resumes where it was after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-progress-'));
    try {
      const store = new ProgressStore(dir, NOW);
      const v = mount({ entries: [entry(FIX)], store, progress: store.load('inc-42', NOW) });
      await tick();
      await v.press('x', 's', 'n', 'o', 'k', '\r');
      v.unmount();

      const reopened = new ProgressStore(dir, NOW);
      const saved = reopened.load('inc-42', NOW);
      expect(
        Object.values(saved.runbooks.GPUMemoryOOM!.steps)
          .map((s) => s.state)
          .sort(),
      ).toEqual(['done', 'pending', 'skipped']);
      // The alert it was followed for is saved with it, and fills the steps where they are shown again.
      expect(saved.runbooks.GPUMemoryOOM!.alert).toEqual({ labels: LABELS });
      const rb = parseRunbook('GPUMemoryOOM.md', FIX);
      const handed = handoffRunbooks({
        progress: [saved],
        outline: () => ({ title: rb.title, steps: rb.steps.map((x) => ({ key: x.key, text: x.text })) }),
        incidents: new Map([['inc-42', { title: 'GPU OOM', open: true }]]),
        now: NOW.getTime(),
        windowMs: 3600_000,
      });
      expect(handed[0]!.steps[0]!.step).toMatch(/^Check free memory on GPU 0 of the host/);
      expect(
        incidentTimeline({ alerts: [] } as unknown as Incident, undefined, [], saved, NOW.getTime()).find(
          (e) => e.kind === 'step done',
        ),
      ).toMatchObject({ step: 'check free memory on gpu 0 of the host' });
      const v2 = mount({ entries: [entry(FIX)], store: reopened, progress: saved });
      await tick();
      const f = v2.frame();
      expect(f).toMatch(/\[x\] 1\./);
      expect(f).toMatch(/\[-\] 2\./);
      expect(currentLine(f)).toContain('3. Reduce the batch size.');
      expect(f).toContain('note: ok');
      // Another incident starts fresh.
      expect(reopened.load('inc-43', NOW).runbooks).toEqual({});
      v2.unmount();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows the root runbook first; ] and [ switch to the symptoms' runbooks", async () => {
    const other = FIX.replace('alertname="GPUMemoryOOM"', 'alertname="HighLatency"').replace(
      '# GPU out of memory',
      '# Latency',
    );
    const v = mount({
      entries: [
        entry(FIX),
        entry(other, { alertname: 'HighLatency', instance: 'gpu-1', gpu: '0' }, 'symptom', 'HighLatency.md'),
      ],
    });
    await tick();
    expect(v.frame()).toContain('runbooks: [1 GPUMemoryOOM]  2 HighLatency');
    await v.press(']');
    let f = v.frame();
    expect(f).toContain('Latency · 0/5 done · HighLatency (symptom)');
    expect(f).toContain('runbooks: 1 GPUMemoryOOM  [2 HighLatency]');
    await v.press('j', '[');
    f = v.frame();
    expect(f).toContain('GPU out of memory · 0/5 done · GPUMemoryOOM (root cause)');
    expect(v.state.progress.runbooks.HighLatency!.current).toBe(1);
    v.unmount();
  });

  it('opens only http(s) links: file: and javascript: links are shown as blocked and never opened', async () => {
    const text = FIX.replace('[the host](https://grafana.example.com/d/gpu)', '[the host](file:///etc/passwd)')
      .replace('- [ ] Look at the processes on the GPU.', '- [ ] Look at [this](javascript:alert(1)).')
      .replace('- [ ] Reduce the batch size.', '- [ ] Read [the guide](https://docs.example.com/batch).');
    const v = mount({ entries: [entry(text)] });
    await tick();
    expect(v.frame()).toContain('the host (file:///etc/passwd: not a web link, never opened)');
    await v.press('o');
    await v.press('j', 'o');
    expect(v.opened).toEqual([]);
    expect(v.notices).toEqual([
      expect.stringMatching(/^not opened: file:\/\/\/etc\/passwd/),
      expect.stringMatching(/^not opened: javascript:alert/),
    ]);
    await v.press('j', 'o');
    await tick();
    expect(v.opened).toEqual(['https://docs.example.com/batch']);
    v.unmount();
  });

  it('renders terminal escape sequences in runbook text and alert labels inert', async () => {
    const evil = FIX.replace('Inference fails.', 'Inference \u001b]52;c;cm0gLXJmIC8=\u0007fails\u001b[2J.\u009b31m');
    const v = mount({ entries: [entry(evil, { ...LABELS, instance: 'gpu-1\u001b]0;pwned\u0007' })] });
    await tick();
    const raw = v.lastFrame() ?? '';
    expect(raw).not.toContain('\u001b]');
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u009b');
    expect(v.frame()).toContain('Inference fails.');
    expect(v.frame()).toContain('GPU 0 on gpu-1 is out of memory.');
    v.unmount();
  });

  it('says so when an alert has no runbook, and shows a web-only runbook URL', async () => {
    const v = mount({
      entries: [
        {
          alertname: 'Mystery',
          labels: { alertname: 'Mystery' },
          role: 'root',
          resolution: { hint: 'Check GPU utilization, batch size' },
        },
        {
          alertname: 'Wiki',
          labels: { alertname: 'Wiki' },
          role: 'symptom',
          resolution: { webUrl: 'https://wiki.example.com/rb/wiki' },
        },
      ],
    });
    await tick();
    expect(v.frame()).toContain('no runbook found for Mystery: add Mystery.md');
    expect(v.frame()).toContain('runbook note from the alert: Check GPU utilization, batch size');
    await v.press(']', 'o');
    await tick();
    expect(v.frame()).toContain('web runbook: https://wiki.example.com/rb/wiki');
    expect(v.opened).toEqual(['https://wiki.example.com/rb/wiki']);
    v.unmount();
  });

  it('a web runbook says where it came from, and its checks run only on a key press', async () => {
    const prom = new PrometheusClient({ url: 'http://127.0.0.1:9' }, { retries: 0 });
    let runs = 0;
    const web: RunbookEntry = {
      ...entry(FIX),
      web: {
        url: 'https://wiki.example.com/rb/gpu',
        source: 'https://wiki.example.com/rb/gpu.md',
        fetchedAt: new Date(NOW.getTime() - 120_000).toISOString(),
        via: 'cache',
        stale: 'connection refused',
      },
    };
    const v = mount({
      entries: [web],
      autoRun: true,
      runCheck: (b, l) => {
        runs++;
        return runPromqlCheck(prom, b, l, () => NOW);
      },
    });
    await tick();
    // Steps become current (step 1 has a check): nothing runs.
    await v.press('j', 'k');
    await tick(100);
    const f = v.frame();
    expect(f).toContain('web runbook, cached copy 2m old: the site failed (connection refused) · untrusted: its c');
    expect(f).toContain('from https://wiki.example.com/rb/gpu (source https://wiki.example.com/rb/gpu.md)');
    expect(runs).toBe(0);
    await v.press('c');
    await waitFor(
      () => v.frame(),
      (x) => x.includes('! error'),
      'the check result',
    );
    expect(runs).toBeGreaterThan(0);
    v.unmount();
  });

  it('renders only the visible rows and scrolls to keep the current step in view', async () => {
    const v = mount({ entries: [entry(FIX)], height: 12 });
    await tick();
    expect(v.frame().split('\n').length).toBeLessThanOrEqual(12);
    expect(v.frame()).not.toContain('Memory is free again');
    await v.press('G');
    const f = v.frame();
    expect(f.split('\n').length).toBeLessThanOrEqual(12);
    expect(currentLine(f)).toContain('5. Memory is free again.');
    expect(f).not.toContain('GPU out of memory\n');
    v.unmount();
  });
});

describe('runbook view pieces', () => {
  it('maps every key declared for the view and for the note to an action, and nothing undeclared', () => {
    // Esc (nav.back) is the global binding; the view supplies what it does here.
    const declared = [...runbookView.keys!.map((b) => b.id), 'nav.back'].sort();
    expect(Object.keys(RUNBOOK_INPUT).sort()).toEqual(declared);
    expect(Object.keys(RUNBOOK_NOTE_INPUT).sort()).toEqual(RUNBOOK_NOTE_KEYS.map((b) => b.id).sort());
  });

  it('the reducer switches runbooks, scrolls within bounds and keeps notes to one short line', () => {
    let s = viewReducer(INITIAL, { type: 'runbook', delta: -1, count: 3 });
    expect(s.index).toBe(2);
    s = viewReducer(s, { type: 'scroll', delta: 50, max: 10 });
    expect(s).toMatchObject({ top: 10, follow: false });
    s = viewReducer(s, { type: 'noteStart', initial: '' });
    s = viewReducer(s, { type: 'noteType', text: 'a\nb\u001b[2Jc' + 'x'.repeat(300) });
    expect(s.draft!.startsWith('ab[2Jc')).toBe(true);
    expect(s.draft!.length).toBe(200);
  });

  it("layout marks each step's rows and scrollToShow brings a step into view", () => {
    const lay = layoutRunbook({
      runbook: parseRunbook('GPUMemoryOOM.md', FIX),
      labels: LABELS,
      progress: emptyProgress('i', NOW),
      width: 80,
    });
    const [a, b] = lay.stepSpans[4]!;
    expect(lay.rows[a]!.stepHead).toBe(true);
    expect(b).toBeGreaterThan(a);
    const top = scrollToShow(0, lay.stepSpans[4], 6, lay.rows.length);
    expect(top).toBeLessThanOrEqual(a);
    expect(top + 6).toBeGreaterThan(b);
  });

  it("an incident lists the root's runbook first, then symptoms', each runbook once", () => {
    const lib = new RunbookLibrary([shippedRunbookDir()]);
    const alert = (fp: string, name: string): Alert => ({
      fingerprint: fp,
      labels: { alertname: name },
      annotations: {},
      startsAt: '',
      endsAt: '',
      updatedAt: '',
      generatorURL: '',
      receivers: [],
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
    });
    const alerts = [
      alert('a', 'GPUMemoryOOM'),
      alert('b', 'HighErrorRateFastBurn'),
      alert('c', 'HighErrorRateSlowBurn'),
      alert('d', 'BatchTimeout'),
    ];
    const incident = {
      id: 'i',
      root: 'a',
      alerts: alerts.map((x, i) => ({ ...x, layer: 'infrastructure', causedBy: i ? 'a' : null })),
    } as unknown as Incident;
    const es = runbookEntries(alertsInOrder(incident, incident.alerts), (a) => lib.resolve(a));
    expect(es.map((e) => [e.alertname, e.role, e.resolution.runbook?.id])).toEqual([
      ['GPUMemoryOOM', 'root', 'GPUMemoryOOM'],
      ['HighErrorRateFastBurn', 'symptom', 'HighErrorRate'],
      ['BatchTimeout', 'symptom', 'BatchTimeout'],
    ]);
    const picked = runbookEntries(alertsInOrder(incident, [incident.alerts[3]!]), (a) => lib.resolve(a));
    expect(picked.map((e) => [e.alertname, e.role])).toEqual([
      ['BatchTimeout', 'selected'],
      ['GPUMemoryOOM', 'root'],
      ['HighErrorRateFastBurn', 'symptom'],
    ]);
  });
});

describe('runbook view against a real Prometheus', () => {
  const live = usePrometheusWithMetrics();

  it("runs the current step's PromQL check with the alert's labels when it is reached, and again on Enter", async () => {
    const shipped = fs.readFileSync(path.join(shippedRunbookDir(), 'GPUMemoryOOM.md'), 'utf8');
    const v = mount({
      entries: [entry(shipped)],
      autoRun: true,
      runCheck: (b, l) => runPromqlCheck(live.prom(), b, l, () => NOW),
    });
    // GPU 0 has 50 MB free: the step's expectation (> 100 MB) fails.
    let f = await waitFor(v.lastFrame, (s) => s.includes('✗ FAIL'), 'the first check to fail');
    expect(f).toContain('✗ FAIL 50000000; expected > 100000000');
    // Step 2: every GPU of the host; GPU 0 is 99.9% full.
    await v.press('j');
    f = await waitFor(v.lastFrame, (s) => s.includes('(gpu=0); expected < 0.9'), 'the second check');
    expect(f).toMatch(/✗ FAIL 0\.9988 \(gpu=0\); expected < 0\.9 \(1 of 2 series\)/);
    // Step 3 asks for series this Prometheus does not have: no data.
    await v.press('j');
    await waitFor(v.lastFrame, (s) => s.includes('∅ no data'), 'no data');
    expect(
      v.state.progress.runbooks.GPUMemoryOOM!.steps[Object.keys(v.state.progress.runbooks.GPUMemoryOOM!.steps)[0]!]!
        .results![0],
    ).toMatchObject({
      outcome: 'fail',
      query: 'min(gpu_memory_available_bytes{cluster="c1", instance="gpu-1", gpu="0"})',
    });
    v.unmount();

    // The same runbook for GPU 1 (2 GB free) passes.
    const v2 = mount({
      entries: [entry(shipped, { ...LABELS, gpu: '1', model: 'recommender' })],
      autoRun: false,
      runCheck: (b, l) => runPromqlCheck(live.prom(), b, l, () => NOW),
    });
    await tick();
    expect(v2.frame()).toContain('not run yet (Enter runs it)');
    await v2.press('\r');
    f = await waitFor(v2.lastFrame, (s) => s.includes('✓ pass'), 'a pass');
    expect(f).toContain('✓ pass 2000000000; expected > 100000000');
    v2.unmount();
  });
});
