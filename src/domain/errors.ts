// The one error type of oncall. Every failure the program expects is an OncallError: a kind (which decides the
// exit code), a message for people (what went wrong, where) and a hint (what to do). describeError is the one
// place that turns any thrown value into what is shown: stderr lines for the CLI, one line for the TUI.
// Subclasses exist only where callers need structured fields (a backend's URL, a matcher's position).

export type ErrorKind =
  /** The command line was wrong: exit 2. */
  | 'usage'
  /** A config file or its values are wrong. */
  | 'config'
  /** A backend failed or answered something unusable. */
  | 'backend'
  /** A safety rule or the context refuses the action (read-only, a guardrail). */
  | 'refused'
  /** What was asked for does not exist (a silence ID, a runbook). */
  | 'not-found'
  /** It exists but cannot take the change (an expired silence). */
  | 'state'
  /** The local machine is missing something (a binary, a free port, a folder). */
  | 'environment'
  /** A mistake in oncall itself (e.g. two bindings for one key). */
  | 'internal';

const EXIT_CODES: Record<ErrorKind, number> = {
  usage: 2,
  config: 1,
  backend: 1,
  refused: 1,
  'not-found': 1,
  state: 1,
  environment: 1,
  internal: 1,
};

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class OncallError extends Error {
  readonly hint: string | undefined;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    opts: ErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OncallError';
    this.hint = opts.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export function isOncallError(e: unknown, kind?: ErrorKind): e is OncallError {
  return e instanceof OncallError && (kind === undefined || e.kind === kind);
}

export interface ErrorReport {
  /** The message, first line first; the hint's lines follow, indented. */
  lines: string[];
  exitCode: number;
}

/** How any thrown value is shown; unexpected errors say so. */
export function describeError(e: unknown): ErrorReport {
  if (e instanceof OncallError) {
    const hint = e.hint ? e.hint.split('\n').map((l) => `  ${l}`) : [];
    return { lines: [e.message, ...hint], exitCode: e.exitCode };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { lines: [`unexpected error: ${msg}`], exitCode: 1 };
}

/** One line for a status bar or header: the message's first line, bounded. */
export function errorLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? '').slice(0, 300);
}
