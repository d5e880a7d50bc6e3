// Small node:http(s) servers for tests that need a misbehaving proxy, an echo of the request headers, a TLS
// front for a real server, or an HTTP forward proxy. The backends behind them are real.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: SeenRequest, res: http.ServerResponse) => void | Promise<void>;

/** Starts a server on a free loopback port; every request is recorded (method, URL, headers, body). */
export async function serve(
  handler: Handler,
  tls?: { cert: string; key: string; ca?: string; requestCert?: boolean },
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch((e) => {
        res.statusCode = 599;
        res.end(String(e));
      });
    });
  };
  const server = tls
    ? https.createServer(
        { cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: tls.requestCert, rejectUnauthorized: tls.requestCert },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Forwards a recorded request to `target` (a real server) and relays its answer. */
export async function forward(target: string, req: SeenRequest, res: http.ServerResponse): Promise<void> {
  // A proxy receives an absolute URL; a reverse proxy a path.
  const p = /^https?:\/\//.test(req.url) ? new URL(req.url).pathname + new URL(req.url).search : req.url;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string' && !['host', 'connection', 'content-length', 'proxy-connection'].includes(k))
      headers[k] = v;
  }
  const r = await fetch(target + p, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
  });
  res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/octet-stream' });
  res.end(Buffer.from(await r.arrayBuffer()));
}

export interface CertFiles {
  dir: string;
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
}

/** A self-signed certificate (for 127.0.0.1 and localhost unless `san` says otherwise), made with openssl. */
export function selfSignedCert(cn = 'oncall-test', san = 'IP:127.0.0.1,DNS:localhost'): CertFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=${san}`,
    ],
    { stdio: 'ignore' },
  );
  return { dir, cert, key, certPem: fs.readFileSync(cert, 'utf8'), keyPem: fs.readFileSync(key, 'utf8') };
}

/** 1 MiB of JSON-ish blanks, gzipped once (about 1 kB); gzip members may follow each other in one body. */
const MEMBER = zlib.gzipSync(Buffer.alloc(1 << 20, 0x20));

/** Sends `mib` MiB (decompressed) of gzip members, counting what it managed to write before the reader left. */
export function gzipBomb(res: http.ServerResponse, mib: number, sent: { members: number }): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
  res.on('error', () => {});
  const pump = () => {
    while (sent.members < mib && !res.destroyed) {
      sent.members++;
      if (!res.write(MEMBER)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}
