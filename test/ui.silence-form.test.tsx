import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { parseMatchers } from '../src/domain/matchers.js';
import { noColorTheme } from '../src/ui/theme.js';
import { SilenceForm } from '../src/ui/views/silence-form/SilenceForm.js';
import {
  deriveForm,
  focused,
  formAction,
  initForm,
  takesText,
  type FormState,
  type Intent,
} from '../src/ui/views/silence-form/form-state.js';
import { silenceFormOverlay } from '../src/ui/views/silence-form/index.js';
import { SILENCE_FORM_INPUT, typedText } from '../src/ui/views/silence-form/input.js';
import type { GuardrailLimits } from '../src/domain/silence/types.js';
import type { Alert } from '../src/domain/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const limits: GuardrailLimits = {
  maxAlerts: 3,
  maxDurationMs: 24 * 3600_000,
  clusterLabel: 'cluster',
  readOnly: false,
};
function alert(labels: Record<string, string>): Alert {
  return {
    fingerprint: Object.values(labels).join('-'),
    labels,
    annotations: {},
    startsAt: '2025-06-01T11:00:00Z',
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: [],
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
  };
}
const firing = [
  alert({ alertname: 'GPUMemoryOOM', cluster: 'prod', instance: 'gpu-1' }),
  ...Array.from({ length: 5 }, (_, i) =>
    alert({ alertname: 'FeatureStale', cluster: i < 3 ? 'prod' : 'dev', feature: `f${i}` }),
  ),
];

/**
 * Presses keys on the form as the app does: what is typed goes into the focused field when it takes it, every other
 * key through the form's bindings (the same ones help lists) to its actions. A string of printable characters types
 * them one by one.
 */
function press(s: FormState, ...keys: string[]): { state: FormState; intents: Intent[] } {
  const intents: Intent[] = [];
  for (const k of keys) {
    const bound = silenceFormOverlay.keys!.some((b) => b.keys.includes(k));
    const seq = bound && k.length > 1 ? [[k, '']] : [...k].map((c) => [c === ' ' ? 'space' : c, c]);
    for (const [name, input] of seq) {
      const ctx = { derived: deriveForm(s, firing, limits, NOW), previewHeight: 2 };
      const text = typedText(name!, input!);
      const binding = silenceFormOverlay.keys!.find((b) => b.keys.includes(name!));
      const [next, intent] =
        text !== undefined && takesText(s, text)
          ? formAction(s, { type: 'text', text }, ctx)
          : binding
            ? formAction(s, { type: SILENCE_FORM_INPUT[binding.id as keyof typeof SILENCE_FORM_INPUT] }, ctx)
            : [s, 'none' as const];
      s = next;
      intents.push(intent);
    }
  }
  return { state: s, intents };
}

const base = () => initForm({ matchers: parseMatchers('alertname="GPUMemoryOOM", instance="gpu-1"'), author: 'ana' });

describe('silence form state', () => {
  it('starts on the first matcher with 1h and the author', () => {
    const s = base();
    expect(s.matchers).toEqual(['alertname="GPUMemoryOOM"', 'instance="gpu-1"']);
    expect(focused(s)).toEqual({ kind: 'matcher', index: 0 });
    const d = deriveForm(s, firing, limits, NOW);
    expect(d.spec?.endsAt).toBe(new Date(NOW + 3600_000).toISOString());
    expect(d.verdict?.matched).toHaveLength(1);
    expect(d.problems).toEqual(['a comment is required']);
  });

  it('validates matchers as you type, with the position', () => {
    let { state } = press(base(), 'tab', 'tab', 'enter', 'severity:crit');
    expect(state.matchers[2]).toBe('severity:crit');
    let d = deriveForm(state, firing, limits, NOW);
    expect(d.matcherErrors[2]).toMatch(/position 9: expected an operator/);
    ({ state } = press(state, 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', '="crit"'));
    d = deriveForm(state, firing, limits, NOW);
    expect(state.matchers[2]).toBe('severity="crit"');
    expect(d.matcherErrors[2]).toBeUndefined();
    // Removing it again
    ({ state } = press(state, 'ctrl+x'));
    expect(state.matchers).toHaveLength(2);
  });

  it('cycles duration presets and takes a custom duration', () => {
    const s = base();
    const toDuration = press(s, 'tab', 'tab', 'tab').state;
    expect(focused(toDuration).kind).toBe('duration');
    let { state } = press(toDuration, 'right');
    expect(deriveForm(state, firing, limits, NOW).spec?.endsAt).toBe(new Date(NOW + 2 * 3600_000).toISOString());
    ({ state } = press(state, '90m'));
    expect(state.custom).toBe('90m');
    expect(deriveForm(state, firing, limits, NOW).spec?.endsAt).toBe(new Date(NOW + 90 * 60_000).toISOString());
    ({ state } = press(state, 'backspace', 'x'));
    expect(deriveForm(state, firing, limits, NOW).windowError).toMatch(/invalid duration "90x"/);
  });

  it('refuses to submit without a comment, then creates with one', () => {
    const s = base();
    let r = press(s, 'ctrl+s');
    expect(r.intents).toEqual(['none']);
    expect(r.state.result?.message).toBe('a comment is required');
    const toComment = press(s, 'tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'node reboot').state;
    expect(toComment.comment).toBe('node reboot');
    r = press(toComment, 'ctrl+s');
    expect(r.intents).toEqual(['submit']);
    expect(r.state.step).toBe('submitting');
  });

  it('asks for confirmation when a guardrail requires it, and goes back on n', () => {
    let s = initForm({ matchers: parseMatchers('alertname="FeatureStale"'), author: 'ana', comment: 'rebuild' });
    const d = deriveForm(s, firing, limits, NOW);
    expect(d.verdict?.confirmations.join()).toMatch(/5 firing alerts.*2 clusters/);
    let r = press(s, 'ctrl+s');
    expect(r.state.step).toBe('confirm');
    expect(r.intents).toEqual(['none']);
    r = press(r.state, 'n');
    expect(r.state.step).toBe('edit');
    r = press(r.state, 'ctrl+s', 'y');
    expect(r.intents).toEqual(['none', 'submit']);
    s = r.state;
    expect(s.step).toBe('submitting');
  });

  it('refuses a catch-all regex and a read-only context outright', () => {
    let s = initForm({ matchers: parseMatchers('alertname=~".*"'), author: 'ana', comment: 'x' });
    expect(deriveForm(s, firing, limits, NOW).problems.join()).toMatch(/matches every value of alertname/);
    expect(press(s, 'ctrl+s').intents).toEqual(['none']);
    s = initForm({ matchers: parseMatchers('alertname="GPUMemoryOOM"'), author: 'ana', comment: 'x' });
    expect(deriveForm(s, firing, { ...limits, readOnly: true }, NOW).problems.join()).toMatch(/read-only/);
  });

  it('waits while the alerts are still arriving, and sends once they are in', () => {
    const s = initForm({ matchers: parseMatchers('alertname="GPUMemoryOOM"'), author: 'ana', comment: 'x' });
    const waiting = '3 of 4 alerts are still arriving: write it once they are in';
    const d = deriveForm(s, firing, limits, NOW, waiting);
    expect(d.problems).toContain(waiting);
    expect(formAction(s, { type: 'submit' }, { derived: d, previewHeight: 2 })[1]).toBe('none');
    const ready = deriveForm(s, firing, limits, NOW);
    expect(ready.problems).toEqual([]);
    expect(formAction(s, { type: 'submit' }, { derived: ready, previewHeight: 2 })[1]).not.toBe('none');
  });

  it('toggles until-resolved and refuses it for a planned window', () => {
    let s = initForm({ matchers: parseMatchers('alertname="GPUMemoryOOM"'), author: 'ana', comment: 'x' });
    const fields = press(s, 'tab', 'tab', 'tab', 'tab').state; // start
    expect(focused(fields).kind).toBe('start');
    s = press(fields, '2025-06-02T00:00:00Z', 'tab', 'tab', 'tab', 'space').state;
    expect(s.untilResolved).toBe(true);
    expect(deriveForm(s, firing, limits, NOW).problems).toContain('until resolved needs a silence that starts now');
  });

  it('has one action for each of its bindings, and types y and n into a field but answers with them when asked', () => {
    expect(Object.keys(SILENCE_FORM_INPUT).sort()).toEqual(silenceFormOverlay.keys!.map((b) => b.id).sort());
    const s = initForm({ matchers: parseMatchers('alertname="FeatureStale"'), author: 'ana' });
    const toComment = press(s, 'tab', 'tab', 'tab', 'tab', 'tab').state;
    expect(focused(toComment).kind).toBe('comment');
    const typed = press(toComment, 'yes no').state;
    expect(typed.comment).toBe('yes no');
    // On a field that takes no text, y does nothing and Space toggles only "until resolved".
    const onAdd = press(s, 'tab').state;
    expect(focused(onAdd).kind).toBe('add');
    expect(press(onAdd, 'y', 'space').state).toEqual(onAdd);
    const asked = press(typed, 'ctrl+s');
    expect(asked.state.step).toBe('confirm');
    expect(press(asked.state, 'N').state.step).toBe('edit');
    expect(press(asked.state, 'esc').state.step).toBe('edit');
    expect(press(asked.state, 'tab', 'Y')).toMatchObject({ intents: ['none', 'submit'] });
  });

  it('scrolls the preview', () => {
    const s = initForm({ matchers: parseMatchers('alertname="FeatureStale"'), author: 'ana', comment: 'x' });
    expect(press(s, 'pagedown').state.previewOffset).toBe(2);
    expect(press(s, 'pagedown', 'pageup', 'pageup').state.previewOffset).toBe(0);
  });
});

describe('<SilenceForm>', () => {
  const draw = (s: FormState, height = 24) =>
    render(
      <SilenceForm
        state={s}
        derived={deriveForm(s, firing, limits, NOW)}
        width={100}
        height={height}
        theme={noColorTheme}
      />,
    );

  it('shows matchers, presets, the preview and what is missing', () => {
    const { lastFrame } = draw(base());
    const f = lastFrame()!;
    expect(f).toContain('New silence');
    expect(f).toContain('alertname="GPUMemoryOOM" ✓');
    expect(f).toContain('[1h]');
    expect(f).toContain('✗ a comment is required');
    expect(f).toContain('Preview: matches 1 firing alert in 1 cluster (prod)');
    expect(f).toContain('GPUMemoryOOM cluster=prod instance=gpu-1');
  });

  it('marks a bad matcher with its reason', () => {
    const s = { ...base(), matchers: ['alertname="GPUMemoryOOM"', 'severity:crit'] };
    expect(draw(s).lastFrame()).toMatch(/severity:crit ✗ position 9: expected an operator/);
  });

  it('shows a scrolled preview window with N of M, within its height', () => {
    const s = {
      ...initForm({ matchers: parseMatchers('alertname="FeatureStale"'), author: 'ana', comment: 'x' }),
      previewOffset: 1,
    };
    const f = draw(s, 18).lastFrame()!;
    expect(f.split('\n').length).toBeLessThanOrEqual(18);
    expect(f).toMatch(/matches 5 firing alerts in 2 clusters \(dev, prod\) 2-\d of 5/);
    expect(f).toContain('needs confirmation: it matches 5 firing alerts');
  });

  it('shows the confirm step', () => {
    const s = press(
      initForm({ matchers: parseMatchers('alertname="FeatureStale"'), author: 'ana', comment: 'x' }),
      'ctrl+s',
    ).state;
    expect(draw(s).lastFrame()).toMatch(/Create it\? y\/n: it matches 5 firing alerts/);
  });
});
