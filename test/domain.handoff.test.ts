// The handoff report's pure parts: which silences are listed and why, the budget burned over a window, open and
// resolved incidents, and the Markdown (parsed with marked: sections, tables, "none" and "unknown", escaping).
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildHandoff, type HandoffInputs } from '../src/domain/handoff/build.js';
import { handoffMarkdown, mdCell } from '../src/domain/handoff/markdown.js';
import { budgetBurned } from '../src/domain/handoff/signals.js';
import { handoffSilences } from '../src/domain/handoff/silences.js';
import { groupIncidents } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { parseMatchers } from '../src/domain/matchers.js';
import type { Alert, Silence } from '../src/domain/types.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;
const iso = (t: number) => new Date(t).toISOString();

const alert = (labels: Record<string, string>, startsAgo: number, extra: Partial<Alert> = {}): Alert => ({
  fingerprint: Object.values(labels).join('-'),
  labels,
  annotations: {},
  startsAt: iso(NOW - startsAgo),
  endsAt: '',
  updatedAt: '',
  generatorURL: '',
  receivers: [],
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  ...extra,
});

const silence = (id: string, m: string, o: Partial<Silence>): Silence => ({
  id,
  matchers: parseMatchers(m),
  startsAt: iso(NOW - H),
  endsAt: iso(NOW + H),
  updatedAt: iso(NOW - H),
  createdBy: 'alice',
  comment: 'maintenance',
  status: 'active',
  ...o,
});

const inputs = (over: Partial<HandoffInputs> = {}): HandoffInputs => ({
  context: 'prod',
  now: NOW,
  windowMs: 12 * H,
  incidents: [],
  silences: { silences: [] },
  untilResolved: new Set(),
  watcher: { running: false, writer: null, ageSeconds: null },
  progress: [],
  outline: () => undefined,
  slos: { results: [], windowRatio: new Map() },
  gpus: { horizonSeconds: 7200, gpus: [] },
  quality: [],
  down: [],
  warnings: [],
  ...over,
});

describe('handoff silences', () => {
  const firing = [alert({ alertname: 'A' }, 10 * MIN), alert({ alertname: 'B' }, 10 * MIN)];
  it('lists those created or ended in the window, ending soon while firing, or until resolved; each once, with why', () => {
    const out = handoffSilences({
      silences: [
        silence('new', 'alertname="A"', { endsAt: iso(NOW + 30 * MIN) }),
        silence('old-quiet', 'alertname="Z"', { startsAt: iso(NOW - 20 * H), endsAt: iso(NOW + H) }),
        silence('old-soon', 'alertname="B"', { startsAt: iso(NOW - 20 * H), endsAt: iso(NOW + 90 * MIN) }),
        silence('old-later', 'alertname="B"', { startsAt: iso(NOW - 20 * H), endsAt: iso(NOW + 3 * H) }),
        silence('ended', 'alertname="B"', { startsAt: iso(NOW - 20 * H), endsAt: iso(NOW - 2 * H), status: 'expired' }),
        silence('ended-before', 'alertname="B"', {
          startsAt: iso(NOW - 30 * H),
          endsAt: iso(NOW - 13 * H),
          status: 'expired',
        }),
        silence('ur', 'alertname="Z"', {
          startsAt: iso(NOW - 20 * H),
          endsAt: iso(NOW + 5 * H),
          comment: 'ack by bob',
        }),
      ],
      firing,
      untilResolved: new Set(['ur']),
      now: NOW,
      windowMs: 12 * H,
    });
    expect(out.map((s) => [s.ids.join('+'), s.kind, s.reasons.join(', '), s.firing])).toEqual([
      ['new', 'silence', 'created, ends soon', 1],
      ['old-soon', 'silence', 'ends soon', 1],
      ['ur', 'ack', 'until resolved', 0],
      ['ended', 'silence', 'ended', 1],
    ]);
  });
});

describe('budget burned over a window', () => {
  it('is the error ratio over the budget times the window share of the period', () => {
    // 1% errors for 12h on a 99.9% 30-day SLO: 10x burn for 1/60 of the period.
    expect(budgetBurned(0.01, 0.999, 12 * 3600, 30 * 86400)).toBeCloseTo(10 / 60, 6);
    expect(budgetBurned(null, 0.999, 3600, 86400)).toBeNull();
    expect(budgetBurned(0.01, 1, 3600, 86400)).toBeNull();
  });
});

describe('handoff incidents and Markdown', () => {
  const opts = groupingOptions({});
  const resolvedAt = iso(NOW - 2 * H);
  const incidents = groupIncidents(
    [
      alert({ alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'c', instance: 'n1' }, 30 * MIN),
      alert({ alertname: 'BatchTimeout', severity: 'warning', cluster: 'c', instance: 'n1' }, 20 * MIN, {
        state: 'suppressed',
        silencedBy: ['s1'],
      }),
      alert({ alertname: 'DiskSpaceLow', severity: 'warning', instance: 'db' }, 5 * H, {
        annotations: { summary: 'a | b `c`\nd <b>e</b>' },
        resolvedAt,
      }),
      alert({ alertname: 'Watchdog', severity: 'none' }, 10 * H),
    ],
    opts,
  );

  it('puts the open ones worst first with who muted them, and the resolved ones with duration and root cause', () => {
    const h = buildHandoff(
      inputs({
        incidents,
        silences: {
          silences: [silence('s1', 'alertname="BatchTimeout"', { createdBy: 'bob', comment: 'ack by bob' })],
        },
      }),
    );
    expect(h.openIncidents!.map((i) => [i.root.alertname, i.state, i.mutedBy.map((m) => `${m.kind} ${m.by}`)])).toEqual(
      [['GPUMemoryOOM', 'active', ['ack bob']]],
    );
    expect(h.resolvedIncidents!.map((i) => [i.rootCause.alertname, i.durationSeconds, i.resolvedAt])).toEqual([
      ['DiskSpaceLow', 3 * 3600, resolvedAt],
    ]);
  });

  it('renders sections as tables, says none and unknown, escapes what would break a cell, and names a backend down', () => {
    const md = handoffMarkdown(
      buildHandoff(
        inputs({
          incidents,
          slos: null,
          gpus: null,
          down: [
            {
              backend: 'prometheus',
              name: 'prom-0',
              error: 'connection refused',
              dataAgeSeconds: null,
              missing: ['SLOs', 'GPUs'],
              remembered: null,
            },
          ],
        }),
      ),
    );
    expect(md).not.toMatch(/\u001b/);
    const tokens = marked.lexer(md);
    expect(tokens[0]).toMatchObject({ type: 'heading', depth: 1 });
    expect(tokens.find((t) => t.type === 'blockquote')!.raw).toMatch(
      /^> \*\*prometheus prom-0 is down\*\*: connection refused\. No data from it; missing: SLOs, GPUs\./,
    );
    const headings = tokens
      .filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 2)
      .map((t) => t.text);
    expect(headings).toEqual([
      'Open incidents (1)',
      'Resolved during the window (1)',
      'Silences and acks (0)',
      'Runbooks in progress (0)',
      'SLOs (?)',
      'GPUs predicted full (?)',
      'Models with a quality alert (0)',
    ]);
    const after = (h: string) =>
      tokens
        .slice(tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === h) + 1)
        .find((t) => t.type !== 'space')!;
    expect(after('Silences and acks (0)')).toMatchObject({ type: 'paragraph', text: 'none' });
    expect(after('SLOs (?)')).toMatchObject({ type: 'paragraph', text: 'unknown: Prometheus did not answer' });
    const resolved = after('Resolved during the window (1)') as Tokens.Table;
    expect(resolved.type).toBe('table');
    expect(resolved.rows).toHaveLength(1);
    expect(resolved.rows[0]).toHaveLength(resolved.header.length);
    expect(marked.parseInline(resolved.rows[0]![2]!.text)).toBe('DiskSpaceLow: a | b `c` d &lt;b&gt;e&lt;/b&gt;');
  });

  it('mdCell keeps the text on one line and inside its cell', () => {
    expect(mdCell('a|b\nc`d`\\')).toBe('a\\|b c\\`d\\`\\\\');
  });
});

describe('handoff runbooks', () => {
  it('hands over steps done, skipped, noted or failing, in the runbook order; not passing checks alone', async () => {
    const { handoffRunbooks } = await import('../src/domain/handoff/runbooks.js');
    const { emptyProgress, setNote, setResult, toggleStep } = await import('../src/domain/runbook/progress.js');
    const t = new Date(NOW - H);
    const check = (outcome: 'pass' | 'fail') => ({ outcome, summary: outcome, query: 'q', at: iso(NOW - H) });
    let p = emptyProgress('inc-1', t);
    p = setResult(p, 'oom', 'first', 0, check('pass'), t);
    p = setResult(p, 'oom', 'second', 0, check('fail'), t);
    p = toggleStep(p, 'oom', 'third', 'done', t);
    p = setNote(p, 'oom', 'fourth', 'asked the team', t);
    const old = toggleStep(
      emptyProgress('inc-gone', new Date(NOW - 20 * H)),
      'oom',
      'third',
      'done',
      new Date(NOW - 20 * H),
    );
    const out = handoffRunbooks({
      progress: [old, p],
      outline: (id) =>
        id === 'oom'
          ? {
              title: 'GPU OOM',
              steps: ['first', 'fourth', 'third', 'second'].map((k) => ({ key: k, text: k.toUpperCase() })),
            }
          : undefined,
      incidents: new Map([['inc-1', { title: 'GPUMemoryOOM on n1', open: true }]]),
      now: NOW,
      windowMs: 12 * H,
    });
    expect(out.map((r) => [r.incidentId, r.title, r.done, r.skipped, r.total])).toEqual([
      ['inc-1', 'GPU OOM', 1, 0, 4],
    ]);
    expect(out[0]!.steps.map((s) => [s.step, s.state])).toEqual([
      ['FOURTH', 'pending'],
      ['THIRD', 'done'],
      ['SECOND', 'pending'],
    ]);
    expect(out[0]!.notes).toEqual([{ step: 'FOURTH', note: 'asked the team' }]);
    expect(out[0]!.failingChecks.map((c) => [c.step, c.outcome])).toEqual([['SECOND', 'fail']]);
  });
});

describe('handoff last good data', () => {
  it('keeps the sections of a backend that stopped answering, with their age, and takes fresh ones as they come', async () => {
    const { carryLastGood } = await import('../src/domain/handoff/carry.js');
    const incidents = groupIncidents(
      [alert({ alertname: 'GPUMemoryOOM', severity: 'critical' }, 5 * MIN)],
      groupingOptions({}),
    );
    const first = buildHandoff(inputs({ incidents }));
    const { last } = carryLastGood(first, {});
    const down = {
      backend: 'alertmanager' as const,
      name: 'am-0',
      error: 'connection refused',
      dataAgeSeconds: null,
      missing: ['open incidents'],
      remembered: null,
    };
    const later = buildHandoff(
      inputs({ now: NOW + 3 * MIN, incidents: null, silences: null, quality: null, down: [down] }),
    );
    const carried = carryLastGood(later, last);
    expect(carried.report.openIncidents!.map((i) => i.root.alertname)).toEqual(['GPUMemoryOOM']);
    expect(carried.report.down[0]!.dataAgeSeconds).toBe(180);
    expect(carried.report.slos).toEqual(later.slos);
    expect(handoffMarkdown(carried.report)).toMatch(
      /> \*\*alertmanager am-0 is down\*\*: connection refused\. Its sections \(open incidents\) are as last read, 3m ago\./,
    );
    const back = carryLastGood(buildHandoff(inputs({ now: NOW + 4 * MIN, incidents: [] })), carried.last);
    expect(back.report.openIncidents).toEqual([]);
    expect(back.last.alertmanager!.at).toBe(NOW + 4 * MIN);

    // Incidents from incident memory are never kept as last good, and this process's own last read beats them.
    const asOf = new Date(NOW + 2 * MIN).toISOString();
    const memDown = {
      ...down,
      dataAgeSeconds: 300,
      missing: ['silences and acks'],
      remembered: { sections: ['open incidents'], asOf },
    };
    const fromMemory = buildHandoff(
      inputs({ now: NOW + 7 * MIN, incidents: null, remembered: { incidents, asOf }, silences: null, down: [memDown] }),
    );
    expect(fromMemory.openIncidents!.map((i) => [i.source, i.asOf, i.state])).toEqual([['memory', asOf, 'unknown']]);
    expect(handoffMarkdown(fromMemory)).toMatch(/## Open incidents \(1, as last seen 2026-12-07 12:02Z \(5m ago\)\)/);
    expect(carryLastGood(fromMemory, {}).last.alertmanager).toBeUndefined();
    const preferred = carryLastGood(fromMemory, back.last).report;
    expect(preferred.openIncidents).toEqual([]);
    expect(preferred.down[0]).toMatchObject({
      dataAgeSeconds: 180,
      remembered: null,
      missing: ['open incidents', 'silences and acks'],
    });
  });
});
