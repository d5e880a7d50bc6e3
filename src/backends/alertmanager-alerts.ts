// Validation of GET /api/v2/alerts by hand rather than with zod: during an alert storm the list holds 100,000
// alerts, and a schema library costs a copy of every object and several times the time of JSON.parse. It checks
// the same shape as the other schemas and names the first bad field the same way ("[3].status.state").
import type { Alert, AlertState, Labels } from '../domain/types.js';
import { OncallError } from '../domain/errors.js';

export class AlertShapeError extends OncallError {
  constructor(
    /** Where, e.g. `[3].status.state`, or `(top level)`. */
    readonly at: string,
    readonly detail: string,
  ) {
    super('backend', `invalid response at ${at}: ${detail}`);
    this.name = 'AlertShapeError';
  }
}

const STATES = new Set<string>(['active', 'suppressed', 'unprocessed']);

/** What a JSON value is, in zod's words (`received …`). */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' && Number.isNaN(v) ? 'NaN' : typeof v;
}

// Paths are built only on failure: `i` is the alert's index, `f` the field path within it (".status.state").
function expected(i: number, f: string, what: string, v: unknown): never {
  throw new AlertShapeError(
    i < 0 ? '(top level)' : `[${i}]${f}`,
    `Invalid input: expected ${what}, received ${kindOf(v)}`,
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, i: number, f: string): string {
  if (typeof v !== 'string') expected(i, f, 'string', v);
  return v;
}

/** A string, or '' for null and absent. */
function optStr(v: unknown, i: number, f: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') expected(i, f, 'string', v);
  return v;
}

function labels(v: unknown, i: number, f: string): Labels {
  if (!isObject(v)) expected(i, f, 'record', v);
  for (const k in v) if (typeof v[k] !== 'string') expected(i, `${f}.${k}`, 'string', v[k]);
  return v as Labels;
}

function strings(v: unknown, i: number, f: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) expected(i, f, 'array', v);
  for (let j = 0; j < v.length; j++) if (typeof v[j] !== 'string') expected(i, `${f}[${j}]`, 'string', v[j]);
  return v as string[];
}

function receivers(v: unknown, i: number): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) expected(i, '.receivers', 'array', v);
  const out = new Array<string>(v.length);
  for (let j = 0; j < v.length; j++) {
    const r: unknown = v[j];
    if (!isObject(r)) expected(i, `.receivers[${j}]`, 'object', r);
    out[j] = str(r.name, i, `.receivers[${j}].name`);
  }
  return out;
}

/** The body of GET /api/v2/alerts as domain alerts; throws AlertShapeError naming the first bad field. */
export function parseAlerts(body: unknown): Alert[] {
  if (!Array.isArray(body)) expected(-1, '', 'array', body);
  const out = new Array<Alert>(body.length);
  for (let i = 0; i < body.length; i++) {
    const a: unknown = body[i];
    if (!isObject(a)) expected(i, '', 'object', a);
    // Fields in the order of the API's schema, so that the first bad one is the one reported.
    const fingerprint = str(a.fingerprint, i, '.fingerprint');
    const lbls = labels(a.labels, i, '.labels');
    const annotations =
      a.annotations === undefined || a.annotations === null ? {} : labels(a.annotations, i, '.annotations');
    const startsAt = str(a.startsAt, i, '.startsAt');
    const endsAt = optStr(a.endsAt, i, '.endsAt');
    const updatedAt = optStr(a.updatedAt, i, '.updatedAt');
    const generatorURL = optStr(a.generatorURL, i, '.generatorURL');
    const recv = receivers(a.receivers, i);
    const status = a.status;
    if (!isObject(status)) expected(i, '.status', 'object', status);
    const state = status.state;
    if (typeof state !== 'string' || !STATES.has(state)) {
      throw new AlertShapeError(
        `[${i}].status.state`,
        'Invalid option: expected one of "active"|"suppressed"|"unprocessed"',
      );
    }
    const silencedBy = strings(status.silencedBy, i, '.status.silencedBy');
    const inhibitedBy = strings(status.inhibitedBy, i, '.status.inhibitedBy');
    strings(status.mutedBy, i, '.status.mutedBy');
    out[i] = {
      fingerprint,
      labels: lbls,
      annotations,
      startsAt,
      endsAt,
      updatedAt,
      generatorURL,
      receivers: recv,
      state: state as AlertState,
      silencedBy,
      inhibitedBy,
    };
  }
  return out;
}
