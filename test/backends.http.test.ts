// What goes over the wire: auth, headers, TLS, proxies and retries. A recording server shows which headers arrive;
// a TLS front and a forward proxy (node:http(s)) stand before a real Alertmanager.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../src/backends/alertmanager.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { BackendError } from '../src/backends/errors.js';
import { HttpClient, isLoopbackHost } from '../src/backends/http.js';
import type { BackendConfig } from '../src/backends/config/schema.js';
import { startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { parseMatchers } from '../src/domain/matchers.js';
import { CLOSED_URL, MINIMAL_AM_CONFIG, postAlerts, waitForAlerts } from './helpers/stack.js';
import { forward, json, selfSignedCert, serve, type CertFiles, type TestServer } from './helpers/http-servers.js';

const HOUR = 3_600_000;
const newSilence = () => ({
  matchers: parseMatchers('alertname="X"'),
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + HOUR).toISOString(),
  createdBy: 'test',
  comment: 'c',
});

async function error(p: Promise<unknown>): Promise<BackendError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(BackendError);
  return e as BackendError;
}

let am: ServerHandle;
let tmp: string;
beforeAll(async () => {
  am = await startAlertmanager({ config: MINIMAL_AM_CONFIG });
  await postAlerts(am.url, [{ labels: { alertname: 'Behind', cluster: 'prod' } }]);
  await waitForAlerts(am.url, 1);
  tmp = fs.mkdtempSync(path.join(am.dir, '..', 'oncall-http-test-'));
});
afterAll(async () => {
  await am?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('auth and headers', () => {
  let echo: TestServer;
  beforeAll(async () => {
    echo = await serve((req, res) => {
      if (req.url.startsWith('/api/v2/alerts')) return json(res, 200, []);
      if (req.url.startsWith('/api/v2/silences')) return json(res, 200, { silenceID: 'new-id' });
      if (req.url.startsWith('/api/v1/'))
        return json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } });
      json(res, 404, {});
    });
  });
  afterAll(async () => echo?.close());
  afterEach(() => {
    echo.requests.length = 0;
  });

  /** One read (GET) and one write (POST) with `cfg`; returns the headers each carried. */
  async function headersFor(cfg: Partial<BackendConfig>) {
    const c = new AlertmanagerClient({ url: echo.url, ...cfg });
    await c.alerts();
    await c.postSilence(newSilence());
    expect(echo.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    return echo.requests.map((r) => r.headers);
  }

  it('sends basic auth from the config, a password file, or the URL', async () => {
    const want = `Basic ${Buffer.from('oncall:s3cret').toString('base64')}`;
    for (const h of await headersFor({ basic_auth: { username: 'oncall', password: 's3cret' } }))
      expect(h.authorization).toBe(want);
    echo.requests.length = 0;
    const file = path.join(tmp, 'password');
    fs.writeFileSync(file, 's3cret\n');
    for (const h of await headersFor({ basic_auth: { username: 'oncall', password_file: file } }))
      expect(h.authorization).toBe(want);
    echo.requests.length = 0;
    const c = new AlertmanagerClient({ url: echo.url.replace('http://', 'http://oncall:s3cret@') });
    await c.alerts();
    expect(echo.requests[0]!.headers.authorization).toBe(want);
    // the password never shows in the client's URL, used in errors
    expect(c.http.baseUrl).toBe(echo.url);
  });

  it('sends a bearer token from a file or an environment variable', async () => {
    const file = path.join(tmp, 'token');
    fs.writeFileSync(file, 'tok-from-file\n');
    for (const h of await headersFor({ bearer_token_file: file })) expect(h.authorization).toBe('Bearer tok-from-file');
    echo.requests.length = 0;
    process.env.ONCALL_TEST_TOKEN = 'tok-from-env';
    try {
      for (const h of await headersFor({ bearer_token_env: 'ONCALL_TEST_TOKEN' }))
        expect(h.authorization).toBe('Bearer tok-from-env');
    } finally {
      delete process.env.ONCALL_TEST_TOKEN;
    }
  });

  it('names a missing token variable or file without showing any secret', () => {
    expect(() => new HttpClient('prometheus', { url: echo.url, bearer_token_env: 'ONCALL_TEST_UNSET' })).toThrow(
      /environment variable ONCALL_TEST_UNSET \(bearer_token_env\) is empty/,
    );
    expect(() => new HttpClient('prometheus', { url: echo.url, bearer_token_file: path.join(tmp, 'nope') })).toThrow(
      /cannot read bearer token file .*nope: ENOENT/,
    );
  });

  it('sends custom headers such as X-Scope-OrgID, with every request, on Prometheus too', async () => {
    for (const h of await headersFor({ headers: { 'X-Scope-OrgID': 'team-ml' } })) {
      expect(h['x-scope-orgid']).toBe('team-ml');
      expect(h['user-agent']).toBe('oncall-tui');
      expect(h.accept).toBe('application/json');
    }
    echo.requests.length = 0;
    const prom = new PrometheusClient({
      url: echo.url,
      headers: { 'X-Scope-OrgID': 'team-ml' },
      bearer_token: 'inline-tok',
    });
    await prom.query('up');
    await prom.query(`up{instance=~"${'x|'.repeat(800)}y"}`);
    expect(echo.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    for (const r of echo.requests) {
      expect(r.headers['x-scope-orgid']).toBe('team-ml');
      expect(r.headers.authorization).toBe('Bearer inline-tok');
    }
  });
});

describe('TLS', () => {
  let certs: CertFiles;
  let client: CertFiles;
  let front: TestServer;
  let mtls: TestServer;
  beforeAll(async () => {
    certs = selfSignedCert('oncall-test-server');
    client = selfSignedCert('oncall-test-client');
    // TLS termination in front of the real Alertmanager, as an ingress does
    front = await serve((req, res) => forward(am.url, req, res), { cert: certs.certPem, key: certs.keyPem });
    mtls = await serve((req, res) => forward(am.url, req, res), {
      cert: certs.certPem,
      key: certs.keyPem,
      ca: client.certPem,
      requestCert: true,
    });
  });
  afterAll(async () => {
    await front?.close();
    await mtls?.close();
    for (const c of [certs, client]) if (c) fs.rmSync(c.dir, { recursive: true, force: true });
  });

  it('refuses a certificate it cannot verify, and says how to trust it', async () => {
    const e = await error(new AlertmanagerClient({ url: front.url }, { retries: 0 }).alerts());
    expect(e.failure).toBe('tls');
    expect(e.message).toMatch(
      /TLS certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); set tls\.ca_file, or tls\.insecure_skip_verify to opt out/,
    );
    const w = await error(new AlertmanagerClient({ url: front.url }, { retries: 0 }).postSilence(newSilence()));
    expect(w.failure).toBe('tls');
  });

  it('trusts the certificate given in tls.ca_file, for reads and writes', async () => {
    const c = new AlertmanagerClient({ url: front.url, tls: { ca_file: certs.cert } });
    expect((await c.alerts()).map((a) => a.labels.alertname)).toEqual(['Behind']);
    const id = await c.postSilence(newSilence());
    await c.expireSilence(id);
  });

  it('checks the host name against the certificate', async () => {
    const other = selfSignedCert('elsewhere', 'DNS:prometheus.example.com');
    const wrongName = await serve((req, res) => forward(am.url, req, res), { cert: other.certPem, key: other.keyPem });
    try {
      const e = await error(
        new AlertmanagerClient({ url: wrongName.url, tls: { ca_file: other.cert } }, { retries: 0 }).alerts(),
      );
      expect(e.failure).toBe('tls');
      expect(e.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await wrongName.close();
      fs.rmSync(other.dir, { recursive: true, force: true });
    }
  });

  it('skips verification only when insecure_skip_verify is set', async () => {
    const c = new AlertmanagerClient({ url: front.url, tls: { insecure_skip_verify: true } });
    expect(await c.alerts()).toHaveLength(1);
    const off = new AlertmanagerClient({ url: front.url, tls: { insecure_skip_verify: false } }, { retries: 0 });
    expect((await error(off.alerts())).failure).toBe('tls');
  });

  it('presents a client certificate from tls.cert_file and tls.key_file', async () => {
    const without = new AlertmanagerClient({ url: mtls.url, tls: { ca_file: certs.cert } }, { retries: 0 });
    const e = await error(without.alerts());
    expect(e.failure).toBe('tls');
    expect(e.message).toMatch(
      /TLS handshake failed \(ERR_SSL_\w+\); the server may want a client certificate \(tls\.cert_file and tls\.key_file\)/,
    );
    const c = new AlertmanagerClient({
      url: mtls.url,
      tls: { ca_file: certs.cert, cert_file: client.cert, key_file: client.key },
    });
    expect(await c.alerts()).toHaveLength(1);
    const id = await c.postSilence(newSilence());
    await c.expireSilence(id);
  });

  it('explains plain HTTP sent to a TLS port, and TLS sent to a plain port', async () => {
    const plainToTls = await error(
      new AlertmanagerClient({ url: front.url.replace('https:', 'http:') }, { retries: 0 }).alerts(),
    );
    expect(plainToTls.message).toMatch(
      /the server closed the connection \(ECONNRESET\); is the scheme \(http\/https\) right\?/,
    );
    const tlsToPlain = await error(
      new AlertmanagerClient({ url: am.url.replace('http:', 'https:') }, { retries: 0 }).alerts(),
    );
    expect(tlsToPlain.failure).toBe('tls');
    expect(tlsToPlain.message).toMatch(/TLS handshake failed .*is the scheme \(http\/https\) right\?/);
  });
});

describe('proxies from the environment', () => {
  let proxy: TestServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    // A forward proxy: requests arrive with an absolute URL, which it sends on to the real Alertmanager.
    proxy = await serve((req, res) => forward(am.url, req, res));
  });
  afterAll(async () => proxy?.close());
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'HTTPS_PROXY', 'https_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    proxy.requests.length = 0;
  });

  it('sends requests for other hosts through HTTP_PROXY, reads and writes', async () => {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const c = new AlertmanagerClient({ url: 'http://alertmanager.invalid:9093' }, { retries: 0 });
    expect((await c.alerts()).map((a) => a.labels.alertname)).toEqual(['Behind']);
    const id = await c.postSilence(newSilence());
    expect(proxy.requests.map((r) => `${r.method} ${new URL(r.url).host}`)).toEqual([
      'GET alertmanager.invalid:9093',
      'POST alertmanager.invalid:9093',
    ]);
    await new AlertmanagerClient({ url: am.url }).expireSilence(id);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '.invalid';
    const e = await error(new AlertmanagerClient({ url: 'http://alertmanager.invalid:9093' }, { retries: 0 }).alerts());
    expect(e.failure).toBe('dns');
    expect(proxy.requests).toHaveLength(0);
  });

  it('never sends loopback addresses to the proxy', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.http_proxy = proxy.url;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const port = new URL(am.url).port;
    for (const url of [am.url, `http://localhost:${port}`]) {
      const c = new AlertmanagerClient({ url });
      expect(await c.alerts()).toHaveLength(1);
      const id = await c.postSilence(newSilence());
      await c.expireSilence(id);
    }
    expect(proxy.requests).toHaveLength(0);
  });

  it('knows which hosts are loopback', () => {
    for (const h of ['localhost', 'LOCALHOST', 'prom.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1', 'localhost.example.com', 'prometheus', '128.0.0.1', '::2'])
      expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('retries', () => {
  let gateway: TestServer;
  let apiError: TestServer;
  let denied: TestServer;
  let hang: TestServer;
  beforeAll(async () => {
    gateway = await serve((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html>503 Service Temporarily Unavailable</html>');
    });
    apiError = await serve((req, res) => {
      if (req.url.startsWith('/api/v1/'))
        return json(res, 503, {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        });
      json(res, 500, 'silence not found');
    });
    denied = await serve((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    hang = await serve(() => {
      /* never answers */
    });
  });
  afterAll(async () => {
    for (const s of [gateway, apiError, denied, hang]) await s?.close();
  });
  afterEach(() => {
    for (const s of [gateway, apiError, denied, hang]) s.requests.length = 0;
  });

  it('retries a read after a gateway error a bounded number of times', async () => {
    const e = await error(new AlertmanagerClient({ url: gateway.url }, { retries: 2, backoffMs: 10 }).alerts());
    expect(e.message).toMatch(/HTTP 503 with an HTML error page/);
    expect(gateway.requests).toHaveLength(3);
    gateway.requests.length = 0;
    await error(new AlertmanagerClient({ url: gateway.url }, { retries: 4, backoffMs: 5 }).silences());
    expect(gateway.requests).toHaveLength(5);
  });

  it('retries a long Prometheus query sent as POST, since it only reads', async () => {
    await error(
      new PrometheusClient({ url: gateway.url }, { retries: 1, backoffMs: 10 }).query(`up{x=~"${'a|'.repeat(800)}b"}`),
    );
    expect(gateway.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('never repeats a write', async () => {
    await error(new AlertmanagerClient({ url: gateway.url }, { retries: 3, backoffMs: 10 }).postSilence(newSilence()));
    expect(gateway.requests).toHaveLength(1);
  });

  it('does not repeat what the API answered: query timeouts, missing silences, 401', async () => {
    const q = await error(new PrometheusClient({ url: apiError.url }, { retries: 3, backoffMs: 10 }).query('up'));
    expect(q.message).toContain('HTTP 503 timeout: query timed out in expression evaluation');
    const s = await error(new AlertmanagerClient({ url: apiError.url }, { retries: 3, backoffMs: 10 }).alerts());
    expect(s.message).toContain('HTTP 500: silence not found');
    expect(apiError.requests).toHaveLength(2);
    await error(new AlertmanagerClient({ url: denied.url }, { retries: 3, backoffMs: 10 }).alerts());
    expect(denied.requests).toHaveLength(1);
  });

  it('does not repeat a request that timed out', async () => {
    const e = await error(
      new AlertmanagerClient({ url: hang.url }, { retries: 3, backoffMs: 10, timeoutMs: 300 }).alerts(),
    );
    expect(e.failure).toBe('timeout');
    expect(e.message).toContain('no answer within 300ms');
    expect(hang.requests).toHaveLength(1);
  });

  it('retries a refused connection and then reports it', async () => {
    const e = await error(new AlertmanagerClient({ url: CLOSED_URL }, { retries: 2, backoffMs: 10 }).alerts());
    expect(e.failure).toBe('refused');
    expect(e.transient).toBe(true);
  });
});
