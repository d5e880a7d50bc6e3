// The silences view's state hook: the rows (active and pending, recently expired ones on `t`), the cursor, the
// one-line prompt (expire? y/n, extend by how long) and the view's named actions. Its keys are mapped to these in
// ./input.ts; the write keys are absent in a read-only context (their bindings say `write`), so the actions that
// write never see one.
import { useMemo, useRef, useState } from 'react';
import { useOncall } from '../../app-context.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import { useViewState } from '../../hooks/useViewState.js';
import type { Cursor } from '../../list.js';
import { describeHealth } from '../../data/health.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { formatDuration } from '../../../domain/duration.js';
import type { Silence } from '../../../domain/types.js';
import { authorOf } from '../../../app/silences.js';
import { UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { recordLocally } from '../../../backends/state-store.js';
import type { SilenceFormRequest } from '../silence-form/index.js';
import { silenceListHeight } from './SilencesList.js';
import { silenceRows, type SilenceRow } from './rows.js';
import { NO_PROMPT, promptAction, takesText, type Prompt, type PromptAction } from './prompt.js';
import { describeExpire, describeWrite, writerFor } from './actions.js';

export interface SilencesActions extends ListActions {
  /** The form, empty. */
  newSilence(): void;
  /** The extend prompt for the selected silence. */
  extend(): void;
  /** The form with the selected silence (not an expired one: that is re-created). */
  edit(): void;
  /** The expire prompt (y/n) for the selected silence. */
  expire(): void;
  /** The form with the selected silence's matchers, comment and length. */
  recreate(): void;
  toggleExpired(): void;
}

/** What the prompt's bindings run, and the text typed into it. */
export interface SilencesPromptActions {
  yes(): void;
  no(): void;
  apply(): void;
  cancel(): void;
  erase(): void;
}

export interface SilencesState {
  /** Undefined before the first answer. */
  silences: Silence[] | undefined;
  rows: SilenceRow[];
  cursor: Cursor;
  showExpired: boolean;
  prompt: Prompt;
  readOnly: boolean;
  /** Why the list may be incomplete or stale: Alertmanagers whose silences could not be read. */
  problem: string | undefined;
  actions: SilencesActions;
  promptActions: SilencesPromptActions;
  /** Text typed while the prompt is up; false when the prompt does not take it (the key then goes to its bindings). */
  typeIntoPrompt(text: string): boolean;
}

export function useSilencesState(height: number): SilencesState {
  const app = useOncall();
  const services = app.services;
  const [showExpired, setShowExpired] = useViewState('silences.expired', false);
  const [prompt, setPrompt] = useState<Prompt>(NO_PROMPT);
  // Keys typed in one burst act on the prompt the previous key left, before React has rendered it.
  const promptRef = useRef(prompt);
  promptRef.current = prompt;
  const now = services.now();
  const registry = useMemo(() => new UntilResolvedRegistry(), []);
  const silences = app.data?.silences;
  const alerts = app.data?.alerts;
  // Time left is shown in seconds: the rows are remade once a second, not on every render.
  const second = Math.floor(now / 1000);
  const rows = useMemo(
    () => silenceRows(silences ?? [], alerts ?? [], second * 1000, showExpired, (id) => registry.has(id)),
    [silences, alerts, showExpired, second, registry],
  );
  const unhealthy = app.data?.silencesHealth ?? [];
  const problem = unhealthy.length
    ? `silences not read: ${unhealthy.map((h) => `${describeHealth(h, now)}: ${sanitizeLine(h.error ?? '')}`).join('; ')}`
    : undefined;
  const list = useKeyedListState({
    stateKey: 'silences.cursor',
    items: rows,
    keyOf: (r) => r.id,
    height: silenceListHeight(height, problem),
  });
  const sel = rows[list.cursor.index];

  const run = async (what: string, fn: () => Promise<string>) => {
    try {
      app.notify(await fn());
      app.refresh();
    } catch (e) {
      app.notify(`${what} failed: ${(e as Error).message}`, 'error');
    }
  };
  const form = (req: SilenceFormRequest) => app.openOverlay('silence-form', req);
  const actions: SilencesActions = {
    ...list.actions,
    newSilence: () => form({ mode: 'create', matchers: [], author: authorOf(services.context) }),
    extend: () => {
      if (sel) setPrompt((promptRef.current = { kind: 'extend', id: sel.id, input: '1h' }));
    },
    edit: () => {
      if (!sel) return;
      if (sel.status === 'expired') return app.notify('an expired silence cannot be edited: c re-creates it', 'error');
      form({
        mode: 'edit',
        editId: sel.id,
        matchers: sel.silence.matchers,
        end: sel.endsAt,
        duration: 'custom',
        comment: sel.comment,
        author: sel.createdBy,
        untilResolved: sel.untilResolved,
      });
    },
    expire: () => {
      if (sel && sel.status !== 'expired') setPrompt((promptRef.current = { kind: 'expire', id: sel.id }));
    },
    recreate: () => {
      if (!sel) return;
      const d = Date.parse(sel.endsAt) - Date.parse(sel.startsAt);
      form({
        mode: 'recreate',
        matchers: sel.silence.matchers,
        duration: d > 0 ? formatDuration(d) : '1h',
        comment: sel.comment,
        author: authorOf(services.context),
      });
    },
    toggleExpired: () => setShowExpired((v) => !v),
  };

  const act = (a: PromptAction) => {
    const [next, intent] = promptAction(promptRef.current, a);
    promptRef.current = next;
    setPrompt(next);
    const writer = () => writerFor(services);
    if (intent.type === 'expire') {
      void run('expire', async () => {
        const r = await writer().expire(intent.id);
        const lost = recordLocally('its until-resolved mark stays until the next sweep', () => {
          for (const x of r.copies) registry.remove(x.id);
        });
        return describeExpire(intent.id, r) + (lost ? `; ${lost}` : '');
      });
    }
    if (intent.type === 'extend') {
      void run('extend', async () => {
        const r = await writer().update(intent.id, (s) => ({
          endsAt: new Date(Math.max(Date.parse(s.endsAt), services.now()) + intent.addMs).toISOString(),
        }));
        const lost = recordLocally('its until-resolved mark names the old ID', () => {
          for (const x of r.copies) if (x.replacedId) registry.rename(x.replacedId, x.id);
        });
        return describeWrite(r, `extended by ${formatDuration(intent.addMs)}: silence`) + (lost ? `; ${lost}` : '');
      });
    }
  };
  const promptActions: SilencesPromptActions = {
    yes: () => act('yes'),
    no: () => act('no'),
    apply: () => act('apply'),
    cancel: () => act('cancel'),
    erase: () => act('erase'),
  };
  const typeIntoPrompt = (text: string) => {
    if (!takesText(promptRef.current, text)) return false;
    act({ type: 'text', text });
    return true;
  };
  return {
    silences,
    rows,
    cursor: list.cursor,
    showExpired,
    prompt,
    readOnly: services.readOnly,
    problem,
    actions,
    promptActions,
    typeIntoPrompt,
  };
}
