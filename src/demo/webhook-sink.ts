// Stands in for the article's Slack and PagerDuty receivers: records what the Alertmanager would have sent,
// one path per receiver (POST /pager, /ticket, /default), and lists it at GET /notifications.
import http from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface Notification {
  receiver: string;
  receivedAt: string;
  status: string;
  alerts: {
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    fingerprint?: string;
  }[];
  groupLabels: Record<string, string>;
}

export interface WebhookSink {
  url: string;
  notifications(): Notification[];
  stop(): Promise<void>;
}

const KEEP = 1000;

export async function startWebhookSink(onNotification?: (n: Notification) => void): Promise<WebhookSink> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/notifications') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(received, null, 2) + '\n');
      return;
    }
    if (req.method !== 'POST') {
      res
        .writeHead(405, { 'Content-Type': 'text/plain' })
        .end('POST an Alertmanager webhook payload, or GET /notifications\n');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Notification> & {
          receiver?: string;
        };
        const n: Notification = {
          receiver: url.pathname.replace(/^\//, '') || body.receiver || 'unknown',
          receivedAt: new Date().toISOString(),
          status: String(body.status ?? ''),
          alerts: Array.isArray(body.alerts) ? body.alerts : [],
          groupLabels: body.groupLabels ?? {},
        };
        received.push(n);
        if (received.length > KEEP) received.splice(0, received.length - KEEP);
        onNotification?.(n);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('expected a JSON webhook payload\n');
      }
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    notifications: () => [...received],
    stop: async () => {
      await listening.close();
    },
  };
}
