import { describe, expect, it } from 'vitest';
import { bucketize, sparkline, sparkLevels } from '../src/domain/charts/sparkline.js';
import { gauge, gaugeSegments } from '../src/domain/charts/gauge.js';
import { bar, barSegments } from '../src/domain/charts/bar.js';

describe('sparkline', () => {
  it('draws a rising series from the lowest to the highest block', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], { width: 8 })).toBe('▁▂▃▄▅▆▇█');
  });
  it('is blank for an empty series, at any width', () => {
    expect(sparkline([], { width: 5 })).toBe('     ');
    expect(sparkline([], { width: 0 })).toBe('');
  });
  it('leaves gaps and NaN blank instead of drawing them as zero', () => {
    expect(sparkline([0, null, 7, NaN, 7], { width: 5 })).toBe('▁ █ █');
    expect(sparkline([NaN, NaN], { width: 2 })).toBe('  ');
  });
  it('draws a constant series at mid height', () => {
    expect(sparkline([3, 3, 3], { width: 3 })).toBe('▄▄▄');
  });
  it('keeps the maximum of each bucket when squeezing, so a spike survives', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 57 ? 10 : 0));
    const s = sparkline(values, { width: 10 });
    expect(s).toHaveLength(10);
    expect([...s].filter((c) => c === '█')).toHaveLength(1);
  });
  it('width 1 shows the worst value', () => {
    expect(sparkline([0, 5, 1], { width: 1, min: 0, max: 5 })).toBe('█');
  });
  it('right-aligns a short series so the newest point is at the right edge', () => {
    expect(bucketize([1, 2], 4)).toEqual([null, null, 1, 2]);
  });
  it('clamps values beyond a fixed scale', () => {
    expect(sparkLevels([-1, 0.5, 2], { width: 3, min: 0, max: 1 })).toEqual([0, 4, 7]);
  });
  it('has an ASCII fallback with the same eight levels', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, null], { width: 9, ascii: true })).toBe('_.-~=+*# ');
  });
});

describe('gauge', () => {
  it('fills in eighths of a cell', () => {
    expect(gauge(0.5, 4)).toBe('██░░');
    expect(gauge(0.5625, 2)).toBe('█▏');
    expect(gauge(1, 3)).toBe('███');
    expect(gauge(0, 3)).toBe('░░░');
  });
  it('clamps values beyond 0 and 1 and says so', () => {
    expect(gaugeSegments(-19, 4)).toMatchObject({ filled: '', empty: '░░░░', clamped: 'below' });
    expect(gaugeSegments(1.5, 4)).toMatchObject({ filled: '████', empty: '', clamped: 'above' });
  });
  it('shows unknown for null and NaN, never a made-up fill', () => {
    expect(gaugeSegments(null, 3)).toMatchObject({ filled: '', empty: '???', unknown: true });
    expect(gauge(NaN, 2)).toBe('??');
  });
  it('width 1 and ASCII', () => {
    expect(gauge(0.9, 1)).toBe('▉');
    expect(gauge(0.5, 4, true)).toBe('##..');
    expect(gauge(0.6, 4, true)).toBe('##..');
    expect(gauge(0.4, 1, true)).toBe('.');
  });
});

describe('burn-rate bar', () => {
  it('puts the threshold marker in the middle of the scale', () => {
    expect(bar(0, { width: 10, threshold: 14.4 })).toBe('     │    ');
  });
  it('splits the fill below and above the threshold', () => {
    const s = barSegments(20.16, { width: 10, threshold: 14.4 }); // 70% of a 28.8 scale
    expect(s).toMatchObject({ below: '█████', above: '██', overflow: false });
    expect(s.below.length + s.above.length + s.rest.length).toBe(10);
  });
  it('marks a value beyond the scale', () => {
    expect(barSegments(1000, { width: 6, threshold: 1 })).toMatchObject({
      below: '███',
      above: '██▶',
      rest: '',
      overflow: true,
    });
    expect(bar(1000, { width: 6, threshold: 1, ascii: true })).toBe('#####>');
  });
  it('shows a tiny burn as one cell rather than nothing', () => {
    expect(barSegments(0.01, { width: 10, threshold: 14.4 }).below).toBe('█');
  });
  it('unknown for null, NaN or no threshold', () => {
    expect(bar(null, { width: 3, threshold: 1 })).toBe('???');
    expect(barSegments(NaN, { width: 3, threshold: 1 }).unknown).toBe(true);
    expect(barSegments(2, { width: 3, threshold: 0 }).unknown).toBe(true);
  });
  it('width 1', () => {
    expect(bar(20, { width: 1, threshold: 14.4 })).toBe('█');
    expect(bar(0, { width: 1, threshold: 14.4 })).toBe('│');
  });
});
