// Views as state hook + input mapping (SLO, GPU, quality, review, silences, runbook, rules): every binding their
// input maps handle is declared where the view's keys are (its definition or the global keys), every key declared
// for the view without a static action is handled, and the pure parts of their state (status lines, layout, detail
// toggles).
import { describe, expect, it } from 'vitest';
import { keymap } from '../src/ui/keymap.js';
import { registry } from '../src/ui/views/registry.js';
import { setupRegistry } from '../src/ui/views/index.js';
import { MEASURES } from '../src/domain/quality/measures.js';
import type { ModelQuality } from '../src/domain/quality/build.js';
import { SLO_DETAIL_INPUT, SLO_INPUT } from '../src/ui/views/slo/input.js';
import { GPU_INPUT } from '../src/ui/views/gpu/input.js';
import { QUALITY_INPUT } from '../src/ui/views/quality/input.js';
import { REVIEW_INPUT } from '../src/ui/views/review/input.js';
import { SILENCES_INPUT } from '../src/ui/views/silences/input.js';
import { RUNBOOK_INPUT } from '../src/ui/views/runbook/input.js';
import { RULES_INPUT } from '../src/ui/views/rules/input.js';
import { HANDOFF_INPUT } from '../src/ui/views/handoff/input.js';
import { sloStatus } from '../src/ui/views/slo/state.js';
import { gpuStatus } from '../src/ui/views/gpu/state.js';
import { modelsPerPage, qualityStatus } from '../src/ui/views/quality/state.js';
import { reviewLayout, toggleOpen } from '../src/ui/views/review/state.js';

const INPUTS: Record<string, Record<string, string>[]> = {
  slo: [SLO_INPUT, SLO_DETAIL_INPUT],
  gpu: [GPU_INPUT],
  quality: [QUALITY_INPUT],
  review: [REVIEW_INPUT],
  silences: [SILENCES_INPUT],
  runbook: [RUNBOOK_INPUT],
  rules: [RULES_INPUT],
  handoff: [HANDOFF_INPUT],
};

describe('view input mappings', () => {
  setupRegistry();

  for (const [view, maps] of Object.entries(INPUTS)) {
    it(`${view}: handles exactly the keys it declares`, () => {
      expect(registry.view(view), view).toBeDefined();
      const handled = new Set(maps.flatMap((m) => Object.keys(m)));
      for (const id of handled) {
        expect(
          keymap.get(id, view) ?? keymap.get(id, 'global'),
          `${id} handled in ${view} but not declared`,
        ).toBeDefined();
      }
      for (const b of keymap.inScope(view)) {
        if (!b.run) expect(handled.has(b.id), `${b.id} declared in ${view} but nothing handles it`).toBe(true);
      }
    });
  }

  it('Esc closes an SLO detail through the global back key, which the view does not redeclare', () => {
    expect(Object.keys(SLO_DETAIL_INPUT)).toEqual(['nav.back']);
    expect(keymap.get('nav.back', 'global')?.keys).toContain('esc');
    expect(keymap.get('nav.open', 'slo')?.description).toMatch(/Esc/);
  });
});

describe('SLO and GPU status lines', () => {
  it('names Prometheus when it fails, says when older data is on screen, else shows the first warning', () => {
    expect(sloStatus('connection refused', undefined)).toBe('Prometheus: connection refused');
    expect(sloStatus('connection refused', { warnings: ['x'] })).toBe(
      'Prometheus: connection refused (showing the last good data)',
    );
    expect(sloStatus(undefined, { warnings: ['pyrra: bad rule', 'y'] })).toBe('pyrra: bad rule');
    expect(sloStatus(undefined, { warnings: [] })).toBeUndefined();
    expect(gpuStatus('timeout', undefined)).toBe('Prometheus: timeout');
    expect(gpuStatus('timeout', { warnings: [], source: 'dcgm' })).toBe(
      'Prometheus: timeout (showing the last good data)',
    );
    expect(gpuStatus(undefined, { warnings: ['w'], source: 'dcgm' })).toBe('w');
    expect(gpuStatus(undefined, { warnings: [], source: 'dcgm' })).toBe('GPU memory from dcgm');
    expect(gpuStatus(undefined, { warnings: [], source: null })).toBeUndefined();
  });
});

describe('quality view', () => {
  const model = (alerts: number) =>
    ({ model: `m${alerts}`, alerts: new Array(alerts).fill(null) }) as unknown as ModelQuality;
  const lines = (alerts: number) => 2 + MEASURES.length + Math.min(2, alerts) + (alerts > 2 ? 1 : 0);

  it('pages by the tallest model, one model at least', () => {
    expect(modelsPerPage(undefined, 21)).toBe(3);
    expect(modelsPerPage([], 6)).toBe(1);
    expect(modelsPerPage([model(0), model(0)], lines(0) * 4)).toBe(4);
    expect(modelsPerPage([model(0), model(5)], lines(5) * 2 + lines(5) - 1)).toBe(2);
    expect(modelsPerPage([model(5)], 1)).toBe(1);
  });

  it('shows the error, else the first warning, else how many models', () => {
    expect(qualityStatus('down', ['w'], [model(0)])).toBe('Prometheus: down');
    expect(qualityStatus(undefined, ['PSI: no data', 'w'], [model(0)])).toBe('PSI: no data');
    expect(qualityStatus(undefined, [], [model(0), model(1)])).toBe('2 models, degraded first · last hour');
    expect(qualityStatus(undefined, [], undefined)).toBe('0 models, degraded first · last hour');
  });
});

describe('review view', () => {
  const finding = { kind: 'flapping', message: 'm', suggestion: 's' };

  it('gives the alerts the lines the services and the open detail leave', () => {
    expect(reviewLayout(30, 4, undefined)).toEqual({ detailHeight: 0, listHeight: 22 });
    expect(reviewLayout(30, 2, { findings: [finding] as never })).toEqual({ detailHeight: 4, listHeight: 20 });
    // At most four findings are shown; at least one alert row stays.
    expect(reviewLayout(30, 0, { findings: new Array(9).fill(finding) })).toEqual({
      detailHeight: 7,
      listHeight: 19,
    });
    expect(reviewLayout(5, 4, { findings: [] })).toEqual({ detailHeight: 3, listHeight: 1 });
  });

  it('Enter opens the selected alert, and closes it when it is the open one', () => {
    expect(toggleOpen(undefined, 'A')).toBe('A');
    expect(toggleOpen('A', 'A')).toBeUndefined();
    expect(toggleOpen('A', 'B')).toBe('B');
  });
});
