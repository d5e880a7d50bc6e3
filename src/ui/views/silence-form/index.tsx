// The silence form overlay ('silence-form'): opened by `s` on a selected alert or incident, by `a` when an ack
// needs confirmation, and from the silences view (new, edit, re-create). Every key that acts in it is declared
// below; the same bindings drive the keys (./input.ts maps each to an action of ./state.ts), help and the form's
// hint line. What is typed into a field is its text.
import type { OverlayDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { SILENCE_FORM_KEYS } from './keys.js';
import type { SilenceFormRequest } from './state.js';

export type { SilenceFormRequest } from './state.js';

export const silenceFormOverlay: OverlayDef<SilenceFormRequest> = {
  id: 'silence-form',
  title: 'Silence',
  component: onDemand(async () => (await import('./SilenceFormOverlay.js')).SilenceFormOverlay),
  keys: SILENCE_FORM_KEYS,
};
