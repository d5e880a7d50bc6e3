import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_URL, alertmanager, CLI, isolatedEnv, postAlerts, ROOT, waitForAlerts } from './helpers/stack.js';
import { tracedInputs } from './helpers/bundle.js';
import { writeStatusFile } from './helpers/status-file.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';

// Start-up stays fast because `oncall --version` is answered by the entry point alone, `--help` loads commander and
// the command definitions only, and clients, config parsing and the UI are imported by the command that needs them.
// Checked by the modules loaded.
function traced(args: string[]): { argv: string[]; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-trace-')), 'modules.txt');
  // Beside the modules, each HTTP request the command starts, as "request <path>", in the order it happens.
  const preload = pathToFileURL(path.join(ROOT, 'test/helpers/trace-preload.mjs')).href;
  return { argv: ['--import', preload, CLI, ...args], file };
}

// Bundle files are read as the source files and packages they hold (test/helpers/bundle.ts).
const readTrace = (file: string) =>
  tracedInputs(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

function modulesLoaded(args: string[], env: Record<string, string> = {}): string[] {
  const t = traced(args);
  const r = spawnSync(process.execPath, t.argv, {
    env: isolatedEnv({ TRACE_IMPORTS_FILE: t.file, ...env }),
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return readTrace(t.file);
}

/** The TUI in tmux with `args`, traced until `shown` is on screen and it is closed with q. */
async function tracedTui(args: string[], shown: string, env: Record<string, string> = {}): Promise<string[]> {
  const t = traced(args);
  const tmux = await Tmux.start({
    command: `exec node ${t.argv.map((a) => shellQuote(a)).join(' ')}`,
    env: isolatedEnv({ TRACE_IMPORTS_FILE: t.file, ...env }),
    columns: 120,
    rows: 30,
  });
  try {
    await tmux.waitFor(shown, 30_000);
    await tmux.send('q');
  } finally {
    tmux.close();
  }
  return readTrace(t.file);
}

// src/backends/hang-up.ts is the exception: a few lines the output needs when its terminal hangs up.
const HEAVY =
  /node_modules\/(axios|zod|yaml|conf|ink|react|marked|prom-client|@prometheus-io)\/|^src\/(backends\/(?!hang-up\.ts$)|ui\/)/;

describe('oncall start-up', () => {
  it('--version and -v load the entry point only', () => {
    for (const flag of ['--version', '-v']) {
      const loaded = modulesLoaded([flag]);
      expect(loaded.filter((u) => /^src\/|node_modules\//.test(u)).sort()).toEqual([
        'src/cli/start-args.ts',
        'src/cli/version.ts',
        'src/main.ts',
        'src/young-generation.ts', // a few lines of the entry point, bundled with it
      ]);
    }
  });

  it("the executable (package.json's bin) answers --version alone, as CommonJS; anything else goes to the bundle", () => {
    const bin = path.join(ROOT, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin.oncall);
    const loaded = (args: string[]) => {
      const t = traced(args);
      const r = spawnSync(process.execPath, [...t.argv.slice(0, 2), bin, ...args], {
        env: isolatedEnv({ TRACE_IMPORTS_FILE: t.file }),
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return readTrace(t.file).filter((u) => /^src\/|node_modules\//.test(u));
    };
    // No ES module at all: Node does not start its ES-module loader for --version.
    expect(bin).toMatch(/\.cjs$/);
    for (const flag of ['--version', '-v'])
      expect(loaded([flag]).sort()).toEqual(['src/cli/start-args.ts', 'src/cli/version.ts', 'src/launcher.ts']);
    const help = loaded(['--help']);
    expect(help).toContain('src/main.ts');
    expect(help.some((u) => u.includes('node_modules/commander/'))).toBe(true);
  });

  it('--help loads commander, but no client, config parser or UI module', () => {
    const loaded = modulesLoaded(['--help']);
    expect(loaded.some((u) => u.includes('node_modules/commander/'))).toBe(true);
    expect(loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it("the bundle holds React's production build only", () => {
    // Without NODE_ENV React picks its development build, several times slower per render; the build leaves it out.
    const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/oncall/meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const react = Object.keys(meta.inputs).filter((f) => /node_modules\/react(-reconciler)?\/cjs\//.test(f));
    expect(react.some((f) => f.includes('.production.'))).toBe(true);
    expect(react.filter((f) => f.includes('.development.'))).toEqual([]);
  });

  it("Ink's chunk brings no view-only code: runbooks, PromQL, YAML, RE2, the grouping and the history load when used", () => {
    // What `import('./launch.js')` loads, from the build's metafile: its chunk and every chunk it imports statically.
    // The views other than incidents and alerts load on demand (src/ui/views/on-demand.tsx); RE2 is a file apart.
    const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/oncall/meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
    };
    const launch = Object.keys(meta.outputs).find((o) => /\/launch-[^/]*\.js$/.test(o))!;
    const chunks = new Set<string>();
    const visit = (o: string) => {
      if (chunks.has(o)) return;
      chunks.add(o);
      for (const i of meta.outputs[o]!.imports)
        if (i.kind === 'import-statement' && meta.outputs[i.path]) visit(i.path);
    };
    visit(launch);
    const inputs = [...chunks].flatMap((c) => Object.keys(meta.outputs[c]!.inputs));
    expect(inputs).toContain('src/ui/views/incidents/IncidentsView.tsx');
    const VIEW_ONLY =
      /node_modules\/(marked|@lezer|@prometheus-io|yaml|re2js)\/|^src\/domain\/(incidents\/group|history\/|runbook\/parse)|^src\/ui\/views\/(runbook|rules|review)\/[A-Z]/;
    expect(inputs.filter((u) => VIEW_ONLY.test(u))).toEqual([]);
    // They are in the bundle, loaded when used.
    expect(Object.values(meta.outputs).some((o) => Object.keys(o.inputs).some((u) => VIEW_ONLY.test(u)))).toBe(true);
  });

  it('a command loads what it needs when it runs', () => {
    // `config path` reads the config module: the trace sees it, so the check above can fail.
    expect(modulesLoaded(['config', 'path']).some((u) => /^src\/backends\/config\//.test(u))).toBe(true);
  });

  // tmux runs it every few seconds: with the state file a running oncall keeps, it reads that file and prints.
  it('statusline with a fresh state file loads one bundle file, without commander or any client or config module', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-statusline-'));
    writeStatusFile(path.join(home, '.config', 'oncall'));
    const loaded = modulesLoaded(['statusline', '--format', 'tmux'], {
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
    });
    // One bundle of its own (scripts/build.mjs) answers from the file: not the command, nor the chunks it shares.
    expect(loaded).toContain('src/cli/statusline-fast.ts');
    expect(loaded).not.toContain('src/cli/commands/statusline.ts');
    expect(
      loaded.filter((u) => /node_modules\/commander\/|^src\/backends\/(config|http|alertmanager)/.test(u)),
    ).toEqual([]);
  });
});

// The TUI draws its first frame before loading commander, React, Ink, the views or the data layer; without a config
// file, before the YAML parser and zod as well (with one, they check it before the screen switches).
describe('the TUI before its first frame', () => {
  const BEFORE_FRAME =
    /node_modules\/(commander|react|react-reconciler|ink|yoga-layout|re2js|axios)\/|^src\/ui\/(app|launch)/;
  const PARSER = /node_modules\/(yaml|zod)\//;

  async function beforeFrame(args: string[], env: Record<string, string> = {}): Promise<string[]> {
    const trace = await tracedTui(
      [...args, '--alertmanager', CLOSED_URL, '--prometheus', CLOSED_URL],
      'unreachable',
      env,
    );
    const frame = trace.indexOf('stdout');
    expect(frame, trace.join('\n')).toBeGreaterThan(0);
    // What loads after the frame is in the trace too, so the checks can fail.
    expect(trace.slice(frame).some((u) => /node_modules\/react\//.test(u))).toBe(true);
    return trace.slice(0, frame);
  }

  it('without a config file: no commander, React, Ink, YAML or zod', async () => {
    const before = await beforeFrame([]);
    expect(before).toContain('src/ui/first-frame.ts');
    expect(before.filter((u) => BEFORE_FRAME.test(u) || PARSER.test(u))).toEqual([]);
    // The data worker's thread is started by the entry point, before the rest of the start path and the context
    // load: it takes Node 50-100 ms to start one, spent while they load.
    const spawnAt = before.indexOf('src/ui/data/spawn.ts');
    expect(spawnAt, before.join('\n')).toBeGreaterThan(before.indexOf('src/main.ts'));
    expect(spawnAt).toBeLessThan(before.indexOf('src/ui/start.ts'));
    expect(spawnAt).toBeLessThan(before.indexOf('src/app/context-settings.ts'));
  }, 60_000);

  it('with a config file: it is checked (YAML, zod), still without commander, React or Ink', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-config-')), 'config.yaml');
    fs.writeFileSync(file, 'current_context: lab\ncontexts:\n  lab: {}\n', { mode: 0o600 });
    const before = await beforeFrame(['--config', file]);
    expect(before.filter((u) => PARSER.test(u)).length).toBeGreaterThan(0);
    expect(before.filter((u) => BEFORE_FRAME.test(u))).toEqual([]);
  }, 60_000);
});

// During a storm Alertmanager takes about a second to render its alert list: `alerts` and `incidents` send the
// request before loading the config parser, zod, the RE2 engine or the grouping (and incidents before incident
// memory and its output format), which then load during that wait. Checked by the
// modules loaded when the request reaches a pass-through in front of a real Alertmanager.
describe('alert commands send their request first', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', instance: 'gpu-node-1:9400', severity: 'critical' } },
    ]);
    await waitForAlerts(am.url, 1);
  }, 60_000);
  afterAll(async () => {
    await am?.stop();
  });

  const LATE =
    /node_modules\/(zod|yaml|axios|ink|react|re2js)\/|^src\/domain\/incidents\/group\.ts$|^src\/backends\/config\/(load|schema)\.ts$/;
  const AFTER_INCIDENTS_REQUEST =
    /^src\/(backends\/state-store|backends\/incident-memory|app\/incident-memory|cli\/commands\/incidents-format)\.ts$/;

  for (const command of ['incidents', 'alerts']) {
    it(`${command} --json`, async () => {
      const t = traced([command, '--json', '--alertmanager', am.url]);
      const p = spawn(process.execPath, t.argv, {
        env: isolatedEnv({ TRACE_IMPORTS_FILE: t.file }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      const code = await new Promise((r) => p.on('close', r));
      expect(code).toBe(0);
      expect(out).toContain('GPUMemoryOOM');
      const trace = readTrace(t.file);
      const request = trace.findIndex((l) => l.startsWith('request /api/v2/alerts'));
      expect(request, trace.join('\n')).toBeGreaterThan(0);
      const before = trace.slice(0, request);
      expect(before.some((u) => u === 'src/backends/http.ts')).toBe(true);
      expect(before.filter((u) => LATE.test(u))).toEqual([]);
      // What loads later is in the trace too, so the check above can fail.
      if (command === 'incidents') expect(trace.slice(request).some((u) => LATE.test(u))).toBe(true);
      // incidents reads incident memory and formats its output once the alerts are in: those load after the request.
      if (command === 'incidents') {
        expect(before.filter((u) => AFTER_INCIDENTS_REQUEST.test(u))).toEqual([]);
        expect(trace.slice(request).filter((u) => AFTER_INCIDENTS_REQUEST.test(u)).length).toBeGreaterThan(2);
      }
    }, 60_000);
  }

  // The TUI's first alert list request leaves from its UI thread right after its first frame (src/ui/data/ahead.ts),
  // without waiting for the data worker's thread, and before React and Ink load.
  it('the TUI sends it from the UI thread, right after its first frame, before React, Ink or the grouping load', async () => {
    const trace = await tracedTui(['--alertmanager', am.url, '--prometheus', CLOSED_URL], 'GPUMemoryOOM');
    const request = trace.indexOf('request /api/v2/alerts');
    expect(request, trace.join('\n')).toBeGreaterThan(0);
    expect(trace.filter((l) => l === 'request /api/v2/alerts')).toHaveLength(1);
    expect(request).toBeGreaterThan(trace.indexOf('stdout'));
    const UI_LATE = /node_modules\/(react|ink|axios|re2js)\/|^src\/domain\/incidents\/group\.ts$/;
    expect(trace.slice(0, request).filter((u) => UI_LATE.test(u))).toEqual([]);
    expect(trace.slice(request).filter((u) => UI_LATE.test(u)).length).toBeGreaterThan(2);
  }, 60_000);

  // Every command reads its context the same way: without a config file, neither the YAML parser nor the
  // config schema loads; with one, both do.
  it('commands read the config file only when there is one', () => {
    const PARSER = /node_modules\/yaml\/|^src\/backends\/config\/(load|schema)\.ts$/;
    const args = ['silence', 'ls', '--json', '--alertmanager', am.url];
    expect(modulesLoaded(args).filter((u) => PARSER.test(u))).toEqual([]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-config-')), 'config.yaml');
    fs.writeFileSync(file, 'current_context: lab\ncontexts:\n  lab: {}\n', { mode: 0o600 });
    expect(modulesLoaded(args, { ONCALL_CONFIG: file }).filter((u) => PARSER.test(u)).length).toBeGreaterThan(0);
  }, 60_000);
});
