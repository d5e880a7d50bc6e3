import { describe, expect, it } from 'vitest';
import { formatStatusline, notifySequences, statuslineJson, type StatusSnapshot } from '../src/domain/statusline.js';
import { describeChange, worstSlo } from '../src/domain/watch-log.js';

const snap = (counts: Partial<StatusSnapshot['counts']>, slo?: StatusSnapshot['slo']): StatusSnapshot => ({
  version: 1,
  generatedAt: '2026-01-01T00:00:00Z',
  context: 'prod',
  counts: { critical: 0, warning: 0, info: 0, silenced: 0, ...counts },
  critical: [],
  ...(slo ? { slo } : {}),
  backends: [],
  writer: 'tui',
});

describe('status line text', () => {
  it('shows only what is there, a check mark when nothing is, and the SLO state when known', () => {
    expect(formatStatusline({ snapshot: snap({}), ageMs: 0 }, 'text')).toBe('✓');
    expect(formatStatusline({ snapshot: snap({}), ageMs: 0 }, 'plain')).toBe('ok');
    expect(formatStatusline({ snapshot: snap({ warning: 2 }, 'ticket'), ageMs: 0 }, 'plain')).toBe('W2 SLO:ticket');
    expect(formatStatusline({ snapshot: snap({ critical: 1 }, 'ok'), ageMs: 0 }, 'text')).toBe('🔥1');
  });

  it('marks data older than a minute stale with its age', () => {
    expect(formatStatusline({ snapshot: snap({ critical: 1 }), ageMs: 59_000 }, 'plain')).toBe('C1');
    expect(formatStatusline({ snapshot: snap({ critical: 1 }), ageMs: 61_000 }, 'plain')).toBe('C1 (stale 1m)');
    expect(formatStatusline({ snapshot: snap({}), ageMs: 7_200_000 }, 'tmux')).toBe(
      '#[fg=green]✓#[default] #[fg=colour244](stale 2h)#[default]',
    );
    expect(statuslineJson({ snapshot: snap({ info: 1 }), ageMs: 90_000 })).toMatchObject({
      info: 1,
      stale: true,
      ageSeconds: 90,
      slo: null,
    });
  });
});

describe('notification sequences', () => {
  it('are OSC 777 and OSC 9 around text without controls or field separators', () => {
    const s = notifySequences('oncall; critical', 'GPU\u001b]52;c;ZXZpbA==\u0007 down;\nnow\u009b2J');
    expect(s).toBe(
      '\u001b]777;notify;oncall, critical;GPU down, now\u0007\u001b]9;oncall, critical: GPU down, now\u0007',
    );
  });

  it('bound the body', () => {
    expect(notifySequences('t', 'x'.repeat(500)).length).toBeLessThan(2 * 220 + 40);
  });
});

describe('watch log', () => {
  it('says what changed between rounds, and nothing when nothing did', () => {
    const a = {
      counts: { critical: 1, warning: 0, info: 0, silenced: 0 },
      critical: [{ id: 'inc-1', title: 'OOM' }],
      down: [],
    };
    expect(describeChange(undefined, a)).toEqual([
      'incidents: 1 critical, 0 warning, 0 info, 0 silenced',
      'critical: inc-1 OOM',
    ]);
    expect(describeChange(a, a)).toEqual([]);
    expect(describeChange(a, { ...a, error: 'connection refused' })).toEqual(['error: connection refused']);
    expect(describeChange({ ...a, error: 'x' }, { counts: a.counts, critical: [], down: ['am'], slo: 'page' })).toEqual(
      ['recovered', 'no longer active critical: inc-1 OOM', 'slo: page', 'down: am'],
    );
    expect(worstSlo(['ok', null, 'ticket'])).toBe('ticket');
    expect(worstSlo([null])).toBeUndefined();
  });
});
