// No credential is printed by any command: URLs lose their user info, `config show` redacts every header that is
// not on the public list, and a credential that comes back in a server's own words (an error body echoing the
// token) is replaced by the output sink. A real Alertmanager, and a node:http Prometheus stand-in that echoes
// what it was sent in a Prometheus-style error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../src/backends/localstack.js';
import { alertmanager, isolatedEnv, runCli } from './helpers/stack.js';
import { json, serve, type TestServer } from './helpers/http-servers.js';

const SECRETS = ['glpat-TOKEN123456', 'pt-secret-1', 'hvs.vault-secret', 'hunter2-pw', 'key-secret-9', 'query-tok-77'];

describe('secrets never printed', () => {
  let am: ServerHandle;
  let echo: TestServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    am = await alertmanager();
    // Answers like a Prometheus that rejects the request, quoting the credentials it was given.
    echo = await serve((req, res) =>
      json(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: `bad credentials: ${req.headers.authorization ?? ''} ${req.headers['private-token'] ?? ''} ${req.url}`,
      }),
    );
    env = isolatedEnv();
    const file = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'config.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const amUrl = am.url.replace('http://', 'http://oncall:hunter2-pw@');
    fs.writeFileSync(
      file,
      `current_context: prod
contexts:
  prod:
    prometheus:
      url: ${echo.url.replace('http://', 'http://glpat-TOKEN123456@')}/?access_token=query-tok-77
      headers: { X-Scope-OrgID: team-ml, Private-Token: pt-secret-1, X-Vault-Token: hvs.vault-secret }
    alertmanagers:
      - url: ${amUrl}
        headers: { X-Api-Key: key-secret-9 }
`,
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    await am?.stop();
    await echo?.close();
  });

  const commands = [
    ['context', 'ls'],
    ['context', 'ls', '--json'],
    ['config', 'show'],
    ['config', 'show', '--json'],
    ['runbook', 'deadbeefdeadbeef'],
    ['status'],
    ['status', '--json'],
    ['alerts', '--json'],
    ['slo'],
    ['gpu', '--json'],
  ];
  for (const args of commands) {
    it(`oncall ${args.join(' ')}`, async () => {
      const r = await runCli(args, { env });
      const out = r.stdout + r.stderr;
      for (const s of SECRETS) expect(out, s).not.toContain(s);
      expect(out).not.toMatch(/\/\/(?!<redacted>@)[^/\s"@]+@/);
    });
  }

  it('config show keeps what is not a credential and marks what it hid', async () => {
    const r = await runCli(['config', 'show'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('X-Scope-OrgID: team-ml');
    expect(r.stdout).toMatch(/Private-Token: <redacted>/);
    expect(r.stdout).toMatch(/X-Vault-Token: <redacted>/);
    expect(r.stdout).toContain('http://<redacted>@127.0.0.1');
    expect(r.stdout).toContain('access_token=<redacted>');
  });

  it('a credential a server quotes back is replaced in the error line', async () => {
    const r = await runCli(['status'], { env });
    expect(r.stderr).toMatch(/bad credentials: .*<redacted>/);
  });
});
