// The light half of the matcher module: the Matcher type, its parse error and its text form. Loading it costs
// nothing, so code that only shows matchers or reports errors (the CLI's error printer, the Alertmanager client,
// list views) does not load the RE2 engine that ../matchers.ts needs to read and evaluate them.
import type { MatchType } from './read.js';
import { OncallError } from '../errors.js';

export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

export class MatcherParseError extends OncallError {
  /** 1-based column in `input` where the problem is. */
  readonly position: number;
  readonly input: string;
  readonly reason: string;
  constructor(input: string, position: number, reason: string) {
    super('usage', `bad matcher: ${reason} (position ${position})`, {
      hint: `${input}\n${' '.repeat(Math.max(0, position - 1))}^\nmatchers look like: alertname="GPUMemoryOOM", severity=~"critical|warning", cluster!="dev"`,
    });
    this.name = 'MatcherParseError';
    this.input = input;
    this.position = position;
    this.reason = reason;
  }
}

function quote(v: string): string {
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

export function formatMatcher(m: Matcher): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.name) ? m.name : quote(m.name);
  return `${name}${m.type}${quote(m.value)}`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(', ')}}`;
}
