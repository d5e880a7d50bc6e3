// The pure parts of the history work: episodes from step times, silences and acks over past episodes, the
// history start read from a heartbeat, and a triangle of causes pruned only where it is indirect.
import { describe, expect, it } from 'vitest';
import { episodesOf, type History } from '../src/domain/history/episodes.js';
import { buildReview } from '../src/domain/history/review.js';
import { suggestRules } from '../src/domain/history/suggest.js';
import { isAckSilence } from '../src/domain/silence/ack.js';
import { parseMatchers } from '../src/domain/matchers.js';
import type { Silence } from '../src/domain/types.js';

const steps = (from: number, n: number, step = 60) => Array.from({ length: n }, (_, i) => from + i * step);

describe('episodes', () => {
  it('ends a run at a gap of more than a step and keeps it across a missing point only within tolerance', () => {
    const h: History = {
      since: 0,
      until: 100_000,
      stepSeconds: 60,
      series: [
        { labels: { alertname: 'A' }, times: [...steps(600, 5), ...steps(600 + 6 * 60, 3), ...steps(99_880, 2)] },
      ],
    };
    const eps = episodesOf(h);
    expect(eps.map((e) => [e.start, e.samples, e.open])).toEqual([
      [600, 5, false],
      [960, 3, false],
      [99_880, 2, true],
    ]);
  });
});

describe('review over past silences and acks', () => {
  it('counts an episode as acted on when a silence or ack was in force during it', () => {
    const day = 86400;
    const h: History = {
      since: 0,
      until: 14 * day,
      stepSeconds: 60,
      series: [
        {
          labels: { alertname: 'Disk', severity: 'critical', service: 'db' },
          times: [...steps(day, 10), ...steps(3 * day, 10), ...steps(5 * day, 10)],
        },
      ],
    };
    const sil = (from: number, to: number, comment: string): Silence => ({
      id: comment,
      matchers: parseMatchers('alertname="Disk"'),
      startsAt: new Date(from * 1000).toISOString(),
      endsAt: new Date(to * 1000).toISOString(),
      updatedAt: '',
      createdBy: 'x',
      comment,
      status: 'expired',
    });
    const r = buildReview(
      {
        history: h,
        silences: [sil(day + 300, day + 3600, 'ack by bob'), sil(3 * day - 7200, 3 * day - 3600, 'too early')],
        rules: new Map(),
        hasRunbook: () => true,
      },
      isAckSilence,
    );
    expect(r.alerts[0]).toMatchObject({
      firings: 3,
      actedOn: 1,
      acked: 1,
      neverActedOn: 2,
      neverActedOnPages: 2,
      firingsPerWeek: 1.5,
    });
  });

  it('starts the window where the heartbeat starts when the history is shorter than asked', () => {
    const day = 86400;
    const h: History = {
      since: 0,
      until: 30 * day,
      stepSeconds: 60,
      series: [
        { labels: { alertname: 'Watchdog' }, times: steps(16 * day, 14 * 1440) },
        { labels: { alertname: 'A' }, times: steps(20 * day, 5) },
      ],
    };
    const r = buildReview({ history: h, silences: [], rules: new Map(), hasRunbook: () => true }, isAckSilence);
    expect(r.weeks).toBeCloseTo(2, 2);
    expect(r.alerts.find((a) => a.alertname === 'Watchdog')!.timeFiringRatio).toBeGreaterThan(0.99);
  });

  it('starts the window at the oldest sample when alerts fired before the heartbeat began', () => {
    // The demo's shape: two weeks of ALERTS backfilled without a Watchdog, whose live samples began a minute ago.
    const day = 86400;
    const h: History = {
      since: 0,
      until: 30 * day,
      stepSeconds: 2,
      series: [
        { labels: { alertname: 'Watchdog' }, times: steps(30 * day - 60, 30, 2) },
        { labels: { alertname: 'A' }, times: [...steps(16 * day, 300, 2), ...steps(23 * day, 300, 2)] },
        { labels: { alertname: 'B' }, times: steps(25 * day, 300, 2) },
      ],
    };
    const r = buildReview({ history: h, silences: [], rules: new Map(), hasRunbook: () => true }, isAckSilence);
    expect(r.since).toBe(new Date((16 * day - 2) * 1000).toISOString());
    expect(r.weeks).toBeCloseTo(2, 2);
    expect(r.alerts.find((a) => a.alertname === 'A')!.firingsPerWeek).toBe(1);
  });
});

describe('rules from history', () => {
  const day = 86400;
  const series = (name: string, starts: number[], minutes = 20) => ({
    labels: { alertname: name, cluster: 'c', instance: 'i' },
    times: starts.flatMap((s) => steps(s, minutes)),
  });
  const at = (k: number) => day / 2 + k * 11 * 3600;

  it('keeps a direct cause beside a chain and drops a cause that only acts through the chain', () => {
    const A = Array.from({ length: 20 }, (_, k) => at(k));
    // chain A → B → C (B after every other A, C after every B); D follows the other A's directly.
    const B = A.filter((_, k) => k % 2).map((s) => s + 120);
    const C = B.map((s) => s + 120);
    const D = A.filter((_, k) => k % 2 === 0).map((s) => s + 180);
    const h: History = {
      since: 0,
      until: 10 * day,
      stepSeconds: 60,
      series: [series('A', A), series('B', B), series('C', C), series('D', D)],
    };
    const pairs = suggestRules(h).rules.map((r) => `${r.cause}->${r.effect}`);
    expect(pairs).toContain('A->B');
    expect(pairs).toContain('B->C');
    expect(pairs).toContain('A->D');
    expect(pairs).not.toContain('A->C');
    expect(pairs).toHaveLength(3);
  });
});
