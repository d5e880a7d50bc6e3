// "Until resolved": a silence marked so is expired as soon as none of the alerts it matches is firing.
// Alertmanager has no such feature; oncall does it while it runs (TUI or `oncall silence watch`).
import { compileMatchers } from '../matchers.js';
import type { Alert, Silence } from '../types.js';

export type UntilResolvedDecision =
  /** Its alerts are gone: expire it now. */
  | { action: 'expire'; reason: string }
  /** Still needed (or cannot tell yet). */
  | { action: 'keep'; reason: string; firing: number }
  /** Already expired or gone from every Alertmanager: forget it. */
  | { action: 'forget'; reason: string };

export interface UntilResolvedInput {
  /** The silence as the Alertmanagers report it now; undefined when none of them knows it. */
  silence: Silence | undefined;
  /** Every firing alert of the context. */
  firing: readonly Alert[];
  /** False when some Alertmanager did not answer: its alerts may still be firing, so nothing is expired. */
  complete: boolean;
}

export function decideUntilResolved(i: UntilResolvedInput): UntilResolvedDecision {
  if (!i.silence) return { action: 'forget', reason: 'no Alertmanager knows this silence any more' };
  if (i.silence.status === 'expired') return { action: 'forget', reason: 'already expired' };
  if (i.silence.status === 'pending') return { action: 'keep', reason: 'not started yet', firing: 0 };
  const pred = compileMatchers(i.silence.matchers);
  const firing = i.firing.filter((a) => pred(a.labels)).length;
  if (firing > 0)
    return { action: 'keep', reason: `${firing} matching alert${firing === 1 ? '' : 's'} still firing`, firing };
  if (!i.complete) return { action: 'keep', reason: 'some Alertmanager did not answer; waiting to be sure', firing: 0 };
  return { action: 'expire', reason: 'none of the alerts it matches is firing any more' };
}
