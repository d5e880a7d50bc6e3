import { describe, expect, it } from 'vitest';
import { budgetRemaining, burnRate, conditions, exhaustion, stateOf } from '../src/domain/slo/math.js';
import { matchWindows, tierThreshold, windowName, windowSeconds, WORKBOOK_TIERS } from '../src/domain/slo/windows.js';
import { batch, errorRatioExpr, leMatcher, qualityStepSeconds } from '../src/domain/slo/promql.js';
import { readConfigured, sloWindowQuery } from '../src/domain/slo/evaluate.js';
import { pyrraObjectiveFromExpr, pyrraObjectivesFromRules, readPyrra, readSloth } from '../src/domain/slo/discover.js';
import { alertsForSlo, sortWorstFirst } from '../src/domain/slo/order.js';
import { burnCell, formatExhaustion, formatObjective } from '../src/domain/slo/format.js';
import { parseMatchers } from '../src/domain/matchers.js';
import type { ConfiguredSlo, SloResult } from '../src/domain/slo/types.js';
import type { Alert } from '../src/domain/types.js';

const DAY = 86400;

describe('SLO math (shared/reference/slo-math.md, not the article)', () => {
  it('burn rate = error ratio / budget: 2% errors on 99.9% is 20×, 100% is 1000×', () => {
    expect(burnRate(0.02, 0.999)).toBeCloseTo(20, 9);
    expect(burnRate(1, 0.999)).toBeCloseTo(1000, 6);
    // The article's "86.4 s burned in 1 h" is 2.4% errors: 24×, not 1440×.
    expect(burnRate(86.4 / 3600, 0.999)).toBeCloseTo(24, 9);
    expect(burnRate(null, 0.999)).toBeNull();
    expect(burnRate(NaN, 0.999)).toBeNull();
  });
  it("Workbook thresholds follow from the period: 14.4, 6, 3, 1 for 30 days; Sloth's 13.44 … 0.933 for 28", () => {
    const at = (days: number) => WORKBOOK_TIERS.map((t) => tierThreshold(t, days * DAY, windowSeconds(t.long)));
    at(30).forEach((v, i) => expect(v).toBeCloseTo([14.4, 6, 3, 1][i]!, 9));
    at(28).forEach((v, i) => expect(v).toBeCloseTo([13.44, 5.6, 2.8, 0.9333333][i]!, 6));
  });
  it('page needs both windows of a pair over the threshold', () => {
    const burns = (o: Record<string, number>) => ({
      '5m': 0,
      '30m': 0,
      '1h': 0,
      '2h': 0,
      '6h': 0,
      '1d': 0,
      '3d': 0,
      ...o,
    });
    expect(stateOf(conditions(burns({ '1h': 20, '5m': 20 }), 30 * DAY))).toBe('page');
    expect(stateOf(conditions(burns({ '1h': 20, '5m': 1 }), 30 * DAY))).toBe('ok'); // the problem stopped
    expect(stateOf(conditions(burns({ '6h': 6.5, '30m': 7 }), 30 * DAY))).toBe('page');
    expect(stateOf(conditions(burns({ '1d': 3.5, '2h': 4 }), 30 * DAY))).toBe('ticket');
    expect(stateOf(conditions(burns({ '3d': 1.1, '6h': 1.2 }), 30 * DAY))).toBe('ticket');
    expect(stateOf(conditions(burns({ '1h': 14.4, '5m': 14.4 }), 30 * DAY))).toBe('ok'); // "exceeds" is strict
    expect(stateOf(conditions({}, 30 * DAY))).toBeNull();
  });
  it('budget remaining and time to exhaustion at the 1h burn', () => {
    expect(budgetRemaining(0.0005, 0.999)).toBeCloseTo(0.5, 9);
    expect(budgetRemaining(0.02, 0.999)).toBeCloseTo(-19, 9);
    expect(exhaustion(0.5, 30 * DAY, 2)).toEqual({ seconds: (0.5 * 30 * DAY) / 2 });
    expect(exhaustion(-1, 30 * DAY, 2)).toEqual({ seconds: 0 });
    expect(exhaustion(0.5, 30 * DAY, 0).seconds).toBeNull();
    expect(exhaustion(null, 30 * DAY, 2).reason).toMatch(/unknown/);
  });
  it('window names both ways', () => {
    expect(windowSeconds('1h4m')).toBe(3840);
    expect(windowSeconds('4d')).toBe(4 * DAY);
    expect(windowSeconds('x')).toBeNaN();
    expect(windowName(2592000)).toBe('30d');
    expect(windowName(5400)).toBe('1h30m');
  });
});

const ratio: ConfiguredSlo = {
  name: 'avail',
  kind: 'ratio',
  objective: 0.999,
  periodSeconds: 30 * DAY,
  errors: 'errs_total',
  total: 'reqs_total',
  selector: 'job="x"',
  goodWhen: 'below',
  alertMatchers: [],
};

describe('PromQL for configured SLOs', () => {
  it('ratio, good/total, latency and quality expressions', () => {
    expect(errorRatioExpr(ratio, '5m')).toBe(
      '(sum (rate(errs_total{job="x"}[5m])) or 0 * sum (rate(reqs_total{job="x"}[5m]))) / sum (rate(reqs_total{job="x"}[5m]))',
    );
    expect(errorRatioExpr({ ...ratio, errors: undefined, good: 'ok_total', groupBy: 'model' }, '1h')).toBe(
      '1 - (sum by (model) (rate(ok_total{job="x"}[1h])) or 0 * sum by (model) (rate(reqs_total{job="x"}[1h]))) / sum by (model) (rate(reqs_total{job="x"}[1h]))',
    );
    expect(errorRatioExpr({ ...ratio, kind: 'latency', histogram: 'lat_seconds', threshold: 0.5 }, '5m')).toContain(
      'lat_seconds_bucket{job="x", le=~"0\\\\.5"}',
    );
    expect(leMatcher(1)).toBe('le=~"1|1\\\\.0"');
    expect(errorRatioExpr({ ...ratio, kind: 'quality', gauge: 'psi_score', threshold: 0.2 }, '1h', '30s')).toBe(
      '1 - avg (avg_over_time((psi_score{job="x"} < bool 0.2)[1h:30s]))',
    );
    expect(qualityStepSeconds(300)).toBe(30);
    expect(qualityStepSeconds(30 * DAY)).toBe(7200);
  });
  it('batches every SLO of a window into one query, each result tagged', () => {
    const q = sloWindowQuery([ratio, { ...ratio, name: 'b' }], '1h');
    expect(q.split('\n  or ')).toHaveLength(2);
    expect(q).toContain('label_replace(label_replace((');
    expect(q).toContain('"oncall_slo", "1"');
    expect(batch([{ expr: 'up', tags: { a: '1' } }])).toBe('label_replace((up), "a", "1", "", "")');
  });
  it('reads tagged answers into figures; missing data is null with a reason', () => {
    const s = (slo: string, w: string, value: number, extra: Record<string, string> = {}) => ({
      metric: { oncall_slo: slo, oncall_window: w, ...extra },
      value,
    });
    const wins = ['5m', '30m', '1h', '2h', '6h', '1d'].map((w) => s('0', w, 0.02));
    const [r] = readConfigured([ratio], [...wins, s('0', '3d', NaN)], [s('0', 'period', 0.0005)]);
    expect(r!.windows['5m']).toEqual({ errorRatio: 0.02, burnRate: expect.closeTo(20, 9), threshold: 14.4 });
    expect(r!.windows['3d']!.errorRatio).toBeNull();
    expect(r!.warnings).toContain('no events over 3d (0/0): error ratio unknown');
    expect(r!.state).toBe('page');
    expect(r!.budgetRemaining).toBeCloseTo(0.5, 9);
    const [empty] = readConfigured([ratio], [], []);
    expect(empty!.state).toBeNull();
    expect(empty!.budgetRemaining).toBeNull();
    expect(empty!.warnings[0]).toMatch(/^no data over 5m, 30m, 1h, 2h, 6h, 1d, 3d, the 30d period/);
  });
  it('one result per value of the grouping label', () => {
    const g = { ...ratio, groupBy: 'model' };
    const rs = readConfigured(
      [g],
      [
        { metric: { oncall_slo: '0', oncall_window: '5m', model: 'b' }, value: 0 },
        { metric: { oncall_slo: '0', oncall_window: '5m', model: 'a' }, value: 0.5 },
      ],
      [],
    );
    expect(rs.map((r) => r.name)).toEqual(['avail{model="a"}', 'avail{model="b"}']);
    expect(rs[0]!.group).toEqual({ label: 'model', value: 'a' });
  });
});

describe('Sloth and Pyrra discovery', () => {
  const sl = (name: string, value: number, extra: Record<string, string> = {}) => ({
    metric: { __name__: name, sloth_id: 'svc-avail', sloth_service: 'svc', sloth_slo: 'avail', ...extra },
    value,
  });
  it('Sloth: windows, objective, period and budget from its series', () => {
    const [r] = readSloth([
      sl('sloth_slo_info', 1, { sloth_objective: '99.5' }),
      sl('slo:sli_error:ratio_rate5m', 0.1, { sloth_window: '5m' }),
      sl('slo:sli_error:ratio_rate1h', 0.1, { sloth_window: '1h' }),
      sl('slo:sli_error:ratio_rate30d', 0.001, { sloth_window: '30d' }),
      sl('slo:time_period:days', 30),
      sl('slo:period_error_budget_remaining:ratio', 0.8),
    ]);
    expect(r).toMatchObject({
      name: 'svc/avail',
      source: 'sloth',
      objective: 0.995,
      periodSeconds: 30 * DAY,
      budgetRemaining: 0.8,
      state: 'page',
      periodErrorRatio: 0.001,
    });
    expect(r!.windows['5m']!.burnRate).toBeCloseTo(20, 9);
    expect(r!.windows['30d']).toBeUndefined();
    expect(r!.exhaustionSeconds).toBeCloseTo((0.8 * 30 * DAY) / 20, 3);
  });
  const py = (name: string, value: number, slo = 'api') => ({ metric: { __name__: name, slo, job: 'api' }, value });
  const sevenWindows = ['5m', '30m', '1h', '2h', '6h', '1d', '4d'];
  it('Pyrra: ratios divided by the budget, 4d playing the 3d part, objective and window from generic rules', () => {
    const [r] = readPyrra([
      ...sevenWindows.map((w) => py(`http_requests:burnrate${w}`, 0.02)),
      { metric: { __name__: 'pyrra_objective', slo: 'api' }, value: 0.999 },
      { metric: { __name__: 'pyrra_window', slo: 'api' }, value: 28 * DAY },
      { metric: { __name__: 'pyrra_availability', slo: 'api' }, value: 0.9995 },
    ]);
    expect(r).toMatchObject({ name: 'api', source: 'pyrra', objective: 0.999, periodSeconds: 28 * DAY, state: 'page' });
    expect(r!.windows['1h']!.burnRate).toBeCloseTo(20, 9);
    expect(r!.budgetRemaining).toBeCloseTo(0.5, 6);
    expect(r!.conditions[3]).toMatchObject({ long: '4d', short: '6h' });
    expect(burnCell(r!, '3d')).toBe('20.0× (4d)');
    expect(r!.warnings).toEqual([]);
  });
  it('Pyrra without generic rules: objective from the alert rule, period assumed and said, budget unknown', () => {
    const rules = pyrraObjectivesFromRules([
      {
        query: 'http_requests:burnrate5m{slo="api"} > (14 * (1-0.995)) and x > (14 * (1-0.995))',
        labels: { slo: 'api' },
      },
    ]);
    expect(rules.get('api')).toBe(0.995);
    const [r] = readPyrra(
      sevenWindows.map((w) => py(`http_requests:burnrate${w}`, 0.001)),
      rules,
    );
    expect(r!.objective).toBe(0.995);
    expect(r!.periodSeconds).toBe(28 * DAY);
    expect(r!.budgetRemaining).toBeNull();
    expect(r!.warnings.join('\n')).toMatch(/alert rule[\s\S]*pyrra_window missing[\s\S]*pyrra_availability/);
    const [none] = readPyrra(sevenWindows.map((w) => py(`http_requests:burnrate${w}`, 0.001)));
    expect(none!.objective).toBeNull();
    expect(none!.windows['5m']!.burnRate).toBeNull();
    expect(none!.state).toBeNull();
  });
  it('reads the objective out of Pyrra alert expressions', () => {
    expect(pyrraObjectiveFromExpr('x > (14 * (1-0.99))')).toBe(0.99);
    expect(pyrraObjectiveFromExpr('x > (1 - 0.9995) * 7')).toBe(0.9995);
    expect(pyrraObjectiveFromExpr('x > 0.5')).toBeNull();
  });
  it('ignores :burnrate series without an slo label (e.g. the kubernetes mixin)', () => {
    expect(readPyrra([{ metric: { __name__: 'apiserver_request:burnrate1h' }, value: 0.1 }])).toEqual([]);
  });
});

describe('order and alerts', () => {
  const base = readConfigured([ratio], [], [])[0]!;
  const mk = (name: string, budgetRemaining: number | null, state: SloResult['state']): SloResult => ({
    ...base,
    name,
    budgetRemaining,
    state,
  });
  it('least budget first, unknown budgets last', () => {
    expect(
      sortWorstFirst([mk('a', 0.9, 'ok'), mk('b', null, 'page'), mk('c', -2, 'page'), mk('d', 0.1, 'ticket')]).map(
        (s) => s.name,
      ),
    ).toEqual(['c', 'd', 'a', 'b']);
  });
  it('alerts belong to an SLO by its matchers and its group value', () => {
    const alert = (labels: Record<string, string>) => ({ labels }) as unknown as Alert;
    const slo = { alertMatchers: parseMatchers('slo="avail"'), group: { label: 'model', value: 'a' } };
    const got = alertsForSlo(slo, [
      alert({ slo: 'avail', model: 'a' }),
      alert({ slo: 'avail', model: 'b' }),
      alert({ slo: 'avail' }),
      alert({ slo: 'other', model: 'a' }),
    ]);
    expect(got.map((a) => a.labels.model ?? '-')).toEqual(['a', '-']);
  });
  it('formats', () => {
    expect(formatObjective(0.999)).toBe('99.9%');
    expect(formatExhaustion(0)).toBe('exhausted');
    expect(formatExhaustion(5400)).toBe('in 1h30m');
  });
});

describe('recorded windows matched to the Workbook windows', () => {
  it("by length, not position: Pyrra's 4d plays 3d, and a missing window shifts nothing", () => {
    expect(matchWindows(['5m', '30m', '1h', '2h', '6h', '1d', '4d'])).toEqual({
      '5m': '5m',
      '30m': '30m',
      '1h': '1h',
      '2h': '2h',
      '6h': '6h',
      '1d': '1d',
      '3d': '4d',
    });
    expect(matchWindows(['5m', '1h', '6h', '4d'])).toEqual({ '5m': '5m', '1h': '1h', '6h': '6h', '3d': '4d' });
    expect(matchWindows(['90d'])).toEqual({});
  });
});
