// What a user sees when a backend misbehaves: one line on stderr naming the backend and the cause, exit code 1,
// never a stack trace. The misbehaving servers are small node:http servers playing a broken proxy or service.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_URL, CLI, isolatedEnv, ROOT, runCli, type CliResult } from './helpers/stack.js';
import { gzipBomb, json, serve, type TestServer } from './helpers/http-servers.js';
import { packagesOf, tracedInputs } from './helpers/bundle.js';

function expectOneCleanLine(r: CliResult, backend: 'alertmanager' | 'prometheus', cause: RegExp): void {
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^oncall: ${backend} 127\\.0\\.0\\.1:\\d+: `));
  expect(lines[0]).toMatch(cause);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal|\.ts:\d+/);
}

function expectStatusDown(r: CliResult, cause: RegExp): void {
  expect(r.code).toBe(1);
  const rows = r.stdout.split('\n').filter((l) => /^(prometheus|alertmanager)\s/.test(l));
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row).toMatch(/\sdown\s/);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines.some((l) => /^oncall: prometheus 127\.0\.0\.1:\d+: /.test(l) && cause.test(l))).toBe(true);
  expect(lines.some((l) => /^oncall: alertmanager 127\.0\.0\.1:\d+: /.test(l) && cause.test(l))).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at |node:internal/);
}

const both = (url: string) => ['--prometheus', url, '--alertmanager', url];

describe('one-line errors from misbehaving backends', () => {
  const servers: TestServer[] = [];
  let html: TestServer;
  let htmlError: TestServer;
  let hang: TestServer;
  let err500: TestServer;
  let unauthorized: TestServer;
  let wrongShape: TestServer;

  beforeAll(async () => {
    html = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><form action="/login">Sign in</form></body></html>');
    });
    htmlError = await serve((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    });
    hang = await serve(() => {
      /* accepts, reads the request, never answers */
    });
    err500 = await serve((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal Server Error');
    });
    unauthorized = await serve((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="monitoring"', 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
    });
    wrongShape = await serve((req, res) => {
      if (req.url.startsWith('/api/v2/alerts'))
        return json(res, 200, [
          {
            fingerprint: 'abc',
            labels: { alertname: 'X' },
            startsAt: '2024-01-01T00:00:00Z',
            status: { state: 'firing' },
          },
        ]);
      if (req.url.startsWith('/api/v2/status'))
        return json(res, 200, { cluster: { status: 'ready' }, versionInfo: {}, config: { original: '' } });
      if (req.url.startsWith('/api/v1/status/buildinfo'))
        return json(res, 200, { status: 'success', data: { version: 2 } });
      json(res, 404, {});
    });
    servers.push(html, htmlError, hang, err500, unauthorized, wrongShape);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('a closed port', async () => {
    const url = CLOSED_URL;
    expectOneCleanLine(await runCli(['alerts', '--alertmanager', url]), 'alertmanager', /connection refused/);
    expectStatusDown(await runCli(['status', ...both(url)]), /connection refused/);
  });

  it('a port answering HTML instead of JSON', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--alertmanager', html.url]),
      'alertmanager',
      /HTTP 200 with an HTML page instead of JSON/,
    );
    expectStatusDown(await runCli(['status', ...both(html.url)]), /HTML page/);
  });

  it('a proxy answering with an HTML error page', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--alertmanager', htmlError.url]),
      'alertmanager',
      /HTTP 502 with an HTML error page/,
    );
  });

  it('a port that accepts and never answers, with --timeout 1s', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--timeout', '1s', '--alertmanager', hang.url]),
      'alertmanager',
      /no answer within 1s \(timed out/,
    );
    expectStatusDown(await runCli(['status', '--timeout', '1s', ...both(hang.url)]), /timed out/);
  });

  it('a port answering 500', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--alertmanager', err500.url]),
      'alertmanager',
      /HTTP 500: "Internal Server Error"/,
    );
    expectStatusDown(await runCli(['status', ...both(err500.url)]), /HTTP 500/);
  });

  it('a 560 MiB gzip body: one line naming the cap, at the default cap, and a redirect to another server', async () => {
    const bomb = await serve((req, res) => {
      if (req.url.startsWith('/moved')) return json(res, 200, []);
      if (req.url.startsWith('/redirect')) {
        res.writeHead(302, { Location: `http://localhost:${bomb.port}/moved` });
        res.end();
        return;
      }
      gzipBomb(res, 560, { members: 0 });
    });
    try {
      expectOneCleanLine(
        // Inflating 400 MiB takes seconds on a busy machine: a long timeout, so only the cap can end the read.
        await runCli(['alerts', '--alertmanager', bomb.url, '--timeout', '2m']),
        'alertmanager',
        /the answer is larger than max_response_bytes \(400 MiB\); stopped reading it/,
      );
      expectOneCleanLine(
        await runCli(['alerts', '--alertmanager', `${bomb.url}/redirect`]),
        'alertmanager',
        /HTTP 302 redirect to another server \(http:\/\/localhost:\d+\) refused/,
      );
    } finally {
      await bomb.close();
    }
  });

  it('a port answering 401', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--alertmanager', unauthorized.url]),
      'alertmanager',
      /401 unauthorized: check basic_auth or the bearer token/,
    );
    expectStatusDown(await runCli(['status', ...both(unauthorized.url)]), /401 unauthorized/);
  });

  it('JSON of the wrong shape names the field', async () => {
    expectOneCleanLine(
      await runCli(['alerts', '--alertmanager', wrongShape.url]),
      'alertmanager',
      /invalid response at \[0\]\.status\.state/,
    );
    const r = await runCli(['status', ...both(wrongShape.url)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^oncall: prometheus 127\.0\.0\.1:\d+: invalid response at data\.version: .*expected string/m,
    );
    expect(r.stderr).toMatch(/^oncall: alertmanager 127\.0\.0\.1:\d+: invalid response at versionInfo\.version/m);
  });

  it('a host name that does not resolve', async () => {
    const r = await runCli(['alerts', '--alertmanager', 'http://alertmanager.invalid:9093']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^oncall: alertmanager alertmanager\.invalid:9093: host name not found/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a bad --timeout is a usage error', async () => {
    const r = await runCli(['alerts', '--timeout', '5', '--alertmanager', html.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oncall: --timeout: invalid duration "5": a number needs a unit (ms, s, m, h, d, w, y)\n');
    const zero = await runCli(['alerts', '--timeout', '0', '--alertmanager', html.url]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('greater than 0');
  });

  it('a bad --alertmanager URL is named', async () => {
    const r = await runCli(['alerts', '--alertmanager', 'localhost:9093']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oncall: --alertmanager: "localhost:9093" is not an http:// or https:// URL (e.g. http://localhost:9093)\n',
    );
  });
});

describe('usage', () => {
  it('without a terminal, oncall with no command exits 2 and points to the subcommands', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^oncall: the interactive UI needs a terminal; for scripts use a subcommand: .*oncall alerts --json.*\(see oncall --help\)\n$/,
    );
  });

  it('an unknown command or option exits 2', async () => {
    const cmd = await runCli(['alertz']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'alertz'/);
    const opt = await runCli(['alerts', '--jsn']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/unknown option '--jsn'/);
  });

  it('--version prints the package version and --help lists the commands, exit 0', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = await runCli(['--version']);
    expect(v).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    for (const c of ['status', 'alerts', 'config', 'context']) expect(h.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    // no repeatable option shows a meaningless "(default: [])"
    expect(h.stdout).not.toContain('(default: [])');
  });

  it('--version and --help load no HTTP client, schema, YAML or UI library', async () => {
    // The start-up tracer (test/helpers/trace-preload.mjs) records every module the CLI resolves, on Node 20 and 24.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-load-'));
    const log = path.join(dir, 'loaded.txt');
    const preload = pathToFileURL(path.join(ROOT, 'test/helpers/trace-preload.mjs')).href;
    try {
      for (const args of [['--version'], ['--help']]) {
        fs.rmSync(log, { force: true });
        const r = spawnSync(process.execPath, ['--import', preload, CLI, ...args], {
          env: isolatedEnv({ TRACE_IMPORTS_FILE: log }),
          encoding: 'utf8',
        });
        expect(r.status, r.stderr).toBe(0);
        const loaded = tracedInputs(fs.readFileSync(log, 'utf8').split('\n'));
        // --version is answered by the entry point alone (src/cli/start-args.ts); --help by commander.
        const version = args[0] === '--version';
        expect(packagesOf(loaded)).toEqual(version ? [] : ['commander']);
        expect(loaded.includes('src/cli/main.ts')).toBe(!version);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
