// The TUI's first alert list requests, sent from the UI thread once the context is read and the first frame drawn:
// the data worker's thread may still be starting then (about 0.1 s, more on a busy machine), and during a storm
// every millisecond before the request adds to the second Alertmanager takes to render the list. The worker's first refresh reads these answers as its own
// (src/backends/http-handover.ts): one request per Alertmanager, as before.
import { AlertmanagerSet } from '../../backends/alertmanager.js';
import type { HttpClientOptions } from '../../backends/http.js';
import type { HandoverPart } from '../../backends/http-handover.js';
import type { LoadConfig } from './protocol.js';

/** The options of the loader's clients (load.ts); an answer sent ahead is the one such a client would get. */
export function loaderClientOptions(cfg: LoadConfig): HttpClientOptions {
  return { timeoutMs: cfg.timeoutMs, retries: 1, backoffMs: 200 };
}

/**
 * Sends each Alertmanager's alert list request, as the loader's first refresh would; the parts of each answer go
 * to `post`. Returns the URLs sent. Nothing is sent for a client that goes through a proxy, for two Alertmanagers
 * at one URL (their answers could not be told apart), or for a configuration the loader will report as wrong.
 */
export function sendAlertListsAhead(
  cfg: LoadConfig,
  post: (part: HandoverPart, transfer: ArrayBuffer[]) => void,
  /** Abandons the requests: the TUI is closing. */
  signal?: AbortSignal,
): string[] {
  let set: AlertmanagerSet;
  try {
    set = new AlertmanagerSet(cfg.alertmanagers, loaderClientOptions(cfg));
  } catch {
    return [];
  }
  const count = new Map<string, number>();
  for (const c of set.members) count.set(c.http.baseUrl, (count.get(c.http.baseUrl) ?? 0) + 1);
  return set.members.flatMap((c) =>
    count.get(c.http.baseUrl) === 1 ? (c.sendAlertsAhead(post, {}, signal) ?? []) : [],
  );
}
