// Web runbooks in the runbook view: for each entry whose alert links an http(s) page and no local runbook, the
// page is fetched in the background (never blocking keys), its progress shown while it loads, and the entry
// then carries the parsed runbook and where it came from. `r` revalidates; `R` fetches anew past the cache.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOncall } from '../../app-context.js';
import { DEFAULT_WEB_SETTINGS, loadWebRunbook, type WebRunbook } from '../../../backends/web-runbooks.js';
import type { RunbookEntry } from './entries.js';

export type WebState =
  | { status: 'loading'; startedAt: number; bytes: number }
  | { status: 'done'; web: WebRunbook }
  | { status: 'error'; message: string };

// Kept for the process: coming back to an incident shows the page at once, and revalidation runs behind it.
const known = new Map<string, WebRunbook>();

export function useWebRunbooks(entries: RunbookEntry[]): {
  entries: RunbookEntry[];
  states: ReadonlyMap<string, WebState>;
  refetch(): void;
} {
  const app = useOncall();
  const settings = app.services.context.settings.runbooks ?? DEFAULT_WEB_SETTINGS;
  const [states, setStates] = useState<ReadonlyMap<string, WebState>>(
    () => new Map([...known].map(([u, web]) => [u, { status: 'done', web } as const])),
  );
  const [generation, setGeneration] = useState({ n: 0, refresh: false });
  const urls = entries
    .filter((e) => e.resolution.webUrl && !e.resolution.runbook)
    .map((e) => [e.resolution.webUrl!, e.alertname] as const);
  const key = urls.map(([u]) => u).join('\n');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  useEffect(() => {
    if (!settings.fetch) return;
    for (const [url, alertname] of urls) {
      const set = (s: WebState) => {
        if (alive.current) setStates((m) => new Map(m).set(url, s));
      };
      const startedAt = Date.now();
      if (!known.has(url)) set({ status: 'loading', startedAt, bytes: 0 });
      loadWebRunbook(url, settings, {
        alertname,
        refresh: generation.refresh,
        onProgress: (bytes) => {
          if (!known.has(url)) set({ status: 'loading', startedAt, bytes });
        },
      }).then(
        (web) => {
          known.set(url, web);
          set({ status: 'done', web });
        },
        (e: Error) => {
          if (!known.has(url)) set({ status: 'error', message: e.message });
        },
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation, settings.fetch]);

  // `r` revalidates the pages shown (a conditional request: cheap when nothing changed).
  const { onRefresh } = app;
  useEffect(() => onRefresh(() => setGeneration((g) => ({ n: g.n + 1, refresh: false }))), [onRefresh]);

  // A ticking second while a page loads, so a slow site shows its progress.
  const loading = [...states.values()].some((s) => s.status === 'loading');
  const [, tick] = useState(0);
  useEffect(() => {
    if (!loading) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [loading]);

  const merged = useMemo(
    () =>
      entries.map((e) => {
        const url = e.resolution.webUrl;
        const st = url && !e.resolution.runbook ? states.get(url) : undefined;
        if (st?.status !== 'done') return e;
        const { web } = st;
        return {
          ...e,
          resolution: { ...e.resolution, runbook: web.runbook, via: 'annotation' as const },
          web: { url: web.url, source: web.source, fetchedAt: web.fetchedAt, via: web.via, stale: web.stale },
        };
      }),
    [entries, states],
  );

  return { entries: merged, states, refetch: () => setGeneration((g) => ({ n: g.n + 1, refresh: true })) };
}
