// The silence form's keys: ./index.tsx registers them, ./input.ts maps them to actions, and the form writes its
// confirm prompt's answers from them.
import type { KeyBinding } from '../../keymap.js';

export const SILENCE_FORM_KEYS: Omit<KeyBinding, 'scope'>[] = [
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
];
