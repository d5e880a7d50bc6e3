// Severity from the `severity` label, and the order used to pick roots and sort incidents.
import type { Alert, Severity } from '../types.js';

const CRITICAL = /^(critical|crit|page|emergency|fatal|error|high|p1)$/i;
const WARNING = /^(warning|warn|medium|ticket|p2|p3)$/i;

/** Unknown or missing severities count as info, the least urgent. */
export function severityOf(a: Pick<Alert, 'labels'>): Severity {
  return severityOfValue(a.labels.severity ?? '');
}

/** The severity a `severity` label value stands for ('' when the label is missing). */
export function severityOfValue(s: string): Severity {
  if (CRITICAL.test(s)) return 'critical';
  if (WARNING.test(s)) return 'warning';
  return 'info';
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };
