// Step 5 of grouping: emit. Input: the AlertIndex, the Components and the CausalOrder. Output: the incidents,
// sorted (most severe first, then the most recently started, then by ID), each with its alerts in causal order.
//
// In two passes that each read memory in order (at 100,000 alerts the scattered reads are what costs): first each
// alert's incident view (layer, causedBy, edge), in the order the alerts were indexed; then the incidents component
// by component, each gathering its views in causal order and going to its place in the sorted list. The only
// strings built are the incidents' IDs and titles; titles read label values the index interned, which are in cache.
import { sanitizeLine } from '../sanitize.js';
import type { Alert, Layer } from '../types.js';
import type { CausalOrder } from './causal-order.js';
import type { Components } from './components.js';
import type { AlertIndex, Plan } from './index-alerts.js';
import { idFromHashes, moreText, UNSAFE } from './naming.js';
import { kubePlaceOf } from './where.js';
import { dedupeSorted, identity, placeByKey, prefixSums, rankOf } from './typed-arrays.js';
import type { CausalEdge, Incident, IncidentAlert } from './types.js';

/** The labels a title reads, in this order. */
const TITLE_LABELS = ['cluster', 'instance', 'model', 'service', 'job', 'namespace'] as const;
const [CLUSTER, INSTANCE, MODEL, SERVICE, JOB, NAMESPACE] = [0, 1, 2, 3, 4, 5];

/** Plan numbers of TITLE_LABELS (-1: not a rule label, or past the 31 the name masks hold). */
function titleLabels(p: Plan): Int32Array {
  return Int32Array.from(TITLE_LABELS, (name) => (p.labels.indexOf(name) < 31 ? p.labels.indexOf(name) : -1));
}

/**
 * The incident's title as incidentTitle builds it, from label values in cache where the rules interned them; the
 * unsafe-character check runs on the parts (the name once per name).
 */
function titleOf(g: AlertIndex, t: Int32Array, v: number, nameUnsafe: Int8Array, symptoms: number): string {
  const nameId = g.nameOf[v]!;
  const name = g.names[nameId] || '(no alertname)';
  if (nameUnsafe[nameId]! < 0) nameUnsafe[nameId] = UNSAFE.test(name) ? 1 : 0;
  const cluster = labelOf(g, v, 'cluster', t[CLUSTER]!);
  const place =
    kubePlaceOf(g.alerts[v]!.labels) ??
    ((g.layer[v] === 'quality'
      ? labelOf(g, v, 'model', t[MODEL]!) || labelOf(g, v, 'instance', t[INSTANCE]!)
      : labelOf(g, v, 'instance', t[INSTANCE]!) || labelOf(g, v, 'model', t[MODEL]!)) ||
      labelOf(g, v, 'service', t[SERVICE]!) ||
      labelOf(g, v, 'job', t[JOB]!) ||
      labelOf(g, v, 'namespace', t[NAMESPACE]!));
  const where = cluster ? (place ? `${cluster}/${place}` : cluster) : place || '';
  const raw = `${name}${where ? ` on ${where}` : ''}${moreText(symptoms)}`;
  const unsafe = nameUnsafe[nameId] === 1 || (!!cluster && UNSAFE.test(cluster)) || (!!place && UNSAFE.test(place));
  return unsafe ? sanitizeLine(raw) : raw;
}

const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

const SEVERITY_NAMES: Incident['severity'][] = ['info', 'info', 'warning', 'critical'];

// Edges are shared, frozen objects, one per rule number and one for inhibitedBy, made once for the process rather
// than once per alert.
const INHIBITED: CausalEdge = Object.freeze({ via: 'inhibited_by' });
const RULE_EDGES: CausalEdge[] = [];

/**
 * The incidents, in two passes that each read memory in order (at 100,000 alerts the scattered reads are what
 * costs). First each alert's incident view (layer, causedBy, edge), in the order the alerts lie in memory, as
 * nodesOf reads them. Then the incidents component by component, whose members and roots come in about the same
 * order, each gathering its views in causal order and going to its place in the sorted list.
 */
export function emitIncidents(g: AlertIndex, comps: Components, c: CausalOrder): Incident[] {
  const opts = g.plan.opts;
  // Most severe first; within a severity the most recently started first, since that is what the on-call has
  // not seen yet; the ID keeps the order total.
  const sorted = incidentOrder(g, comps, c);
  const titles = titleLabels(g.plan);
  const { alerts, fp, fpHash, fpHash2, layer } = g;
  const { order, parent, parentVia, incEarliest, incSev } = c;
  const K = comps.count;
  const nameUnsafe = new Int8Array(g.names.length).fill(-1);
  for (let r = RULE_EDGES.length; r < opts.rules.length; r++) RULE_EDGES.push(Object.freeze({ via: 'rule', rule: r }));
  const views: IncidentAlert[] = new Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const p = parent[v]!;
    views[v] =
      p < 0
        ? toIncidentAlert(alerts[v]!, layer[v]!, null, null)
        : toIncidentAlert(alerts[v]!, layer[v]!, fp[p]!, parentVia[v]! < 0 ? INHIBITED : RULE_EDGES[parentVia[v]!]!);
  }
  const incidents: Incident[] = new Array(K);
  const start = comps.start;
  const slot = new Int32Array(K);
  for (let q = 0; q < K; q++) slot[sorted[q]!] = q;
  for (let k = 0; k < K; k++) {
    const from = start[k]!;
    const size = start[k + 1]! - from;
    const members: IncidentAlert[] = new Array(size);
    for (let j = 0; j < size; j++) members[j] = views[order[from + j]!]!;
    const root = order[from]!;
    incidents[slot[k]!] = incident(
      idFromHashes(fpHash[root]!, fpHash2[root]!),
      titleOf(g, titles, root, nameUnsafe, size - 1),
      SEVERITY_NAMES[incSev[k]!]!,
      layer[root]!,
      fp[root]!,
      members,
      alerts[incEarliest[k]!]!.startsAt,
    );
  }
  return incidents;
}

function incident(
  id: string,
  title: string,
  severity: Incident['severity'],
  layer: Layer,
  root: string,
  alerts: IncidentAlert[],
  startsAt: string,
): Incident {
  let resolvedAt: string | null = null;
  for (let j = 0; j < alerts.length; j++) {
    const r = alerts[j]!.resolvedAt;
    if (!r) {
      resolvedAt = null;
      break;
    }
    if (resolvedAt === null || r > resolvedAt) resolvedAt = r;
  }
  return { id, title, severity, layer, root, alerts, startsAt, resolvedAt };
}

/**
 * Label `name` of alert v; `l` is its number in the plan (or -1). Where the label was interned for v, the first-seen
 * equal value, which is in cache, rather than a trip to the alert's own objects.
 */
function labelOf(g: AlertIndex, v: number, name: string, l: number): string | undefined {
  if (l >= 0 && (g.plan.nameLabelMask[g.nameOf[v]!]! >>> l) & 1) return g.valueList[l]![g.valueIds[l]![v]!] as string;
  return g.alerts[v]!.labels[name];
}

/**
 * Field by field on purpose: in Node 20 `{ ...alert, layer, causedBy }` is about 30 times slower (the spread plus
 * new keys leaves the fast-properties path), which alone would take a second at 100,000 alerts.
 */
function toIncidentAlert(a: Alert, layer: Layer, causedBy: string | null, edge: CausalEdge | null): IncidentAlert {
  return {
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    updatedAt: a.updatedAt,
    generatorURL: a.generatorURL,
    receivers: a.receivers,
    state: a.state,
    silencedBy: a.silencedBy,
    inhibitedBy: a.inhibitedBy,
    topology: a.topology,
    resolvedAt: a.resolvedAt ?? null,
    layer,
    causedBy,
    edge,
  };
}

/**
 * Incident numbers by severity (descending), then start (latest first), then the root's ID and fingerprint. A
 * counting sort on (severity, rank of the start time); only incidents that share both are compared.
 */
function incidentOrder(g: AlertIndex, comps: Components, c: CausalOrder): Int32Array {
  const K = comps.count;
  const times = c.incStart.slice().sort();
  const R = dedupeSorted(times);
  const bucket = new Int32Array(K);
  const count = new Int32Array(4 * R + 1);
  bucketIncidents(c.incSev, c.incStart, times, R, bucket, count);
  prefixSums(count, 4 * R);
  const out = new Int32Array(K);
  placeByKey(out, count, bucket, identity(K));
  const roots = new Int32Array(K);
  rootsOf(comps.start, c.order, roots);
  sortRuns(out, bucket, roots, g.fpHash, g.fpHash2, g.fp);
  return out;
}

function rootsOf(start: Int32Array, order: Int32Array, roots: Int32Array): void {
  for (let k = 0; k < roots.length; k++) roots[k] = order[start[k]!]!;
}

/** Bucket of each incident: severity 3 (critical) first, then the latest start first; counts per bucket. */
function bucketIncidents(
  sev: Uint8Array,
  start: Float64Array,
  times: Float64Array,
  R: number,
  bucket: Int32Array,
  count: Int32Array,
): void {
  for (let k = 0; k < bucket.length; k++) {
    const b = (3 - Math.min(3, sev[k]!)) * R + (R - 1 - rankOf(times, R, start[k]!));
    bucket[k] = b;
    count[b + 1]!++;
  }
}

/**
 * By the root's ID, then fingerprint. An ID is "inc-" + 8 hex digits of fnv1a + 4 of the second hash, so comparing
 * IDs as text is comparing those numbers.
 */
function tieOrder(
  roots: Int32Array,
  h1: Uint32Array,
  h2: Uint32Array,
  fp: readonly string[],
  a: number,
  b: number,
): number {
  const ra = roots[a]!;
  const rb = roots[b]!;
  return h1[ra]! - h1[rb]! || (h2[ra]! >>> 16) - (h2[rb]! >>> 16) || textOrder(fp[ra]!, fp[rb]!);
}

/** Sorts each run of equal buckets in `out` by the tie-breakers. */
function sortRuns(
  out: Int32Array,
  bucket: Int32Array,
  roots: Int32Array,
  h1: Uint32Array,
  h2: Uint32Array,
  fp: readonly string[],
): void {
  for (let i = 0; i < out.length;) {
    let j = i + 1;
    while (j < out.length && bucket[out[j]!] === bucket[out[i]!]) j++;
    if (j - i > 32)
      out.set(
        Array.from(out.subarray(i, j)).sort((a, b) => tieOrder(roots, h1, h2, fp, a, b)),
        i,
      );
    else {
      for (let x = i + 1; x < j; x++) {
        const v = out[x]!;
        let y = x - 1;
        while (y >= i && tieOrder(roots, h1, h2, fp, out[y]!, v) > 0) {
          out[y + 1] = out[y]!;
          y--;
        }
        out[y + 1] = v;
      }
    }
    i = j;
  }
}
