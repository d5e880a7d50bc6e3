// An incident's ID and title, from its root alert: the public forms, and the parts emit.ts builds them from.
import { sanitizeLine } from '../sanitize.js';
import type { Alert, Layer } from '../types.js';
import { fnv1a, HEX_CODES, ID_SEED } from './hash.js';
import { whereOf } from './where.js';

/** "inc-" + the 8 hex digits of h1 + the first 4 of h2, built in one string. */
export function idFromHashes(h1: number, h2: number): string {
  const H = HEX_CODES;
  return String.fromCharCode(
    105,
    110,
    99,
    45, // "inc-"
    H[h1 >>> 28]!,
    H[(h1 >>> 24) & 15]!,
    H[(h1 >>> 20) & 15]!,
    H[(h1 >>> 16) & 15]!,
    H[(h1 >>> 12) & 15]!,
    H[(h1 >>> 8) & 15]!,
    H[(h1 >>> 4) & 15]!,
    H[h1 & 15]!,
    H[h2 >>> 28]!,
    H[(h2 >>> 24) & 15]!,
    H[(h2 >>> 20) & 15]!,
    H[(h2 >>> 16) & 15]!,
  );
}

/**
 * Stable incident ID from the root alert's fingerprint: "inc-" + 12 hex digits (48 bits, so that 100,000
 * incidents are very unlikely to share one).
 */
export function incidentId(root: string | Pick<Alert, 'fingerprint'>): string {
  const fp = typeof root === 'string' ? root : root.fingerprint;
  return idFromHashes(fnv1a(fp), fnv1a(fp, ID_SEED));
}

/** Anything sanitizeLine would change; most titles have none, and the check is cheaper than the rewrite. */
export const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const moreText = (symptoms: number) =>
  symptoms === 0 ? '' : ` (+${symptoms} symptom${symptoms === 1 ? '' : 's'})`;

export function incidentTitle(root: Pick<Alert, 'labels'>, layer: Layer, symptoms: number): string {
  const where = whereOf(root, layer);
  const name = root.labels.alertname || '(no alertname)';
  const title = `${name}${where ? ` on ${where}` : ''}${moreText(symptoms)}`;
  return UNSAFE.test(title) ? sanitizeLine(title) : title;
}
