// Small text helpers shared by the views. Everything that comes from an alert goes through sanitizeLine here.
import { sanitizeLine } from '../domain/sanitize.js';
import type { Alert, Severity } from '../domain/types.js';

// The grouping engine's reading of the severity label, so rows and incidents agree.
export { severityOf } from '../domain/incidents/severity.js';

export const SEVERITY_SHORT: Record<Severity, string> = { critical: 'crit', warning: 'warn', info: 'info' };
export const LAYER_SHORT: Record<string, string> = {
  infrastructure: 'infra',
  service: 'svc',
  quality: 'quality',
  unknown: '-',
};

/** Fits `s` into exactly `w` columns: cut with … or padded with spaces. */
export function fit(s: string, w: number): string {
  if (w <= 0) return '';
  if (s.length > w) return w === 1 ? '…' : s.slice(0, w - 1) + '…';
  return s + ' '.repeat(w - s.length);
}

export function fitLeft(s: string, w: number): string {
  return s.length >= w ? fit(s, w) : ' '.repeat(w - s.length) + s;
}

/** Labels that tell alerts apart in one line: where it fires, on what. */
const WHERE = ['cluster', 'namespace', 'instance', 'model', 'service', 'job', 'gpu'];

export function whereText(a: Alert): string {
  const out: string[] = [];
  for (const k of WHERE) {
    const v = a.labels[k];
    if (v) out.push(`${k}=${v}`);
  }
  return sanitizeLine(out.join(' '));
}

export function alertName(a: Alert): string {
  return sanitizeLine(a.labels.alertname ?? '(no alertname)');
}

export function summaryOf(a: Alert): string {
  return sanitizeLine(a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? '');
}
