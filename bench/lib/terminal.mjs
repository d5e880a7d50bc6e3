// Running the TUI in tmux for the benchmark, as a person would: its own log (src/ui/bench-log.ts) says when it
// has read a key, drawn a frame or received data.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { executable } from './measure.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function readLog(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return null;
      }
    })
    .filter(Boolean);
}

export async function waitFor(pred, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = pred();
    if (v) return v;
    await sleep(50);
  }
  throw new Error(`TUI: ${what} did not happen within ${timeoutMs / 1000}s`);
}

export const tmux = (...args) => execFileSync('tmux', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** "v24.22.3" for a Node binary (this process's own version without running it). */
export function nodeVersion(node) {
  if (node === process.execPath) return process.version;
  return execFileSync(node, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();
}

export function hasTmux() {
  return spawnSync('tmux', ['-V']).status === 0;
}

export function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/**
 * Starts the TUI with the Node binary `node` in a detached 160×45 tmux session with config `config`, logging to
 * `log`; returns the key sender and a stop function that kills the session.
 */
export function launchTui({ root, env, config, log, session, node = process.execPath }) {
  const vars = { ...env, ONCALL_CONFIG: config, ONCALL_BENCH_RENDER_LOG: log, TERM: 'xterm-256color' };
  const envArgs = Object.entries(vars)
    .filter(([k]) => /^(HOME|XDG_CONFIG_HOME|ONCALL_CONFIG|ONCALL_BENCH_RENDER_LOG|TERM|NO_COLOR|PATH|LANG)$/.test(k))
    .map(([k, v]) => `${k}=${shellQuote(v)}`);
  const cmd = `env -i ${envArgs.join(' ')} ${shellQuote(node)} ${shellQuote(executable(root))}; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', cmd);
  return {
    key: (k) => tmux('send-keys', '-t', session, k),
    memory: () => memoryOf(tuiPid(session)),
    stop: () => spawnSync('tmux', ['kill-session', '-t', session]),
  };
}

/** The TUI's process in tmux session `session`: the pane's own, or the node child of the pane's shell. */
function tuiPid(session) {
  const shell = tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim();
  if (/node/.test(fs.readlinkSync(`/proc/${shell}/exe`))) return shell;
  const children = spawnSync('pgrep', ['-P', shell]).stdout.toString().split(/\s+/).filter(Boolean);
  const pid = children.find((p) => /node/.test(fs.readlinkSync(`/proc/${p}/exe`)));
  if (!pid) throw new Error(`TUI: no node process under tmux session ${session}`);
  return pid;
}

/** Resident memory now and at its peak (kernel's VmRSS and VmHWM), in bytes: all threads, the data worker's too. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}
