// Drives a real program in a real terminal: a tmux server of its own (its own socket, so a developer's tmux is
// never touched), one session of a given size, send-keys, capture-pane, resize, and the terminal's own state
// (alternate screen on?, cursor visible?). Every server started here is killed by close().
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TmuxOptions {
  /** The shell command run in the pane. */
  command: string;
  env?: NodeJS.ProcessEnv;
  columns?: number;
  rows?: number;
  cwd?: string;
}

let counter = 0;

export class Tmux {
  private closed = false;
  private constructor(
    readonly socket: string,
    readonly target: string,
  ) {}

  static async start(o: TmuxOptions): Promise<Tmux> {
    const socket = `oncall-test-${process.pid}-${++counter}`;
    const env: NodeJS.ProcessEnv = { ...(o.env ?? process.env), TERM: 'xterm-256color' };
    delete env.TMUX; // nested use from inside tmux would otherwise refuse
    delete env.CI; // Ink draws only the last frame when CI is set
    const t = new Tmux(socket, 'main');
    await run(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        'main',
        '-x',
        String(o.columns ?? 120),
        '-y',
        String(o.rows ?? 40),
        o.command,
      ],
      { env, cwd: o.cwd },
    );
    // Keep the pane after the program exits, so its last words and the restored screen can be read.
    await t.tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
    // A detached session follows the size asked for, not the size of a (missing) client.
    await t.tmux('set-option', '-t', 'main', 'window-size', 'manual');
    return t;
  }

  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, ...args]);
    return stdout;
  }

  /** The visible screen as plain text, trailing blank lines removed. */
  async capture(): Promise<string> {
    const s = await this.tmux('capture-pane', '-p', '-t', this.target);
    return s.replace(/\n+$/, '');
  }

  /** The visible screen with colours and attributes as escape sequences. */
  async captureAnsi(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.target);
  }

  /** tmux key names: 'Enter', 'Escape', 'Down', 'PageDown', 'C-c', 'Tab', 'BTab', or plain characters. */
  async send(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux('send-keys', '-t', this.target, k);
  }

  /** Types text literally (no key-name lookup). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.target, '-x', String(columns), '-y', String(rows));
  }

  /** A tmux format about the pane, e.g. '#{alternate_on}', '#{cursor_flag}', '#{pane_dead}', '#{pane_pid}'. */
  async format(f: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', this.target, f)).trim();
  }

  async alternateScreen(): Promise<boolean> {
    return (await this.format('#{alternate_on}')) === '1';
  }

  async waitFor(pred: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test =
      typeof pred === 'function' ? pred : (s: string) => (typeof pred === 'string' ? s.includes(pred) : pred.test(s));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.capture();
      if (test(screen)) return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pred)}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
    // kill-server leaves the socket file behind.
    const dir = path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
    fs.rmSync(path.join(dir, this.socket), { force: true });
  }
}

/** Single-quotes a word for the pane's shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
