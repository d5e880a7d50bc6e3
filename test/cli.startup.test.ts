import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, isolatedEnv, ROOT } from './helpers/stack.js';

// Start-up stays fast because `oncall --version` and `--help` load commander and the command definitions only:
// clients, config parsing and the UI are imported by the command that needs them. Checked by the modules loaded.
function modulesLoaded(args: string[]): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-trace-')), 'modules.txt');
  const hooks = pathToFileURL(path.join(ROOT, 'test/helpers/trace-imports-hooks.mjs')).href;
  const register = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(hooks)});`;
  const r = spawnSync(process.execPath, ['--import', register, CLI, ...args], { env: isolatedEnv({ TRACE_IMPORTS_FILE: file }), encoding: 'utf8' });
  expect(r.status).toBe(0);
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const HEAVY = /\/node_modules\/(axios|zod|yaml|conf|ink|react|marked|prom-client|@prometheus-io)\/|\/dist\/(backends|ui)\//;

describe('oncall start-up', () => {
  it('--version loads no client, config parser or UI module', () => {
    const loaded = modulesLoaded(['--version']);
    expect(loaded.some((u) => u.includes('/node_modules/commander/'))).toBe(true);
    expect(loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('--help loads none either', () => {
    expect(modulesLoaded(['--help']).filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('a command loads what it needs when it runs', () => {
    // `config path` reads the config module: the trace sees it, so the check above can fail.
    expect(modulesLoaded(['config', 'path']).some((u) => /\/dist\/backends\/config\//.test(u))).toBe(true);
  });
});
