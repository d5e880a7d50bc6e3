// The silence form's state and every action its keys run, as a pure reducer; what the state means (matchers, times,
// guardrails, preview) is derived by deriveForm. The Ink component only draws; the state hook (./state.ts) runs these
// actions and writes, and ./input.ts maps the form's bindings to them.
import { formatMatcher, parseMatchers, MatcherParseError, type Matcher } from '../../../domain/matchers.js';
import { checkSilence } from '../../../domain/silence/guardrails.js';
import { resolveWindow } from '../../../domain/silence/window.js';
import type { GuardrailLimits, GuardrailVerdict, SilenceSpec } from '../../../domain/silence/types.js';
import type { Alert } from '../../../domain/types.js';
import { isOncallError } from '../../../domain/errors.js';

export const PRESETS = ['15m', '1h', '2h', '4h', '8h', 'custom'] as const;

export type FormMode = 'create' | 'ack' | 'edit' | 'recreate';
export type Field =
  | { kind: 'matcher'; index: number }
  | { kind: 'add' | 'duration' | 'end' | 'start' | 'comment' | 'author' | 'untilResolved' | 'submit' };
export type Step = 'edit' | 'confirm' | 'submitting' | 'done';

export interface FormState {
  mode: FormMode;
  /** The silence being edited. */
  editId?: string;
  matchers: string[];
  focus: number;
  preset: number;
  custom: string;
  end: string;
  start: string;
  comment: string;
  author: string;
  untilResolved: boolean;
  previewOffset: number;
  step: Step;
  /** Why the confirm step is shown. */
  confirmReasons: string[];
  /** Set by the overlay after a write: an error to show, or the ID created. */
  result?: { ok: boolean; message: string };
}

export interface FormInit {
  mode?: FormMode;
  editId?: string;
  matchers: Matcher[];
  duration?: string;
  end?: string;
  comment?: string;
  author: string;
  untilResolved?: boolean;
}

export function initForm(i: FormInit): FormState {
  const preset = PRESETS.indexOf((i.duration ?? '1h') as (typeof PRESETS)[number]);
  return {
    mode: i.mode ?? 'create',
    editId: i.editId,
    matchers: i.matchers.map(formatMatcher),
    focus: 0,
    preset: preset >= 0 ? preset : PRESETS.length - 1,
    custom: preset >= 0 ? '' : (i.duration ?? ''),
    end: i.end ?? '',
    start: '',
    comment: i.comment ?? '',
    author: i.author,
    untilResolved: i.untilResolved ?? false,
    previewOffset: 0,
    step: 'edit',
    confirmReasons: [],
  };
}

export function fieldsOf(s: FormState): Field[] {
  return [
    ...s.matchers.map((_, index) => ({ kind: 'matcher' as const, index })),
    { kind: 'add' },
    { kind: 'duration' },
    { kind: 'end' },
    // An edit keeps the start of an active silence; Alertmanager refuses to move it.
    ...(s.mode === 'edit' ? [] : [{ kind: 'start' as const }]),
    { kind: 'comment' },
    { kind: 'author' },
    { kind: 'untilResolved' },
    { kind: 'submit' },
  ];
}

export function focused(s: FormState): Field {
  const f = fieldsOf(s);
  return f[Math.min(s.focus, f.length - 1)]!;
}

export interface Derived {
  /** Per matcher row: its error, if it does not parse. */
  matcherErrors: (string | undefined)[];
  matchers: Matcher[];
  windowError?: string;
  spec?: SilenceSpec;
  verdict?: GuardrailVerdict;
  /** Reasons the form cannot be submitted. */
  problems: string[];
  pending: boolean;
}

export function durationOf(s: FormState): string {
  return PRESETS[s.preset] === 'custom' ? s.custom : PRESETS[s.preset]!;
}

/**
 * What the form means now: parsed matchers, the time window, the guardrail verdict and the preview. `waiting`: why
 * the form cannot be sent yet although it is right (the alerts are still arriving).
 */
export function deriveForm(
  s: FormState,
  firing: readonly Alert[],
  limits: GuardrailLimits,
  now: number,
  waiting?: string,
): Derived {
  const matcherErrors: (string | undefined)[] = [];
  const matchers: Matcher[] = [];
  for (const text of s.matchers) {
    try {
      const ms = parseMatchers(text);
      if (!ms.length) matcherErrors.push('empty: type a matcher, e.g. instance="gpu-1", or remove it (ctrl+x)');
      else if (ms.length > 1) matcherErrors.push('one matcher per line (add another with + add)');
      else {
        matcherErrors.push(undefined);
        matchers.push(ms[0]!);
      }
    } catch (e) {
      matcherErrors.push(e instanceof MatcherParseError ? `position ${e.position}: ${e.reason}` : (e as Error).message);
    }
  }
  const problems: string[] = [];
  if (matcherErrors.some(Boolean)) problems.push('fix the matchers marked ✗');
  let windowError: string | undefined;
  let spec: SilenceSpec | undefined;
  let pending = false;
  try {
    const w = resolveWindow(
      {
        duration: s.end.trim() ? undefined : durationOf(s),
        end: s.end.trim() || undefined,
        start: s.mode === 'edit' ? undefined : s.start.trim() || undefined,
      },
      now,
    );
    pending = w.pending;
    spec = { matchers, startsAt: w.startsAt, endsAt: w.endsAt, createdBy: s.author.trim(), comment: s.comment.trim() };
  } catch (e) {
    if (isOncallError(e, 'usage')) windowError = e.message;
    else throw e;
  }
  if (windowError) problems.push(windowError);
  if (!s.comment.trim()) problems.push('a comment is required');
  if (!s.author.trim()) problems.push('an author is required');
  if (waiting) problems.push(waiting);
  let verdict: GuardrailVerdict | undefined;
  if (spec && !matcherErrors.some(Boolean)) {
    verdict = checkSilence(spec, firing, limits);
    problems.push(...verdict.refusals);
    if (s.untilResolved && pending) problems.push('until resolved needs a silence that starts now');
    else if (s.untilResolved && !verdict.refusals.length && !verdict.matched.length)
      problems.push('until resolved: nothing it matches is firing, it would end at once');
  }
  return { matcherErrors, matchers, windowError, spec, verdict, problems, pending };
}

/** The form's named actions: its bindings (./index.tsx) run them, through ./input.ts. */
export type FormActionName =
  | 'submit'
  | 'next'
  | 'prev'
  | 'presetNext'
  | 'presetPrev'
  | 'remove'
  | 'activate'
  | 'toggle'
  | 'erase'
  | 'pageDown'
  | 'pageUp'
  | 'cancel'
  | 'yes'
  | 'no';

/** A named action, or text typed into the focused field. */
export type FormAction = { type: FormActionName } | { type: 'text'; text: string };

/** What the state at the time of the action means (deriveForm) and how many preview lines a page is. */
export interface FormActionContext {
  derived: Derived;
  previewHeight: number;
}

/** What an action asks of the overlay besides the new state. */
export type Intent = 'none' | 'submit' | 'close';

type TextField = 'end' | 'start' | 'comment' | 'author' | 'custom';

function textTarget(s: FormState): { get: () => string; set: (v: string) => FormState } | undefined {
  const f = focused(s);
  if (f.kind === 'matcher')
    return {
      get: () => s.matchers[f.index] ?? '',
      set: (v) => ({ ...s, matchers: s.matchers.map((m, i) => (i === f.index ? v : m)) }),
    };
  const key: TextField | undefined =
    f.kind === 'duration'
      ? PRESETS[s.preset] === 'custom'
        ? 'custom'
        : undefined
      : f.kind === 'end' || f.kind === 'start' || f.kind === 'comment' || f.kind === 'author'
        ? f.kind
        : undefined;
  if (!key) return undefined;
  return { get: () => s[key], set: (v) => ({ ...s, [key]: v }) };
}

/**
 * Whether typed `text` goes into the form: printable, while editing, into a field that takes text (a digit on a
 * duration preset starts a custom duration). Other keys are left to the form's bindings.
 */
export function takesText(s: FormState, text: string): boolean {
  if (s.step !== 'edit' || !text || /[\u0000-\u001f\u007f]/.test(text)) return false;
  return Boolean(textTarget(s)) || (focused(s).kind === 'duration' && /^[0-9]$/.test(text));
}

/** One action. Returns the next state and what the overlay should do. */
export function formAction(s: FormState, a: FormAction, ctx: FormActionContext): [FormState, Intent] {
  const n = fieldsOf(s).length;
  if (s.step === 'submitting') return [s, 'none'];
  if (s.step === 'done') return a.type === 'cancel' || a.type === 'activate' ? [s, 'close'] : [s, 'none'];
  if (s.step === 'confirm') {
    if (a.type === 'yes') return [{ ...s, step: 'submitting' }, 'submit'];
    if (a.type === 'no' || a.type === 'cancel') return [{ ...s, step: 'edit', confirmReasons: [] }, 'none'];
    return [s, 'none'];
  }
  const f = focused(s);
  const submit = (): [FormState, Intent] => {
    const { derived } = ctx;
    if (derived.problems.length || !derived.spec)
      return [{ ...s, result: { ok: false, message: derived.problems[0] ?? 'not ready' } }, 'none'];
    const reasons = derived.verdict?.confirmations ?? [];
    if (reasons.length) return [{ ...s, step: 'confirm', confirmReasons: reasons, result: undefined }, 'none'];
    return [{ ...s, step: 'submitting', result: undefined }, 'submit'];
  };
  const toggle = (): FormState => (f.kind === 'untilResolved' ? { ...s, untilResolved: !s.untilResolved } : s);
  switch (a.type) {
    case 'cancel':
      return [s, 'close'];
    case 'submit':
      return submit();
    case 'next':
      return [{ ...s, focus: (s.focus + 1) % n }, 'none'];
    case 'prev':
      return [{ ...s, focus: (s.focus - 1 + n) % n }, 'none'];
    case 'pageDown':
      return [{ ...s, previewOffset: s.previewOffset + ctx.previewHeight }, 'none'];
    case 'pageUp':
      return [{ ...s, previewOffset: Math.max(0, s.previewOffset - ctx.previewHeight) }, 'none'];
    case 'remove':
      if (f.kind !== 'matcher') return [s, 'none'];
      return [
        {
          ...s,
          matchers: s.matchers.filter((_, i) => i !== f.index),
          focus: Math.max(0, Math.min(s.focus, s.matchers.length - 2)),
        },
        'none',
      ];
    case 'presetNext':
    case 'presetPrev':
      if (f.kind !== 'duration') return [s, 'none'];
      return [
        {
          ...s,
          preset: (s.preset + (a.type === 'presetNext' ? 1 : -1) + PRESETS.length) % PRESETS.length,
          end: '',
        },
        'none',
      ];
    case 'activate':
      if (f.kind === 'add') return [{ ...s, matchers: [...s.matchers, ''], focus: s.matchers.length }, 'none'];
      if (f.kind === 'submit') return submit();
      if (f.kind === 'untilResolved') return [toggle(), 'none'];
      return [{ ...s, focus: (s.focus + 1) % n }, 'none'];
    case 'toggle':
      return [toggle(), 'none'];
    case 'erase': {
      const t = textTarget(s);
      return [t ? t.set(t.get().slice(0, -1)) : s, 'none'];
    }
    case 'yes':
    case 'no':
      return [s, 'none'];
    case 'text': {
      if (!takesText(s, a.text)) return [s, 'none'];
      const t = textTarget(s);
      // Typing a number on a preset switches to a custom duration.
      if (!t) return [{ ...s, preset: PRESETS.length - 1, custom: a.text, end: '' }, 'none'];
      return [t.set(t.get() + a.text), 'none'];
    }
  }
}
