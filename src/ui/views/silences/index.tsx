// The silences view (slot 6): every silence of the context's Alertmanagers, with new, extend, edit, expire and
// re-create (write keys, absent in read-only contexts). Silencing the selection of other views: ../extensions.ts.
import { useMemo, useRef, useState } from 'react';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useKeyLayer, useKeys } from '../../keys.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import { useViewState } from '../../hooks/useViewState.js';
import { useTheme } from '../../theme.js';
import type { ViewDef, ViewProps } from '../registry.js';
import { silenceListHeight, SilencesList } from './SilencesList.js';
import { describeHealth } from '../../data/health.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { silenceRows } from './rows.js';
import { NO_PROMPT, promptKey, type Prompt } from './prompt.js';
import { describeExpire, describeWrite, writerFor } from './actions.js';
import { authorOf } from '../../../app/silences.js';
import { UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { recordLocally } from '../../../backends/state-store.js';
import { formatDuration } from '../../../domain/duration.js';
import type { SilenceFormRequest } from '../silence-form/index.js';
import { listNavigation } from '../extensions.js';

function SilencesView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const services = app.services;
  const [showExpired, setShowExpired] = useViewState('silences.expired', false);
  const [prompt, setPrompt] = useState<Prompt>(NO_PROMPT);
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
  const listH = silenceListHeight(height, problem);
  const cursor = useKeyedListNav({
    stateKey: 'silences.cursor',
    items: rows,
    keyOf: (r) => r.id,
    height: listH,
    active: prompt.kind === 'none',
  });
  const sel = rows[cursor.index];
  const writable = (): boolean => {
    if (services.readOnly)
      app.notify(`context ${services.context.name} is read-only: silences cannot be changed`, 'error');
    return !services.readOnly;
  };
  const run = async (what: string, fn: () => Promise<string>) => {
    try {
      app.notify(await fn());
      app.refresh();
    } catch (e) {
      app.notify(`${what} failed: ${(e as Error).message}`, 'error');
    }
  };
  const form = (req: SilenceFormRequest) => app.openOverlay('silence-form', req);
  useKeys(
    {
      'silences.new': () => {
        if (writable()) form({ mode: 'create', matchers: [], author: authorOf(services.context) });
      },
      'silences.extend': () => {
        if (sel && writable()) setPrompt({ kind: 'extend', id: sel.id, input: '1h' });
      },
      'silences.edit': () => {
        if (!sel || !writable()) return;
        if (sel.status === 'expired')
          return app.notify('an expired silence cannot be edited: c re-creates it', 'error');
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
      'silences.expire': () => {
        if (sel && writable() && sel.status !== 'expired') setPrompt({ kind: 'expire', id: sel.id });
      },
      'silences.recreate': () => {
        if (!sel || !writable()) return;
        const d = Date.parse(sel.endsAt) - Date.parse(sel.startsAt);
        form({
          mode: 'recreate',
          matchers: sel.silence.matchers,
          duration: d > 0 ? formatDuration(d) : '1h',
          comment: sel.comment,
          author: authorOf(services.context),
        });
      },
      'silences.toggleExpired': () => setShowExpired((v) => !v),
    },
    { active: prompt.kind === 'none' },
  );
  useKeyLayer('silences-prompt', {
    active: prompt.kind !== 'none',
    capture: (name, input) => {
      if (name === 'ctrl+c') return false;
      const [next, intent] = promptKey(promptRef.current, name, input);
      promptRef.current = next;
      setPrompt(next);
      const writer = writerFor(services);
      if (intent.type === 'expire') {
        void run('expire', async () => {
          const r = await writer.expire(intent.id);
          const lost = recordLocally('its until-resolved mark stays until the next sweep', () => {
            for (const x of r.copies) registry.remove(x.id);
          });
          return describeExpire(intent.id, r) + (lost ? `; ${lost}` : '');
        });
      }
      if (intent.type === 'extend') {
        void run('extend', async () => {
          const r = await writer.update(intent.id, (s) => ({
            endsAt: new Date(Math.max(Date.parse(s.endsAt), services.now()) + intent.addMs).toISOString(),
          }));
          const lost = recordLocally('its until-resolved mark names the old ID', () => {
            for (const x of r.copies) if (x.replacedId) registry.rename(x.replacedId, x.id);
          });
          return describeWrite(r, `extended by ${formatDuration(intent.addMs)}: silence`) + (lost ? `; ${lost}` : '');
        });
      }
      return true;
    },
  });
  if (!silences) return <Text {...theme.muted}>waiting for the first answer from the Alertmanagers…</Text>;
  return (
    <SilencesList
      rows={rows}
      cursor={cursor}
      showExpired={showExpired}
      prompt={prompt}
      width={width}
      height={height}
      theme={theme}
      readOnly={services.readOnly}
      problem={problem}
    />
  );
}

export const silencesView: ViewDef = {
  id: 'silences',
  component: SilencesView,
  extensions: [listNavigation],
  keys: [
    { id: 'silences.new', keys: ['n'], write: true, footer: 'new', description: 'new silence' },
    {
      id: 'silences.extend',
      keys: ['e'],
      write: true,
      footer: 'extend',
      description: 'extend the selected silence (adds to its end)',
    },
    {
      id: 'silences.edit',
      keys: ['E'],
      write: true,
      footer: 'edit',
      description: 'edit the selected silence (Alertmanager may give it a new ID)',
    },
    {
      id: 'silences.expire',
      keys: ['x'],
      write: true,
      footer: 'expire',
      description: 'expire the selected silence (asks y/n)',
    },
    {
      id: 'silences.recreate',
      keys: ['c'],
      write: true,
      footer: 're-create',
      description: 're-create the selected (e.g. expired) silence in the form',
    },
    {
      id: 'silences.toggleExpired',
      keys: ['t'],
      footer: 'expired',
      description: 'show or hide recently expired silences',
    },
  ],
};
