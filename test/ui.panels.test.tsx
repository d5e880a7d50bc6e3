import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { colorTheme, noColorTheme } from '../src/ui/theme.js';
import { SloPanel, detailLines, stateStyle, stateWord } from '../src/ui/views/slo/SloPanel.js';
import { INITIAL_SLO_VIEW, burnBarWidth, sloViewReducer, visibleSlos } from '../src/ui/views/slo/state.js';
import { GpuPanel, timeToFullText } from '../src/ui/views/gpu/GpuPanel.js';
import { gpuRowKey, incidentsOnHost } from '../src/ui/views/gpu/state.js';
import { QualityPanel, fittingModels, modelLines } from '../src/ui/views/quality/QualityPanel.js';
import { readConfigured } from '../src/domain/slo/evaluate.js';
import { buildQualityReport } from '../src/domain/quality/build.js';
import type { ConfiguredSlo } from '../src/domain/slo/types.js';
import type { GpuResult } from '../src/domain/gpu/analyse.js';
import type { Alert } from '../src/domain/types.js';

const DAY = 86400;
const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const slo = (name: string, objective: number): ConfiguredSlo => ({
  name,
  kind: 'ratio',
  objective,
  periodSeconds: 30 * DAY,
  errors: 'e',
  total: 't',
  goodWhen: 'below',
  alertMatchers: [],
});
const s = (i: number, w: string, value: number) => ({ metric: { oncall_slo: String(i), oncall_window: w }, value });
// SLO 0: 2% errors on 99.9% everywhere (20×, a page, budget overspent); SLO 1: quiet; SLO 2: no data at all.
const slos = readConfigured(
  [slo('checkout', 0.999), slo('search', 0.99), slo('empty', 0.999)],
  [...WINDOWS.map((w) => s(0, w, 0.02)), ...WINDOWS.map((w) => s(1, w, 0.001))],
  [s(0, 'period', 0.004), s(1, 'period', 0.005)],
);
const alert = (labels: Record<string, string>, summary = ''): Alert => ({
  fingerprint: Object.values(labels).join('-'),
  labels,
  annotations: { summary },
  startsAt: '',
  endsAt: '',
  updatedAt: '',
  generatorURL: '',
  receivers: [],
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
});

describe('SLO view', () => {
  it('shows each SLO with its state in words, objective/period, budget gauge and a burn bar per window', () => {
    const { lastFrame } = render(
      <SloPanel
        slos={slos}
        selected={0}
        offset={0}
        visible={3}
        width={100}
        theme={noColorTheme}
        ascii={false}
        expanded={null}
        detail={null}
      />,
    );
    const f = lastFrame()!;
    const lines = f.split('\n');
    expect(lines[0]).toMatch(/3 SLOs, least budget left first/);
    expect(lines[1]).toMatch(/▶ checkout\s+PAGE\s+99\.9%\/30d\s+left ░+ -300\.0% of 30d\s+EXHAUSTED/);
    for (const w of WINDOWS) expect(lines[2]).toContain(`${w.padStart(3)} `);
    expect(lines[2]).toContain('20.0×');
    expect(lines[3]).toMatch(/search\s+ok\s+99%\/30d\s+left █████░░░░░ 50\.0% of 30d\s+empty in 150d/);
    expect(lines[4]).toContain(' 5m █ │ 0.10×');
    expect(lines[2]).toContain(' 5m ███ 20.0× 30m ██▶ 20.0×');
    expect(lines[5]).toMatch(/empty\s+unknown 99\.9%\/30d\s+left \?{10} — of 30d/);
    expect(lines[6]).toContain('—');
    expect(lines.length).toBeLessThanOrEqual(1 + 2 * 3);
  });
  it('colours the state as well as naming it', () => {
    expect(stateStyle(colorTheme, 'page')).toBe(colorTheme.critical);
    expect(stateStyle(colorTheme, 'ticket')).toBe(colorTheme.warning);
    expect(stateStyle(colorTheme, 'ok')).toBe(colorTheme.ok);
    expect(stateStyle(colorTheme, null)).toBe(colorTheme.muted);
    expect(stateWord('ticket')).toBe('TICKET');
    expect(stateWord(null)).toBe('unknown');
  });
  it("Enter opens the error ratio over the period and the SLO's alerts under it; windows named with the conditions", () => {
    const detail = {
      series: [
        [1, 0],
        [2, 0.01],
        [3, 0.02],
      ] as [number, number][],
      stepSeconds: 43200,
      alerts: [alert({ alertname: 'HighErrorRateFastBurn', severity: 'critical' }, 'burning')],
    };
    const { lastFrame } = render(
      <SloPanel
        slos={slos}
        selected={0}
        offset={0}
        visible={1}
        width={100}
        theme={noColorTheme}
        ascii={false}
        expanded={slos[0]!.id}
        detail={detail}
      />,
    );
    const f = lastFrame()!;
    expect(f).toMatch(/error ratio over 30d \(cell 12h, max 2\.000%\) .*▁.*█/);
    expect(f).toMatch(/page\s+1h & 5m\s+> 14\.4×\s+now 20\.0× & 20\.0×\s+FIRING/);
    expect(f).toMatch(/ticket\s+3d & 6h\s+> 1\.00×/);
    expect(f).toContain('firing alerts (1):');
    expect(f).toContain('HighErrorRateFastBurn critical burning');
    expect(detailLines(slos[0]!, null, 120, false)[0]!.text).toMatch(/loading/);
  });
  it('ASCII fallback', () => {
    const { lastFrame } = render(
      <SloPanel
        slos={slos}
        selected={0}
        offset={0}
        visible={2}
        width={100}
        theme={noColorTheme}
        ascii
        expanded={null}
        detail={null}
      />,
    );
    const bars = lastFrame()!
      .split('\n')
      .filter((l) => l.includes(' 5m '));
    expect(bars).toHaveLength(2);
    for (const l of bars) expect(l).not.toMatch(/[█░▁▂▃▄▅▆▇│]/);
    expect(bars[0]).toContain(' 5m ### 20.0×');
    expect(bars[1]).toContain(' 5m # | 0.10×');
    expect(lastFrame()).toContain('left .......... -300.0%');
  });
  it('reducer: Enter toggles, Esc closes, a vanished SLO closes', () => {
    let st = sloViewReducer(INITIAL_SLO_VIEW, { type: 'toggle', id: 'a' });
    expect(st.expanded).toBe('a');
    expect(sloViewReducer(st, { type: 'toggle', id: 'a' }).expanded).toBeNull();
    expect(sloViewReducer(st, { type: 'toggle', id: 'b' }).expanded).toBe('b');
    expect(sloViewReducer(st, { type: 'refreshed', ids: ['a'] })).toBe(st);
    st = sloViewReducer(st, { type: 'refreshed', ids: ['b'] });
    expect(st.expanded).toBeNull();
    expect(sloViewReducer(st, { type: 'close' })).toBe(st);
    expect(visibleSlos(20, 0)).toBe(9);
    expect(visibleSlos(20, 9)).toBe(5);
    expect(visibleSlos(2, 30)).toBe(1);
    expect(burnBarWidth(100)).toBe(3);
    expect(burnBarWidth(20)).toBe(1);
  });
});

const gpu = (
  host: string,
  g: string,
  usedRatio: number | null,
  state: GpuResult['state'],
  ttf: number | null,
  values: number[],
): GpuResult => ({
  cluster: null,
  host,
  gpu: g,
  labels: {},
  source: 'dcgm',
  usedRatio,
  series: values.map((v, i) => [i * 60, v]),
  timeToFullSeconds: ttf,
  slopePerHour: null,
  state,
  warnings: [],
});

describe('GPU view', () => {
  const gpus = [
    gpu('gpu-node-1', '1', 0.95, 'critical', null, [0.95, 0.95]),
    gpu('gpu-node-1', '0', 0.81, 'warning', 1500, [0.5, 0.6, 0.7, 0.81]),
    gpu('gpu-node-2', '0', null, null, null, []),
  ];
  it('one sparkline per GPU, worst first as given, with state, share and time to full', () => {
    const { lastFrame } = render(
      <GpuPanel
        gpus={gpus}
        selected={1}
        offset={0}
        visible={5}
        width={90}
        theme={noColorTheme}
        ascii={false}
        thresholds={{ warn: 0.7, critical: 0.9 }}
      />,
    );
    const lines = lastFrame()!.split('\n');
    expect(lines[0]).toMatch(/HOST\s+GPU\s+USED\s+STATE\s+TIME TO FULL\s+LAST 1h \(0–100%; warn 70%/);
    expect(lines[1]).toMatch(/^ {2}gpu-node-1\s+1\s+95% critical\s+██$/);
    expect(lines[2]).toMatch(/^▶ gpu-node-1\s+0\s+81% warning\s+full in ~25m\s+▅▅▆▇$/);
    expect(lines[3]).toMatch(/gpu-node-2\s+0\s+— unknown/);
  });
  it('ASCII fallback and time-to-full text', () => {
    const { lastFrame } = render(
      <GpuPanel
        gpus={gpus.slice(0, 1)}
        selected={0}
        offset={0}
        visible={5}
        width={70}
        theme={noColorTheme}
        ascii
        thresholds={{ warn: 0.7, critical: 0.9 }}
      />,
    );
    expect(lastFrame()).toMatch(/ ##$/m);
    expect(timeToFullText(0)).toBe('FULL');
    expect(timeToFullText(null)).toBe('');
    expect(timeToFullText(59)).toBe('full in ~1m');
  });
  it('a row opens the incidents on its host', () => {
    expect(incidentsOnHost({ host: 'gpu-node-1', cluster: null })).toEqual({
      view: 'incidents',
      state: [
        ['incidents.filter', 'gpu-node-1'],
        ['incidents.filtering', false],
      ],
    });
    expect(incidentsOnHost({ host: 'gpu-node-1', cluster: 'eu-west' }).state[0]).toEqual([
      'incidents.filter',
      'eu-west gpu-node-1',
    ]);
  });
  it('a row keeps its selection by cluster, host and GPU: the same host name in two clusters is two rows', () => {
    expect(gpuRowKey({ cluster: 'eu-west', host: 'gpu-node-1', gpu: '0' })).not.toBe(
      gpuRowKey({ cluster: 'us-east', host: 'gpu-node-1', gpu: '0' }),
    );
    expect(gpuRowKey({ cluster: null, host: 'gpu-node-1', gpu: '0' })).not.toBe(
      gpuRowKey({ cluster: null, host: 'gpu-node-1', gpu: '1' }),
    );
  });
});

describe('quality view', () => {
  const pts = (v: number): [number, number][] => [
    [940, v * 0.5],
    [1000, v],
  ];
  const report = buildQualityReport(
    [
      { metric: { oncall_quality: 'psi', model: 'fraud' }, values: pts(0.31) },
      { metric: { oncall_quality: 'similarity', model: 'fraud' }, values: pts(0.9) },
      { metric: { oncall_quality: 'accuracy', model: 'fraud' }, values: pts(-0.08) },
      { metric: { oncall_quality: 'corrections', model: 'fraud' }, values: pts(0.02) },
      { metric: { oncall_quality: 'psi', model: 'ranker' }, values: pts(0.05) },
    ],
    [alert({ alertname: 'PredictionDistributionShift', severity: 'warning', model: 'fraud' }, 'PSI 0.31 \u001b[2J')],
    1000,
  );
  it("a panel per model with each measure, its threshold, a sparkline and the model's alerts", () => {
    const { lastFrame } = render(
      <QualityPanel
        models={report.models}
        selected={0}
        offset={0}
        width={100}
        height={30}
        theme={noColorTheme}
        ascii={false}
      />,
    );
    const f = lastFrame()!;
    expect(f).toMatch(/▶ model fraud\s+DEGRADED/);
    expect(f).toMatch(/PSI \(prediction drift\)\s+0\.310\s+BREACHED\s+> 0\.2 is bad\s+▁+█/);
    expect(f).toMatch(/embedding similarity to baseline\s+0\.900\s+ok\s+< 0\.85 is bad/);
    expect(f).toMatch(/accuracy vs baseline\s+-8\.0%\s+BREACHED\s+< -5% is bad/);
    expect(f).toMatch(/user-correction rate \(1h\)\s+2\.0%\s+ok\s+> 5% is bad/);
    expect(f).toContain('PredictionDistributionShift warning  PSI 0.31');
    expect(f).not.toContain('\u001b[2J');
    expect(f).toMatch(/model ranker\s+ok/);
    expect(f).toMatch(/embedding similarity to baseline\s+—\s+no data/);
  });
  it('shows only the models that fit', () => {
    expect(modelLines(report.models[0]!)).toBe(7);
    expect(fittingModels(report.models, 0, 10)).toBe(1);
    expect(fittingModels(report.models, 0, 13)).toBe(2);
    expect(fittingModels(report.models, 0, 1)).toBe(1);
    const { lastFrame } = render(
      <QualityPanel models={report.models} selected={1} offset={1} width={100} height={7} theme={noColorTheme} ascii />,
    );
    expect(lastFrame()).toMatch(/▶ model ranker/);
    expect(lastFrame()).not.toContain('fraud');
  });
});
