// The `/` filter: Alertmanager matchers (severity="critical", alertname=~"High.*") when the text parses as
// matchers, free text otherwise: case-insensitive, every word somewhere in the label values, the summary or the
// fingerprint ("eu-west gpu-node-1" is that host in that cluster, whichever labels name them).
import { compileMatchers, MatcherParseError, parseMatchers } from '../domain/matchers.js';
import type { Alert } from '../domain/types.js';

export interface CompiledFilter {
  kind: 'none' | 'matchers' | 'text';
  test: (a: Alert) => boolean;
  /** Why the text is not valid matchers although it looks like them. */
  error?: string;
}

const LOOKS_LIKE_MATCHER = /^\s*\{?\s*"?[A-Za-z_][\w.]*"?\s*(=~|!~|!=|=)/;
const haystacks = new WeakMap<Alert, string>();

function haystack(a: Alert): string {
  let h = haystacks.get(a);
  if (h === undefined) {
    h = `${Object.values(a.labels).join('\n')}\n${a.annotations.summary ?? ''}\n${a.fingerprint}`.toLowerCase();
    haystacks.set(a, h);
  }
  return h;
}

export function compileFilter(text: string): CompiledFilter {
  const t = text.trim();
  if (!t) return { kind: 'none', test: () => true };
  if (LOOKS_LIKE_MATCHER.test(t)) {
    try {
      const pred = compileMatchers(parseMatchers(t));
      return { kind: 'matchers', test: (a) => pred(a.labels) };
    } catch (e) {
      const why = e instanceof MatcherParseError ? `${e.reason} (position ${e.position})` : (e as Error).message;
      // Half-typed matchers filter nothing out rather than everything.
      return { kind: 'none', test: () => true, error: why };
    }
  }
  const words = t.toLowerCase().split(/\s+/);
  return {
    kind: 'text',
    test: (a) => {
      const h = haystack(a);
      return words.every((w) => h.includes(w));
    },
  };
}
