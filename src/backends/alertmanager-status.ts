// Alertmanager's status answer (GET /api/v2/status) checked by hand, as the alert list is (alertmanager-alerts.ts):
// `oncall incidents` reads it on every run for the inhibit rules, and the zod schema it matches
// (alertmanager-schemas.ts, the reference a test compares against) would load zod for it alone. Same fields, same
// first complaint in zod's words.
import type { AlertmanagerStatus } from './alertmanager-schemas.js';
import { AlertShapeError, kindOf } from './alertmanager-alerts.js';

type Obj = Record<string, unknown>;

function fail(at: string, what: string, v: unknown): never {
  throw new AlertShapeError(at || '(top level)', `Invalid input: expected ${what}, received ${kindOf(v)}`);
}

function object(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'object', v);
  return v as Obj;
}

function str(v: unknown, at: string): string {
  if (typeof v !== 'string') fail(at, 'string', v);
  return v;
}

/** The body of GET /api/v2/status; throws AlertShapeError naming the first bad field. */
export function parseStatus(body: unknown): AlertmanagerStatus {
  const b = object(body, '');
  const c = object(b.cluster, 'cluster');
  const name = c.name === undefined || c.name === null ? c.name : str(c.name, 'cluster.name');
  const status = str(c.status, 'cluster.status');
  let peers: { name: string; address: string }[] | null | undefined;
  if (c.peers === undefined || c.peers === null) peers = c.peers;
  else {
    if (!Array.isArray(c.peers)) fail('cluster.peers', 'array', c.peers);
    peers = c.peers.map((p: unknown, i: number) => {
      const o = object(p, `cluster.peers[${i}]`);
      return { name: str(o.name, `cluster.peers[${i}].name`), address: str(o.address, `cluster.peers[${i}].address`) };
    });
  }
  const v = object(b.versionInfo, 'versionInfo');
  str(v.version, 'versionInfo.version');
  if (v.revision !== undefined) str(v.revision, 'versionInfo.revision');
  const original = str(object(b.config, 'config').original, 'config.original');
  if (b.uptime !== undefined) str(b.uptime, 'uptime');
  const cluster: AlertmanagerStatus['cluster'] = { status };
  if ('name' in c) cluster.name = name as string | null | undefined;
  if ('peers' in c) cluster.peers = peers;
  const out: AlertmanagerStatus = {
    cluster,
    versionInfo: { ...v } as AlertmanagerStatus['versionInfo'],
    config: { original },
  };
  if ('uptime' in b) out.uptime = b.uptime as string | undefined;
  return out;
}
