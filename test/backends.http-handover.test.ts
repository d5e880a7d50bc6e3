// An answer one thread asks for and another reads as its own (src/backends/http-handover.ts): the TUI's UI thread
// sends the first alert list request, and the data worker's first refresh reads it. The parts travel through a
// MessageChannel here, which clones and transfers them as postMessage to a worker does; the Alertmanager is real,
// behind a pass-through that counts the requests.
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../src/backends/alertmanager.js';
import { BackendError } from '../src/backends/errors.js';
import { receiveAhead, takePart, type HandoverPart } from '../src/backends/http-handover.js';
import { startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { contextSchema } from '../src/backends/config/schema.js';
import { sendAlertListsAhead } from '../src/ui/data/ahead.js';
import { CLOSED_URL, MINIMAL_AM_CONFIG, postAlerts, waitForAlerts } from './helpers/stack.js';
import { forward, serve, type TestServer } from './helpers/http-servers.js';

// Enough alerts for a body of about 1 MB (many socket reads), with characters of two to four bytes in UTF-8, so
// that some are cut between two parts.
const ALERTS = 600;
const MODEL = 'модель-ü-😀-推理';
const alertsAsked = (s: TestServer) => s.requests.filter((r) => r.url.startsWith('/api/v2/alerts')).length;

/**
 * Sends the alert list ahead with `client`; its parts cross a MessageChannel to a receiver readied for them. Resolves
 * `parts` with how many there were.
 */
function sendThrough(client: AlertmanagerClient): { url: string; parts: Promise<number> } {
  const { port1, port2 } = new MessageChannel();
  const url = client.sendAlertsAhead((p, t) => port1.postMessage(p, t))!;
  receiveAhead(url);
  const parts = new Promise<number>((resolve) => {
    let n = 0;
    port2.on('message', (p: HandoverPart) => {
      n++;
      if (takePart(p)) {
        port2.close();
        resolve(n);
      }
    });
  });
  return { url, parts };
}

let am: ServerHandle;
let pass: TestServer;
beforeAll(async () => {
  am = await startAlertmanager({ config: MINIMAL_AM_CONFIG });
  await postAlerts(
    am.url,
    Array.from({ length: ALERTS }, (_, i) => ({
      labels: { alertname: 'GPUMemoryHigh', instance: `gpu-${i}`, model: MODEL, severity: 'warning' },
      annotations: { summary: `${MODEL} `.repeat(40) },
    })),
  );
  await waitForAlerts(am.url, ALERTS);
  pass = await serve((req, res) => forward(am.url, req, res));
}, 60_000);
afterAll(async () => {
  await pass?.close();
  await am?.stop();
});

describe('an alert list sent ahead', () => {
  it('is the answer of the first alerts() of a client with the same configuration: one request, the same alerts', async () => {
    const before = alertsAsked(pass);
    const sent = sendThrough(new AlertmanagerClient({ url: pass.url }, { timeoutMs: 10_000 }));
    expect(sent.url).toBe(`${pass.url}/api/v2/alerts?active=true&silenced=true&inhibited=true`);
    const receiver = new AlertmanagerClient({ url: pass.url }, { timeoutMs: 10_000 });
    const handed = await receiver.alerts();
    expect(await sent.parts).toBeGreaterThan(4); // the body came in several pieces
    expect(alertsAsked(pass) - before).toBe(1);
    // Taken once: the next alerts() asks Alertmanager itself, and gets the same list.
    const own = await receiver.alerts();
    expect(alertsAsked(pass) - before).toBe(2);
    expect(handed).toHaveLength(ALERTS);
    expect(handed).toEqual(own);
    expect(new Set(handed.map((a) => a.labels.model))).toEqual(new Set([MODEL]));
    expect(handed[0]!.annotations.summary).toBe(`${MODEL} `.repeat(40));
  }, 30_000);

  it('fails as the request itself would, in the same words, and a retry asks Alertmanager itself', async () => {
    // A gateway that fails the next request (502), then forwards again.
    let failNext = true;
    const gateway = await serve((req, res) => {
      if (!failNext) return forward(am.url, req, res);
      failNext = false;
      res.writeHead(502);
      res.end();
    });
    try {
      const direct = await new AlertmanagerClient({ url: gateway.url }, { retries: 0 }).alerts().catch((e) => e);
      expect(direct).toBeInstanceOf(BackendError);
      failNext = true;
      sendThrough(new AlertmanagerClient({ url: gateway.url }));
      // The answer sent ahead was the 502: the receiver reports it (asking itself, it would have got the alerts).
      const handed = await new AlertmanagerClient({ url: gateway.url }, { retries: 0 }).alerts().catch((e) => e);
      expect(handed).toBeInstanceOf(BackendError);
      expect((handed as Error).message).toBe((direct as Error).message);
      expect(alertsAsked(gateway)).toBe(2);
      // A 502 is retried: the second attempt is a request of the receiver's own.
      failNext = true;
      sendThrough(new AlertmanagerClient({ url: gateway.url }));
      const alerts = await new AlertmanagerClient({ url: gateway.url }, { retries: 1, backoffMs: 10 }).alerts();
      expect(alerts).toHaveLength(ALERTS);
      expect(alertsAsked(gateway)).toBe(4);
    } finally {
      await gateway.close();
    }

    // A transport failure keeps its code, which the receiver words its error from.
    const refused = await new AlertmanagerClient({ url: CLOSED_URL }, { retries: 0 }).alerts().catch((e) => e);
    const sent = sendThrough(new AlertmanagerClient({ url: CLOSED_URL }));
    const handed = await new AlertmanagerClient({ url: CLOSED_URL }, { retries: 0 }).alerts().catch((e) => e);
    expect(await sent.parts).toBe(1);
    expect((handed as BackendError).failure).toBe('refused');
    expect((handed as Error).message).toBe((refused as Error).message);
  }, 30_000);

  it('is not sent where the client goes through a proxy, nor to two Alertmanagers at one URL', () => {
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = 'http://127.0.0.1:1';
    try {
      const viaProxy = new AlertmanagerClient({ url: 'https://alertmanager.example.com' });
      expect(viaProxy.sendAlertsAhead(() => undefined)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
    }
    const cfg = (urls: string[]) => ({
      alertmanagers: urls.map((url) => ({ url })),
      prometheus: { url: CLOSED_URL },
      timeoutMs: 5000,
      settings: contextSchema.parse({}),
    });
    // The same URL twice (a trailing slash is the same server): their answers could not be told apart.
    expect(sendAlertListsAhead(cfg([CLOSED_URL, `${CLOSED_URL}/`]), () => undefined)).toEqual([]);
    expect(sendAlertListsAhead(cfg([CLOSED_URL, 'http://127.0.0.1:2']), () => undefined)).toEqual([
      `${CLOSED_URL}/api/v2/alerts?active=true&silenced=true&inhibited=true`,
      'http://127.0.0.1:2/api/v2/alerts?active=true&silenced=true&inhibited=true',
    ]);
  });
});
