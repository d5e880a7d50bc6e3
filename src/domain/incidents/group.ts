// Groups alerts into incidents along causal edges, root cause first.
//
// Edges come from rules (inhibit-rule semantics: cause matchers match A, effect matchers match B, every `equal`
// label equal, missing on both = equal, never A = B) and from Alertmanager's status.inhibitedBy. A symptom may
// start up to toleranceMs before its cause; earlier than that there is no edge. An incident is a connected
// component. Its root is an alert that no edge points to from outside its own cycle (a source of the graph of
// strongly connected components), the best of them by severity, then earliest start, then fingerprint.
//
// Scale: no pair of alerts is compared unless a rule could join them (edges.ts). During a storm (100,000 alerts)
// the constant matters as much as the algorithm: each alert is read once, in order (nodes.ts), label values become
// small integers, every later step works on typed arrays (graph.ts, order.ts), and the only strings built are the
// incidents' IDs and titles.
import { sanitizeLine } from '../sanitize.js';
import type { Alert, Layer } from '../types.js';
import { causalEdges } from './edges.js';
import { adjacency, components, identity, type Components } from './graph.js';
import { fnv1a, HEX_CODES, ID_SEED } from './hash.js';
import { nodesOf, planOf, type Nodes } from './nodes.js';
import { causalOrder, incidentOrder, type CausalOrder } from './order.js';
import type { CausalEdge, GroupingOptions, Incident, IncidentAlert } from './types.js';

export { MAX_EDGES_PER_EFFECT } from './edges.js';
export { parseTime } from './time.js';

/** "inc-" + the 8 hex digits of h1 + the first 4 of h2, built in one string. */
function idFromHashes(h1: number, h2: number): string {
  const H = HEX_CODES;
  return String.fromCharCode(
    105, 110, 99, 45, // "inc-"
    H[h1 >>> 28]!, H[(h1 >>> 24) & 15]!, H[(h1 >>> 20) & 15]!, H[(h1 >>> 16) & 15]!, H[(h1 >>> 12) & 15]!, H[(h1 >>> 8) & 15]!, H[(h1 >>> 4) & 15]!, H[h1 & 15]!,
    H[h2 >>> 28]!, H[(h2 >>> 24) & 15]!, H[(h2 >>> 20) & 15]!, H[(h2 >>> 16) & 15]!,
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

/** The most specific place an alert names (model first for quality alerts), without its cluster. */
function placeOf(l: Alert['labels'], layer: Layer | undefined): string | undefined {
  return (layer === 'quality' ? l.model || l.instance : l.instance || l.model) || l.service || l.job || l.namespace;
}

/** "prod-us/gpu-node-3": cluster plus the most specific place the alert names (model first for quality alerts). */
export function whereOf(a: Pick<Alert, 'labels'>, layer?: Layer): string {
  const l = a.labels;
  const place = placeOf(l, layer);
  return l.cluster ? (place ? `${l.cluster}/${place}` : l.cluster) : place || '';
}

/** Anything sanitizeLine would change; most titles have none, and the check is cheaper than the rewrite. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const moreText = (symptoms: number) => (symptoms === 0 ? '' : ` (+${symptoms} symptom${symptoms === 1 ? '' : 's'})`);

export function incidentTitle(root: Pick<Alert, 'labels'>, layer: Layer, symptoms: number): string {
  const where = whereOf(root, layer);
  const name = root.labels.alertname || '(no alertname)';
  const title = `${name}${where ? ` on ${where}` : ''}${moreText(symptoms)}`;
  return UNSAFE.test(title) ? sanitizeLine(title) : title;
}


/** Per incident (component number): what its root and earliest alert give it. */
interface Heads {
  id: string[];
  title: string[];
  root: string[];
  rootHash: Uint32Array;
  layer: Layer[];
  startsAt: string[];
}

/**
 * The incident view of every alert (layer, causedBy, edge), made in the alerts' own order for the same reason as
 * nodesOf; each incident's own fields come along when its root or earliest alert goes by.
 */
function alertViews(g: Nodes, opts: GroupingOptions, comps: Components, c: CausalOrder): { views: IncidentAlert[]; heads: Heads } {
  const { alerts, fp, fpHash, nameOf, layer } = g;
  const { order, parent, parentVia, incEarliest } = c;
  const nameUnsafe = new Int8Array(g.names.length).fill(-1);
  // Edges are shared, frozen objects: one per rule, one for inhibitedBy.
  const INHIBITED: CausalEdge = Object.freeze({ via: 'inhibited_by' });
  const ruleEdge: CausalEdge[] = opts.rules.map((_, r) => Object.freeze({ via: 'rule', rule: r }));
  const K = comps.count;
  const heads: Heads = { id: filled(K), title: filled(K), root: filled(K), rootHash: new Uint32Array(K), layer: filled(K) as Layer[], startsAt: filled(K) };
  const views: IncidentAlert[] = [];
  for (let v = 0; v < g.n; v++) {
    const a = alerts[v]!;
    const p = parent[v]!;
    views.push(p < 0 ? toIncidentAlert(a, layer[v]!, null, null) : toIncidentAlert(a, layer[v]!, fp[p]!, parentVia[v]! < 0 ? INHIBITED : ruleEdge[parentVia[v]!]!));
    const k = comps.of[v]!;
    if (incEarliest[k] === v) heads.startsAt[k] = a.startsAt;
    if (order[comps.start[k]!] !== v) continue;
    // The root: the incident's ID, and its title as incidentTitle builds it, with the unsafe-character check run
    // on the parts (the name once per name).
    const labels = a.labels;
    const nameId = nameOf[v]!;
    const name = labels.alertname || '(no alertname)';
    if (nameUnsafe[nameId]! < 0) nameUnsafe[nameId] = UNSAFE.test(name) ? 1 : 0;
    const cluster = labels.cluster;
    const place = placeOf(labels, layer[v]);
    const where = cluster ? (place ? `${cluster}/${place}` : cluster) : place || '';
    const raw = `${name}${where ? ` on ${where}` : ''}${moreText(comps.start[k + 1]! - comps.start[k]! - 1)}`;
    const unsafe = nameUnsafe[nameId] === 1 || (!!cluster && UNSAFE.test(cluster)) || (!!place && UNSAFE.test(place));
    heads.id[k] = idFromHashes(fpHash[v]!, g.fpHash2[v]!);
    heads.title[k] = unsafe ? sanitizeLine(raw) : raw;
    heads.root[k] = fp[v]!;
    heads.rootHash[k] = fpHash[v]!;
    heads.layer[k] = layer[v]!;
  }
  return { views, heads };
}

/** A packed array of k empty strings (written by index later without leaving the fast path). */
function filled(k: number): string[] {
  const a: string[] = [];
  for (let i = 0; i < k; i++) a.push('');
  return a;
}

function buildIncidents(comps: Components, c: CausalOrder, views: IncidentAlert[], heads: Heads, sorted: Int32Array): Incident[] {
  const incidents: Incident[] = [];
  for (let q = 0; q < sorted.length; q++) {
    const k = sorted[q]!;
    const off = comps.start[k]!;
    const size = comps.start[k + 1]! - off;
    let incAlerts: IncidentAlert[];
    if (size === 1) incAlerts = [views[c.order[off]!]!];
    else {
      incAlerts = [];
      for (let j = 0; j < size; j++) incAlerts.push(views[c.order[off + j]!]!);
    }
    const maxSev = c.incSev[k]!;
    incidents.push({
      id: heads.id[k]!,
      title: heads.title[k]!,
      severity: maxSev === 3 ? 'critical' : maxSev === 2 ? 'warning' : 'info',
      layer: heads.layer[k]!,
      root: heads.root[k]!,
      alerts: incAlerts,
      startsAt: heads.startsAt[k]!,
    });
  }
  return incidents;
}

export function groupIncidents(input: readonly Alert[], opts: GroupingOptions): Incident[] {
  const plan = planOf(opts);
  const g = nodesOf(input, plan);
  if (!g.n) return [];
  const uf = identity(g.n);
  const edges = causalEdges(g, plan, uf);
  const adj = adjacency(g.n, edges.from, edges.to, edges.via);
  const comps = components(uf);
  const causal = causalOrder(g, comps, adj, edges);
  const { views, heads } = alertViews(g, opts, comps, causal);
  // Most severe first; within a severity the most recently started first, since that is what the on-call has
  // not seen yet; the ID keeps the order total.
  const sorted = incidentOrder(comps.count, causal.incSev, causal.incStart, heads.rootHash, heads.id, heads.root);
  return buildIncidents(comps, causal, views, heads, sorted);
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
    layer,
    causedBy,
    edge,
  };
}
