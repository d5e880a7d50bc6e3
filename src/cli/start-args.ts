// The command lines the entry point (src/main.ts) runs without commander, because they are run often and each
// millisecond of start-up shows: `--version`, `statusline` as tmux calls it every few seconds, and the TUI with
// global options only. Only a command line in one of these exact forms is recognised; anything else (help, an
// unknown or malformed option, a subcommand) is left to commander, so its behaviour and messages stay the same.
// No imports: this file is part of the entry point itself.
import type { CliGlobals } from './globals.js';

export type StartRoute =
  { kind: 'version' } | { kind: 'statusline'; format: string } | { kind: 'tui'; globals: CliGlobals };

/** Formats `statusline --format` accepts (commands/statusline.ts reports any other). */
const STATUSLINE_FORMATS = ['text', 'plain', 'tmux', 'json'];

const VALUE_OPTIONS = ['context', 'config', 'prometheus', 'alertmanager', 'timeout'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** The value of `--name value` or `--name=value`: a non-empty value that is not an option itself, else undefined. */
function optionValue(args: string[], i: number): { name: ValueOption; value: string; next: number } | undefined {
  const a = args[i]!;
  const eq = a.indexOf('=');
  const name = (eq < 0 ? a.slice(2) : a.slice(2, eq)) as ValueOption;
  if (!a.startsWith('--') || !VALUE_OPTIONS.includes(name)) return undefined;
  const value = eq < 0 ? args[i + 1] : a.slice(eq + 1);
  if (!value || value.startsWith('-')) return undefined;
  return { name, value, next: eq < 0 ? i + 2 : i + 1 };
}

/** Global options as commander's `program.opts()` has them (colour on unless --no-color), or undefined. */
function globalsOnly(args: string[]): CliGlobals | undefined {
  const g: CliGlobals = { color: true };
  for (let i = 0; i < args.length;) {
    if (args[i] === '--no-color') {
      g.color = false;
      i++;
      continue;
    }
    const o = optionValue(args, i);
    if (!o) return undefined;
    // --alertmanager is repeatable; for the others the last one counts, as in commander.
    if (o.name === 'alertmanager') g.alertmanager = [...(g.alertmanager ?? []), o.value];
    else g[o.name] = o.value;
    i = o.next;
  }
  return g;
}

/**
 * The command `args` names after global options (e.g. `incidents` in `--alertmanager URL incidents --json`), or
 * undefined when another option comes first (help, an option value that starts with `-`) or no command is named.
 */
export function commandOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length;) {
    if (args[i] === '--no-color') i++;
    else if (!args[i]!.startsWith('-')) return args[i];
    else {
      const o = optionValue(args, i);
      if (!o) return undefined;
      i = o.next;
    }
  }
  return undefined;
}

/** Which fast route `args` (process.argv without node and the script) takes, or undefined for commander. */
export function startRoute(args: string[]): StartRoute | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return { kind: 'version' };
  if (args[0] === 'statusline') {
    const rest = args.slice(1);
    const format =
      rest.length === 0
        ? 'text'
        : rest.length === 2 && rest[0] === '--format'
          ? rest[1]
          : rest.length === 1 && rest[0]!.startsWith('--format=')
            ? rest[0]!.slice('--format='.length)
            : undefined;
    return format !== undefined && STATUSLINE_FORMATS.includes(format) ? { kind: 'statusline', format } : undefined;
  }
  const globals = globalsOnly(args);
  return globals ? { kind: 'tui', globals } : undefined;
}

/** Whether the interactive UI can run: a terminal on both stdin (keys) and stdout (frames). */
export function inTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
