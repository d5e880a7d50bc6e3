// The silence form overlay ('silence-form'): opened by `s` on a selected alert or incident, by `a` when an ack
// needs confirmation, and from the silences view (new, edit, re-create). Its named keys are bindings in the keymap;
// its text layer takes what is typed into the fields.
import { useMemo, useRef, useState } from 'react';
import { useOncall } from '../../app-context.js';
import { useKeyLayer, useKeys } from '../../keys.js';
import { keymap, type KeyName } from '../../keymap.js';
import { useTheme } from '../../theme.js';
import type { OverlayDef, OverlayProps } from '../registry.js';
import { SilenceForm, previewHeight } from './SilenceForm.js';
import { deriveForm, formKey, initForm, type FormInit, type FormState } from './form-state.js';
import { describeWrite, markUntilResolvedFor, writerFor } from '../silences/actions.js';
import { authorOf, limitsOf } from '../../../app/silences.js';
import { UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { recordLocally } from '../../../backends/state-store.js';

export type SilenceFormRequest = Partial<FormInit> & Pick<FormInit, 'matchers'>;

function SilenceFormOverlay({ width, height, props, close }: OverlayProps<SilenceFormRequest>) {
  const app = useOncall();
  const theme = useTheme();
  const services = app.services;
  const [state, setState] = useState<FormState>(() => initForm({ author: authorOf(services.context), ...props }));
  const alerts = app.data?.alerts;
  const firing = useMemo(() => alerts ?? [], [alerts]);
  const limits = useMemo(() => limitsOf(services.context), [services]);
  const derived = useMemo(() => deriveForm(state, firing, limits, services.now()), [state, firing, limits, services]);
  const ref = useRef({ state, derived });
  ref.current = { state, derived };

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
      setState((x) => ({ ...x, step: 'done', result: { ok: true, message } }));
      app.notify(message);
      app.refresh();
    } catch (e) {
      setState((x) => ({ ...x, step: 'edit', result: { ok: false, message: `not written: ${(e as Error).message}` } }));
    }
  };

  const apply = (name: KeyName, input = '') => {
    const [next, intent] = formKey(ref.current.state, {
      type: 'key',
      name,
      input,
      derived: ref.current.derived,
      previewHeight: previewHeight(ref.current.state, height),
    });
    ref.current.state = next;
    setState(next);
    if (intent === 'close') close();
    if (intent === 'submit') void submit(next);
  };
  // The form's named keys are its bindings below, dispatched by the registry; each stands for one form action.
  useKeys({
    'silence-form.submit': () => apply('ctrl+s'),
    'silence-form.next': () => apply('tab'),
    'silence-form.prev': () => apply('shift+tab'),
    'silence-form.presetNext': () => apply('right'),
    'silence-form.presetPrev': () => apply('left'),
    'silence-form.remove': () => apply('ctrl+x'),
    'silence-form.activate': () => apply('enter'),
    'silence-form.pageDown': () => apply('pagedown'),
    'silence-form.pageUp': () => apply('pageup'),
    'silence-form.cancel': () => apply('esc'),
  });
  useKeyLayer('silence-form', {
    // Text typed into the fields, and the y/n of the confirmation step; every other key goes to the bindings.
    capture: (name, input) => {
      if (name === 'ctrl+c') return false;
      const confirming = ref.current.state.step === 'confirm';
      if (!confirming && keymap.inScope('silence-form').some((b) => b.keys.includes(name))) return false;
      apply(name, input);
      return true;
    },
  });
  return <SilenceForm state={state} derived={derived} width={width} height={height} theme={theme} />;
}

export const silenceFormOverlay: OverlayDef<SilenceFormRequest> = {
  id: 'silence-form',
  title: 'Silence',
  component: SilenceFormOverlay,
  keys: [
    {
      id: 'silence-form.submit',
      keys: ['ctrl+s'],
      footer: 'submit',
      description: 'create (asks y/n when a guardrail requires it)',
    },
    { id: 'silence-form.next', keys: ['tab', 'down'], footer: 'next field', description: 'next field' },
    { id: 'silence-form.prev', keys: ['shift+tab', 'up'], description: 'previous field' },
    {
      id: 'silence-form.presetNext',
      keys: ['right'],
      footer: 'presets',
      description: 'next duration preset (15m 1h 2h 4h 8h custom)',
    },
    { id: 'silence-form.presetPrev', keys: ['left'], description: 'previous duration preset' },
    {
      id: 'silence-form.remove',
      keys: ['ctrl+x'],
      footer: 'remove matcher',
      description: 'remove the matcher under the cursor',
    },
    {
      id: 'silence-form.activate',
      keys: ['enter'],
      description: 'on "add matcher": add one; on "until resolved": toggle; on "create": create; else next field',
    },
    { id: 'silence-form.pageDown', keys: ['pagedown'], description: 'scroll the preview of matching alerts down' },
    { id: 'silence-form.pageUp', keys: ['pageup'], description: 'scroll the preview up' },
    { id: 'silence-form.cancel', keys: ['esc'], footer: 'cancel', description: 'cancel' },
  ],
};
