// Runs a command as the user would and measures its wall time (from spawn to exit, here) and its peak resident
// memory (GNU time's %M, or VmHWM polled from /proc when /usr/bin/time is missing).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The executable users run: package.json's bin in `root` (dist/oncall/oncall.cjs, which hands all but --version
 * to main.js). */
export function executable(root) {
  return path.join(root, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin.oncall);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `cmd args` with stdout sent to `stdoutFile` (default /dev/null) and returns
 * { ms, rssKb, code, stderr }.
 */
export function run(cmd, args, { env = process.env, stdoutFile = '/dev/null', timeoutMs = 300_000 } = {}) {
  const out = fs.openSync(stdoutFile, 'w');
  const rssFile = path.join(os.tmpdir(), `oncall-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const argv = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(argv[0], argv[1], { env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    let hwm = 0;
    // Without GNU time: poll the child's high-water mark (the command is the direct child).
    const poll = GNU_TIME
      ? undefined
      : setInterval(() => {
          hwm = Math.max(hwm, vmHwmKb(p.pid));
        }, 5);
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      fs.closeSync(out);
      reject(e);
    });
    p.on('exit', () => {
      if (!GNU_TIME) hwm = Math.max(hwm, vmHwmKb(p.pid));
    });
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      fs.closeSync(out);
      let rssKb = hwm;
      if (GNU_TIME) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          rssKb = Number(lines[lines.length - 1]);
        } catch {
          /* no figure */
        }
        fs.rmSync(rssFile, { force: true });
      }
      resolve({ ms, rssKb, code: code ?? -1, stderr });
    });
  });
}

export const rssMethod = GNU_TIME ? 'GNU time %M (peak RSS)' : '/proc/<pid>/status VmHWM, polled every 5 ms';
