// The Prometheus client against a real Prometheus that scrapes itself and evaluates a recording and an alerting
// rule; a second one reads from a dead remote_read endpoint, which makes Prometheus answer with warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { BackendError } from '../src/backends/errors.js';
import { freePort, startPrometheus, type ServerHandle } from '../src/backends/localstack.js';
import { forward, serve, type TestServer } from './helpers/http-servers.js';
import { until } from './helpers/stack.js';

const RULES = `
groups:
  - name: test
    interval: 1s
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: AlwaysFiring
        expr: vector(1)
        labels:
          severity: warning
        annotations:
          summary: fires from the start
`;

describe('PrometheusClient against a real Prometheus', () => {
  let prom: ServerHandle;
  let client: PrometheusClient;
  beforeAll(async () => {
    const port = await freePort();
    prom = await startPrometheus({
      port,
      config: `
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: self
    static_configs: [{ targets: ['127.0.0.1:${port}'] }]
`,
      files: { 'rules.yml': RULES },
    });
    client = new PrometheusClient({ url: prom.url });
    // enough self-scrapes for a range query
    await until('three scrapes', async () => {
      const r = await client.query('count_over_time(up{job="self"}[1m])');
      return (r.data[0]?.value ?? 0) >= 3 ? true : undefined;
    });
  });
  afterAll(async () => prom?.stop());

  it('runs an instant query and reads the labels and value', async () => {
    const r = await client.query('label_replace(vector(42), "model", "resnet", "", "")');
    expect(r.warnings).toEqual([]);
    expect(r.data).toHaveLength(1);
    expect(r.data[0]!.metric).toEqual({ model: 'resnet' });
    expect(r.data[0]!.value).toBe(42);
    expect(Math.abs(r.data[0]!.timestamp - Date.now() / 1000)).toBeLessThan(60);
  });

  it('reads +Inf, -Inf and NaN, which arrive as strings', async () => {
    expect((await client.query('1/0')).data[0]!.value).toBe(Infinity);
    expect((await client.query('-1/0')).data[0]!.value).toBe(-Infinity);
    expect((await client.query('0/0')).data[0]!.value).toBeNaN();
    expect((await client.query('vector(-1/0)')).data[0]!.value).toBe(-Infinity);
  });

  it('evaluates at a given time', async () => {
    const at = new Date(Date.now() - 3_600_000);
    const r = await client.query('time()', at);
    expect(r.data[0]!.value).toBeCloseTo(at.getTime() / 1000, 0);
  });

  it('runs a range query over its own scrapes', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 60_000);
    const r = await client.queryRange('up{job="self"}', start, end, 1);
    expect(r.data).toHaveLength(1);
    expect(r.data[0]!.metric).toMatchObject({ job: 'self', __name__: 'up' });
    expect(r.data[0]!.values.length).toBeGreaterThanOrEqual(3);
    for (const [t, v] of r.data[0]!.values) {
      expect(v).toBe(1);
      expect(t).toBeGreaterThanOrEqual(start.getTime() / 1000 - 1);
      expect(t).toBeLessThanOrEqual(end.getTime() / 1000 + 1);
    }
  });

  it("raises the step of a range query so no series exceeds Prometheus' 11,000 points", async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 30 * 24 * 3_600_000);
    const r = await client.queryRange('vector(1)', start, end, 1);
    expect(r.data[0]!.values.length).toBeLessThanOrEqual(11_000);
    expect(r.data[0]!.values.length).toBeGreaterThan(9_000);
  });

  it('lists rules and alerts once the rules have been evaluated', async () => {
    const firing = await until('AlwaysFiring', async () => {
      const a = await client.alerts();
      return a.data.find((x) => x.labels.alertname === 'AlwaysFiring' && x.state === 'firing');
    });
    expect(firing.labels.severity).toBe('warning');
    expect(firing.annotations?.summary).toBe('fires from the start');
    expect(firing.value).toBe('1e+00');

    const groups = (await client.rules()).data;
    expect(groups.map((g) => g.name)).toEqual(['test']);
    const [rec, alert] = groups[0]!.rules;
    expect(rec).toMatchObject({ type: 'recording', name: 'job:up:sum', health: 'ok' });
    expect(alert).toMatchObject({ type: 'alerting', name: 'AlwaysFiring', state: 'firing' });
    expect(groups[0]!.file).toMatch(/rules\.yml$/);

    expect((await client.rules('record')).data[0]!.rules.map((r) => r.type)).toEqual(['recording']);
    expect((await client.rules('alert')).data[0]!.rules.map((r) => r.type)).toEqual(['alerting']);

    const recorded = await until('job:up:sum', async () => (await client.query('job:up:sum')).data[0]);
    expect(recorded.metric).toEqual({ __name__: 'job:up:sum', job: 'self' });
  });

  it('reads the build info', async () => {
    const b = await client.buildInfo();
    expect(b.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof b.revision).toBe('string');
  });

  it('reports a bad query as an API error naming Prometheus and the parse error', async () => {
    const e = await client.query('sum(').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BackendError);
    const be = e as BackendError;
    expect(be.failure).toBe('api');
    expect(be.status).toBe(400);
    expect(be.message).toMatch(/^prometheus 127\.0\.0\.1:\d+: HTTP 400 bad_data: .*parse error/);
    expect(be.transient).toBe(false);
  });

  describe('long queries', () => {
    let front: TestServer;
    beforeAll(async () => {
      // A recording reverse proxy in front of the real server shows which method each query used.
      front = await serve((req, res) => forward(prom.url, req, res));
    });
    afterAll(async () => front?.close());

    function longQuery(): string {
      // 300 distinct label matchers in a regex: over 1,500 characters, still one valid query.
      const models = Array.from({ length: 300 }, (_, i) => `model${i}`).join('|');
      return `sum(up{job="self", instance=~"${models}|127.0.0.1:.*"})`;
    }

    it('sends a query over 1,500 characters as a POST form and a short one as GET', async () => {
      const c = new PrometheusClient({ url: front.url });
      const q = longQuery();
      expect(q.length).toBeGreaterThan(1500);
      const r = await c.query(q);
      expect(r.data[0]!.value).toBe(1);
      const long = front.requests.at(-1)!;
      expect(long.method).toBe('POST');
      expect(long.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(new URLSearchParams(long.body).get('query')).toBe(q);

      const end = new Date();
      const range = await c.queryRange(q, new Date(end.getTime() - 20_000), end, 2);
      expect(range.data[0]!.values.length).toBeGreaterThan(0);
      expect(front.requests.at(-1)!.method).toBe('POST');
      expect(front.requests.at(-1)!.url).toBe('/api/v1/query_range');

      await c.query('vector(1)');
      expect(front.requests.at(-1)!.method).toBe('GET');
      const short = new URL(front.requests.at(-1)!.url, front.url);
      expect(short.pathname).toBe('/api/v1/query');
      expect(short.searchParams.get('query')).toBe('vector(1)');
    });
  });
});

describe('PrometheusClient warnings', () => {
  let prom: ServerHandle;
  beforeAll(async () => {
    const dead = await freePort();
    // Prometheus turns a failing remote_read into a warning beside partial data (status "success").
    prom = await startPrometheus({
      config: `
global:
  scrape_interval: 1s
remote_read:
  - url: http://127.0.0.1:${dead}/read
    read_recent: true
`,
    });
  });
  afterAll(async () => prom?.stop());

  it('passes on the warnings of a partial answer', async () => {
    const c = new PrometheusClient({ url: prom.url });
    const r = await c.query('up');
    expect(r.data).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^remote_read: .*connection refused/);
    const end = new Date();
    const range = await c.queryRange('up', new Date(end.getTime() - 60_000), end, 5);
    expect(range.warnings[0]).toMatch(/remote_read/);
  });

  it('has no warnings for a query that touches no storage', async () => {
    const c = new PrometheusClient({ url: prom.url });
    expect((await c.query('vector(1)')).warnings).toEqual([]);
  });
});
