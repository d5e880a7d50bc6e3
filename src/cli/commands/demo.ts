// `oncall demo`: starts the demo stack (real Prometheus and Alertmanager, simulated ML fleet, webhook sink), then
// opens the TUI on it, or with --no-tui prints what happens until Ctrl-C. Whatever way it ends, the stack stops.
import fs from 'node:fs';
import path from 'node:path';
import type { CliGlobals, StartTui } from '../globals.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { DemoStack, Notification } from '../../demo/index.js';
import { write, writeErr } from '../output.js';
import { inTerminal } from '../start-args.js';

export interface DemoOptions {
  scenario?: string;
  tui?: boolean;
}

function describePlaying(s: DemoStack): string {
  const speed = s.speed === 1 ? '' : ` at ${s.speed}x speed`;
  if (s.playing === 'loop') return `every scenario in turn, on a loop${speed}`;
  if (s.playing === 'all') return `every scenario at once, repeating${speed}`;
  return `scenario ${s.playing}, repeating${speed}`;
}

export function describeNotification(n: Notification): string {
  const firing = n.alerts.filter((a) => a.status === 'firing').length;
  const resolved = n.alerts.length - firing;
  const group = Object.entries(n.groupLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const counts = [firing ? `${firing} firing` : '', resolved ? `${resolved} resolved` : ''].filter(Boolean).join(', ');
  return sanitizeLine(`${n.receiver} <- ${n.status.toUpperCase()} ${group} (${counts})`);
}

/** How to run this same oncall from another terminal: `oncall` when that name on PATH is this program (a global
 * install), else the command that started it (in a checkout after `npm install`, `oncall` is not on PATH). */
export function selfCommand(argv1 = process.argv[1] ?? '', pathEnv = process.env.PATH ?? ''): string {
  const real = (f: string) => {
    try {
      return fs.realpathSync(f);
    } catch {
      return undefined;
    }
  };
  const me = real(argv1);
  const onPath = pathEnv
    .split(path.delimiter)
    .filter(Boolean)
    .some((d) => me !== undefined && real(path.join(d, 'oncall')) === me);
  return onPath ? 'oncall' : `node ${shellQuote(path.relative(process.cwd(), me ?? argv1) || argv1)}`;
}

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function banner(s: DemoStack, tui: boolean): string {
  const cfg = `--config ${shellQuote(s.configPath)}`;
  const oncall = selfCommand();
  return [
    `oncall demo: playing ${describePlaying(s)}`,
    `  prometheus    ${s.promUrl}`,
    `  alertmanager  ${s.amUrl}`,
    `  simulator     ${s.simulatorUrl}/targets`,
    `  webhook sink  ${s.sinkUrl}/notifications`,
    `  config        ${s.configPath} (context ${s.context})`,
    'The first alerts fire within a minute or two.',
    ...(tui
      ? []
      : [`Try in another terminal:  ${oncall} ${cfg} alerts   or   ${oncall} ${cfg}`, 'Ctrl-C stops everything.']),
    '',
  ].join('\n');
}

export async function runDemo(g: CliGlobals, o: DemoOptions, startTui: StartTui): Promise<void> {
  const { startDemoStack, scheduleFor, speedFrom } = await import('../../demo/index.js');
  scheduleFor(o.scenario);
  const speed = speedFrom();

  const wantTui = o.tui !== false;
  const haveTerminal = inTerminal();
  if (wantTui && !haveTerminal) writeErr('oncall demo: no terminal for the interactive UI; running as with --no-tui\n');
  const tui = wantTui && haveTerminal;

  const started = Date.now();
  const stamp = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  };
  // While the TUI owns the screen nothing else may print; before the banner, lines wait.
  let held: string[] | undefined = [];
  const log = (line: string) => {
    if (tui) return;
    const text = `${stamp()} ${line}\n`;
    if (held) held.push(text);
    else void write(text);
  };

  writeErr('oncall demo: starting Prometheus, Alertmanager and the simulated ML fleet…\n');
  const stack = await startDemoStack({
    scenario: o.scenario,
    speed,
    onStory: (l) => log(sanitizeLine(`${l.scenario}: ${l.text}`)),
    onNotification: (n) => log(describeNotification(n)),
  });
  process.once('exit', () => writeErr('oncall demo: stopped; every server it started is gone\n'));
  // The stack is new: what an earlier demo's Alertmanager fired is not this one's history, and kept it would
  // show as incidents resolved the moment this demo started.
  const { IncidentMemoryStore } = await import('../../backends/incident-memory.js');
  fs.rmSync(new IncidentMemoryStore(stack.context).file, { force: true });

  if (!tui) {
    void write(banner(stack, false) + held.join(''));
    held = undefined;
    // Runs until a signal (the stack's exit hooks then stop the servers and remove their folders) or a crash.
    try {
      await stack.whenFailed();
    } finally {
      await stack.stop();
    }
  }

  void write(banner(stack, true));
  try {
    await startTui({
      ...g,
      config: stack.configPath,
      context: stack.context,
      prometheus: stack.promUrl,
      alertmanager: [stack.amUrl],
    });
  } finally {
    await stack.stop();
  }
}
