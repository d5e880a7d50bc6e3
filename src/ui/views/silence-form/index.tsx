// The silence form overlay ('silence-form'): opened by `s` on a selected alert or incident, by `a` when an ack
// needs confirmation, and from the silences view (new, edit, re-create). Every key that acts in it is declared
// below; the same bindings drive the keys (./input.ts maps each to an action of ./state.ts), help and the form's
// hint line. What is typed into a field is its text.
import type { OverlayDef } from '../registry.js';
import { SilenceFormOverlay } from './SilenceFormOverlay.js';
import type { SilenceFormRequest } from './state.js';

export type { SilenceFormRequest } from './state.js';

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
    {
      id: 'silence-form.toggle',
      keys: ['space'],
      description: 'on "until resolved": toggle it (in a text field: a space)',
    },
    { id: 'silence-form.erase', keys: ['backspace', 'delete'], description: 'erase a character of the field' },
    { id: 'silence-form.pageDown', keys: ['pagedown'], description: 'scroll the preview of matching alerts down' },
    { id: 'silence-form.pageUp', keys: ['pageup'], description: 'scroll the preview up' },
    {
      id: 'silence-form.cancel',
      keys: ['esc'],
      footer: 'cancel',
      description: 'cancel (when asked to confirm: back to the form)',
    },
    { id: 'silence-form.yes', keys: ['y', 'Y'], description: 'when asked to confirm: create it' },
    { id: 'silence-form.no', keys: ['n', 'N'], description: 'when asked to confirm: back to the form' },
  ],
};
