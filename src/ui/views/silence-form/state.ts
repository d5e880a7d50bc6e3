// The silence form's state hook: the form (pure reducer, ./form-state.ts), what it means now (deriveForm: specs,
// guardrails, preview), the form's named actions, and the write when it is submitted (one post per cluster, read
// back from every replica, until-resolved marks kept). Its keys are mapped to these actions in ./input.ts.
import { useMemo, useRef, useState } from 'react';
import { stillArriving, useOncall } from '../../app-context.js';
import { describeWrite, markUntilResolvedFor, writerFor } from '../silences/actions.js';
import { authorOf, limitsOf } from '../../../app/silences.js';
import { UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { recordLocally } from '../../../backends/state-store.js';
import { previewHeight } from './SilenceForm.js';
import {
  deriveForm,
  formAction,
  initForm,
  takesText,
  type Derived,
  type FormAction,
  type FormActionName,
  type FormInit,
  type FormState,
} from './form-state.js';

export type SilenceFormRequest = Partial<FormInit> & Pick<FormInit, 'matchers'>;

export type SilenceFormActions = Record<FormActionName, () => void>;

export interface SilenceFormState {
  form: FormState;
  derived: Derived;
  actions: SilenceFormActions;
  /** Text typed into the focused field; false when the form does not take it (the key goes to its bindings). */
  typeText(text: string): boolean;
}

const NAMES: FormActionName[] = [
  'submit',
  'next',
  'prev',
  'presetNext',
  'presetPrev',
  'remove',
  'activate',
  'toggle',
  'erase',
  'pageDown',
  'pageUp',
  'cancel',
  'yes',
  'no',
];

export function useSilenceFormState(request: SilenceFormRequest, height: number, close: () => void): SilenceFormState {
  const app = useOncall();
  const services = app.services;
  const [form, setForm] = useState<FormState>(() => initForm({ author: authorOf(services.context), ...request }));
  const alerts = app.data?.alerts;
  const firing = useMemo(() => alerts ?? [], [alerts]);
  const limits = useMemo(() => limitsOf(services.context), [services]);
  const waiting = stillArriving(app.data, 'write it');
  const derived = useMemo(
    () => deriveForm(form, firing, limits, services.now(), waiting),
    [form, firing, limits, services, waiting],
  );
  // Keys typed in one burst act on the state the previous key left, before React has rendered it.
  const ref = useRef({ form, derived });
  ref.current = { form, derived };

  const submit = async (s: FormState) => {
    const spec = ref.current.derived.spec;
    if (!spec) return;
    try {
      const writer = writerFor(services);
      const r =
        s.mode === 'edit' && s.editId
          ? await writer.update(s.editId, () => ({
              matchers: spec.matchers,
              endsAt: spec.endsAt,
              comment: spec.comment,
              createdBy: spec.createdBy,
            }))
          : await writer.create(spec);
      const registry = new UntilResolvedRegistry();
      const lost =
        recordLocally('the until-resolved marks are not updated', () => {
          for (const x of r.copies) if (x.replacedId) registry.rename(x.replacedId, x.id);
          if (!s.untilResolved && s.mode === 'edit') for (const x of r.copies) registry.remove(x.id);
        }) ??
        (s.untilResolved
          ? markUntilResolvedFor(
              services,
              r.copies.map((x) => x.id),
            )
          : undefined);
      // The write happened: its IDs are reported even when the local marks could not be saved.
      const message =
        describeWrite(r, s.mode === 'edit' ? 'saved silence' : 'created silence') + (lost ? `; ${lost}` : '');
      setForm((x) => ({ ...x, step: 'done', result: { ok: true, message } }));
      app.notify(message);
      app.refresh();
    } catch (e) {
      setForm((x) => ({ ...x, step: 'edit', result: { ok: false, message: `not written: ${(e as Error).message}` } }));
    }
  };

  const act = (a: FormAction) => {
    const [next, intent] = formAction(ref.current.form, a, {
      derived: ref.current.derived,
      previewHeight: previewHeight(ref.current.form, height),
    });
    ref.current.form = next;
    setForm(next);
    if (intent === 'close') close();
    if (intent === 'submit') void submit(next);
  };
  const actions = Object.fromEntries(NAMES.map((n) => [n, () => act({ type: n })])) as SilenceFormActions;
  const typeText = (text: string) => {
    if (!takesText(ref.current.form, text)) return false;
    act({ type: 'text', text });
    return true;
  };
  return { form, derived, actions, typeText };
}
