import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { parseMatchers } from '../src/domain/matchers.js';
import { noColorTheme } from '../src/ui/theme.js';
import { silenceRows } from '../src/ui/views/silences/rows.js';
import { NO_PROMPT, promptAction, type Prompt } from '../src/ui/views/silences/prompt.js';
import { SilencesList } from '../src/ui/views/silences/SilencesList.js';
import { expiringSoonNotice } from '../src/ui/views/silences/expiring-notice.js';
import type { Alert, Silence } from '../src/domain/types.js';
import { setupRegistry } from '../src/ui/views/index.js';
import { SILENCES_PROMPT_KEYS, silencesView } from '../src/ui/views/silences/index.js';
import { SILENCES_INPUT, SILENCES_PROMPT_INPUT } from '../src/ui/views/silences/input.js';
import { listNavigation } from '../src/ui/views/extensions.js';
import { keymap } from '../src/ui/keymap.js';

// The list's key hint comes from the view's bindings, registered as at start-up.
setupRegistry();

const NOW = Date.parse('2025-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
function alert(labels: Record<string, string>): Alert {
  return {
    fingerprint: Object.values(labels).join('-'),
    labels,
    annotations: {},
    startsAt: iso(NOW - 3600_000),
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: [],
    state: 'suppressed',
    silencedBy: [],
    inhibitedBy: [],
  };
}
function silence(id: string, m: string, over: Partial<Silence> = {}): Silence {
  return {
    id,
    matchers: parseMatchers(m),
    startsAt: iso(NOW - 3600_000),
    endsAt: iso(NOW + 3600_000),
    updatedAt: '',
    createdBy: 'ana',
    comment: `comment ${id}`,
    status: 'active',
    ...over,
  };
}
const firing = [
  alert({ alertname: 'GPUMemoryOOM', instance: 'gpu-1' }),
  alert({ alertname: 'GPUMemoryOOM', instance: 'gpu-2' }),
  alert({ alertname: 'DiskFull' }),
];
const list = [
  silence('exp-1', 'alertname="Old"', { status: 'expired', endsAt: iso(NOW - 600_000) }),
  silence('pend-1', 'alertname="DiskFull"', {
    status: 'pending',
    startsAt: iso(NOW + 7200_000),
    endsAt: iso(NOW + 9000_000),
  }),
  silence('act-1', 'alertname="GPUMemoryOOM"', { endsAt: iso(NOW + 5 * 60_000) }),
  silence('act-2', 'alertname="DiskFull"', { createdBy: 'bo', comment: 'evil \u001b]52;c;AAAA\u0007text' }),
];

describe('silence rows', () => {
  it('orders active, pending, then (on request) expired, with firing counts and time left', () => {
    const rows = silenceRows(list, firing, NOW, false, (id) => id === 'act-2');
    expect(rows.map((r) => [r.id, r.firing, r.left, r.untilResolved, r.expiringSoon])).toEqual([
      ['act-1', 2, '5m left', false, true],
      ['act-2', 1, '1h left', true, false],
      ['pend-1', 1, 'starts in 2h', false, false],
    ]);
    expect(silenceRows(list, firing, NOW, true).map((r) => r.id)).toEqual(['act-1', 'act-2', 'pend-1', 'exp-1']);
  });
  it('sanitises comments', () => {
    expect(silenceRows(list, firing, NOW, false).find((r) => r.id === 'act-2')!.comment).toBe('evil text');
  });
});

describe('silences prompt', () => {
  it('maps every key declared for the view and its prompt to an action, and nothing undeclared', () => {
    const declared = [...listNavigation.keys, ...silencesView.keys!].map((b) => b.id).sort();
    expect(Object.keys(SILENCES_INPUT).sort()).toEqual(declared);
    expect(Object.keys(SILENCES_PROMPT_INPUT).sort()).toEqual(SILENCES_PROMPT_KEYS.map((b) => b.id).sort());
    // Every key that changes a silence is a write key: absent, not refused, in a read-only context.
    const ctx = { view: 'silences', layers: [], readOnly: true, selection: undefined };
    for (const k of ['n', 'e', 'E', 'x', 'c']) expect(keymap.matches(k, 'silences', ctx), k).toEqual([]);
  });
  it('expires on yes and cancels on no or cancel', () => {
    const p: Prompt = { kind: 'expire', id: 'x' };
    expect(promptAction(p, 'yes')).toEqual([NO_PROMPT, { type: 'expire', id: 'x' }]);
    expect(promptAction(p, 'no')).toEqual([NO_PROMPT, { type: 'none' }]);
    expect(promptAction(p, 'cancel')[0]).toEqual(NO_PROMPT);
    expect(promptAction(p, { type: 'text', text: 'j' })).toEqual([p, { type: 'none' }]);
    expect(promptAction(p, 'apply')).toEqual([p, { type: 'none' }]);
  });
  it('extends by a typed duration and explains a bad one', () => {
    let p: Prompt = { kind: 'extend', id: 'x', input: '1h' };
    [p] = promptAction(p, 'erase');
    [p] = promptAction(p, 'erase');
    for (const c of '90m') [p] = promptAction(p, { type: 'text', text: c });
    // y and n are letters of the duration here, not answers.
    expect(promptAction(p, 'yes')).toEqual([p, { type: 'none' }]);
    expect(promptAction(p, 'apply')).toEqual([NO_PROMPT, { type: 'extend', id: 'x', addMs: 90 * 60_000 }]);
    const [bad] = promptAction({ kind: 'extend', id: 'x', input: '90' }, 'apply');
    expect(bad).toMatchObject({ kind: 'extend', error: expect.stringMatching(/needs a unit/) });
    const [zero] = promptAction({ kind: 'extend', id: 'x', input: '0s' }, 'apply');
    expect(zero).toMatchObject({ error: 'must be greater than 0' });
    expect(promptAction(p, { type: 'text', text: '?' })).toEqual([p, { type: 'none' }]);
  });
});

describe('<SilencesList>', () => {
  const draw = (
    o: { prompt?: Prompt; index?: number; showExpired?: boolean; height?: number; readOnly?: boolean } = {},
  ) =>
    render(
      <SilencesList
        rows={silenceRows(list, firing, NOW, o.showExpired ?? false)}
        cursor={{ index: o.index ?? 0, offset: 0 }}
        showExpired={o.showExpired ?? false}
        prompt={o.prompt ?? NO_PROMPT}
        width={100}
        height={o.height ?? 10}
        theme={noColorTheme}
        readOnly={o.readOnly ?? false}
      />,
    ).lastFrame()!;

  it('lists matchers, creator, comment, time left and firing count; flags one expiring soon', () => {
    const f = draw();
    expect(f).toMatch(/STATE\s+ENDS\s+FIRING\s+BY\s+MATCHERS\s+COMMENT/);
    expect(f).toMatch(/active\s+⚠ 5m left\s+2 ana\s+\{alertname="GPUMemoryOOM"\}\s+comment act-1/);
    expect(f).toMatch(/pending\s+starts in 2h\s+1 ana/);
    expect(f).not.toContain('exp-1');
    expect(f).toContain('act-1  2025-06-01T11:00:00.000Z → 2025-06-01T12:05:00.000Z');
    expect(f).toContain('x expire');
  });
  it('shows recently expired ones on request and the keys hint in read-only', () => {
    expect(draw({ showExpired: true })).toMatch(/expired\s+ended 10m ago/);
    expect(draw({ readOnly: true })).toContain('read-only context: no changes');
  });
  it('asks before expiring and takes the extension', () => {
    expect(draw({ prompt: { kind: 'expire', id: 'act-1' } })).toContain(
      'Expire silence act-1? It stops hiding its alerts now. y/n',
    );
    expect(
      draw({
        prompt: { kind: 'extend', id: 'act-1', input: '9', error: 'invalid duration "9": a number needs a unit' },
      }),
    ).toMatch(/Extend act-1 by: 9.*✗ invalid duration "9"/);
  });
  it('never draws more lines than its height', () => {
    expect(draw({ height: 4 }).split('\n').length).toBeLessThanOrEqual(4);
  });
});

describe('expiring-soon notice for the header', () => {
  it('names my silence ending soon while its alerts fire', () => {
    expect(expiringSoonNotice(list, firing, 'ana', NOW)).toBe('⚠ your silence act-1 ends in 5m, 2 alerts still firing');
    expect(expiringSoonNotice(list, firing, 'bo', NOW)).toBeUndefined();
  });
});

describe('<SilencesList> with several clusters and a failing silence list', () => {
  const copies = [
    silence('x-1', 'alertname="Maint"', { comment: 'drain' }),
    silence('y-1', 'alertname="Maint"', { comment: 'drain', startsAt: iso(NOW - 3599_000) }),
  ];
  const draw = (o: { prompt?: Prompt; problem?: string; rows?: Silence[] } = {}) =>
    render(
      <SilencesList
        rows={silenceRows(o.rows ?? copies, firing, NOW, false)}
        cursor={{ index: 0, offset: 0 }}
        showExpired={false}
        prompt={o.prompt ?? NO_PROMPT}
        width={110}
        height={10}
        theme={noColorTheme}
        readOnly={false}
        problem={o.problem}
      />,
    ).lastFrame()!;

  it('shows a logical silence once, with every cluster copy, and asks to expire all of them', () => {
    const f = draw();
    expect(f.split('\n').filter((l) => l.includes('drain'))).toHaveLength(1);
    expect(f).toContain('2 clusters: x-1 + y-1');
    expect(draw({ prompt: { kind: 'expire', id: 'x-1' } })).toContain(
      'Expire silence x-1 and its copy on 1 other cluster?',
    );
  });

  it('says the list could not be read instead of "no silences"', () => {
    const f = draw({
      rows: [],
      problem: 'silences not read: am silences: unreachable 2m (last good data 2m old): HTTP 503',
    });
    expect(f).toContain('silences not read: am silences: unreachable 2m');
    expect(f).not.toMatch(/no active or pending silences|no silences/);
  });
});
