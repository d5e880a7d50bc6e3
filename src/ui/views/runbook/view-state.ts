// The runbook view's own state, held by its hook (./state.ts): which runbook of the incident is shown, the scroll
// position, and the note being typed. The current step and everything done live in IncidentProgress (saved per
// incident). Pure reducer.

export interface ViewState {
  /** Index into the incident's runbook entries (root first). */
  index: number;
  /** First visible row. */
  top: number;
  /** Keep the current step in view (off after a manual scroll, on again after a step move). */
  follow: boolean;
  /** A note being typed for the current step, or undefined. */
  draft?: string;
}

export type ViewAction =
  | { type: 'runbook'; delta: number; count: number }
  | { type: 'select'; index: number }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'follow' }
  /** Records where following the current step scrolled to. */
  | { type: 'sync'; top: number }
  | { type: 'noteStart'; initial: string }
  | { type: 'noteType'; text: string }
  | { type: 'noteBackspace' }
  | { type: 'noteEnd' };

export const INITIAL: ViewState = { index: 0, top: 0, follow: true };

/** Notes are short: one line in the step log. */
export const NOTE_LIMIT = 200;

export function viewReducer(s: ViewState, a: ViewAction): ViewState {
  switch (a.type) {
    case 'runbook': {
      if (a.count <= 0) return s;
      const index = (s.index + a.delta + a.count) % a.count;
      return index === s.index ? s : { ...s, index, top: 0, follow: true, draft: undefined };
    }
    case 'select':
      return a.index === s.index ? s : { ...s, index: a.index, top: 0, follow: true, draft: undefined };
    case 'scroll': {
      const top = Math.max(0, Math.min(a.max, s.top + a.delta));
      return { ...s, top, follow: false };
    }
    case 'follow':
      return s.follow ? s : { ...s, follow: true };
    case 'sync':
      return s.top === a.top ? s : { ...s, top: a.top };
    case 'noteStart':
      return { ...s, draft: a.initial.slice(0, NOTE_LIMIT) };
    case 'noteType': {
      if (s.draft === undefined) return s;
      // Typed or pasted text: printable characters only, one line.
      const add = a.text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      return { ...s, draft: (s.draft + add).slice(0, NOTE_LIMIT) };
    }
    case 'noteBackspace':
      return s.draft ? { ...s, draft: s.draft.slice(0, -1) } : s;
    case 'noteEnd':
      return s.draft === undefined ? s : { ...s, draft: undefined };
  }
}
