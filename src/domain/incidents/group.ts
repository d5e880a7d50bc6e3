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
// The working structures of a call are kept until the next one (shapes.ts), so that V8 keeps the code compiled
// for them.
import { sanitizeLine } from '../sanitize.js';
import type { Alert, Layer } from '../types.js';
import { causalEdges } from './edges.js';
import { adjacency, components, identity, type Components } from './graph.js';
import { fnv1a, HEX_CODES, ID_SEED } from './hash.js';
import { labelOf, nodesOf, planOf, type Nodes, type Plan } from './nodes.js';
import { causalOrder, incidentOrder, type CausalOrder } from './order.js';
import { keepShape } from './shapes.js';
import { whereOf } from './where.js';
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

/** Anything sanitizeLine would change; most titles have none, and the check is cheaper than the rewrite. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const moreText = (symptoms: number) => (symptoms === 0 ? '' : ` (+${symptoms} symptom${symptoms === 1 ? '' : 's'})`);

export function incidentTitle(root: Pick<Alert, 'labels'>, layer: Layer, symptoms: number): string {
  const where = whereOf(root, layer);
  const name = root.labels.alertname || '(no alertname)';
  const title = `${name}${where ? ` on ${where}` : ''}${moreText(symptoms)}`;
  return UNSAFE.test(title) ? sanitizeLine(title) : title;
}


/** Plan numbers of the labels a title reads (-1: not a rule label). */
interface TitleLabels {
  cluster: number;
  instance: number;
  model: number;
  service: number;
  job: number;
  namespace: number;
}

function titleLabels(p: Plan): TitleLabels {
  const at = (name: string) => (p.labels.indexOf(name) < 31 ? p.labels.indexOf(name) : -1);
  return { cluster: at('cluster'), instance: at('instance'), model: at('model'), service: at('service'), job: at('job'), namespace: at('namespace') };
}

/**
 * The incident's title as incidentTitle builds it, from label values in cache where the rules interned them; the
 * unsafe-character check runs on the parts (the name once per name).
 */
function titleOf(g: Nodes, p: Plan, t: TitleLabels, v: number, nameUnsafe: Int8Array, symptoms: number): string {
  const nameId = g.nameOf[v]!;
  const name = g.names[nameId] || '(no alertname)';
  if (nameUnsafe[nameId]! < 0) nameUnsafe[nameId] = UNSAFE.test(name) ? 1 : 0;
  const cluster = labelOf(g, p, v, 'cluster', t.cluster);
  const place =
    (g.layer[v] === 'quality'
      ? labelOf(g, p, v, 'model', t.model) || labelOf(g, p, v, 'instance', t.instance)
      : labelOf(g, p, v, 'instance', t.instance) || labelOf(g, p, v, 'model', t.model)) ||
    labelOf(g, p, v, 'service', t.service) || labelOf(g, p, v, 'job', t.job) || labelOf(g, p, v, 'namespace', t.namespace);
  const where = cluster ? (place ? `${cluster}/${place}` : cluster) : place || '';
  const raw = `${name}${where ? ` on ${where}` : ''}${moreText(symptoms)}`;
  const unsafe = nameUnsafe[nameId] === 1 || (!!cluster && UNSAFE.test(cluster)) || (!!place && UNSAFE.test(place));
  return unsafe ? sanitizeLine(raw) : raw;
}

const SEVERITY_NAMES: Incident['severity'][] = ['info', 'info', 'warning', 'critical'];

// Edges are shared, frozen objects, one per rule number and one for inhibitedBy, made once for the process: made
// per call, their shapes died between calls and the emitting code was compiled again each time (shapes.ts).
const INHIBITED: CausalEdge = Object.freeze({ via: 'inhibited_by' });
const RULE_EDGES: CausalEdge[] = [];

/** What Nodes keeps once grouping is done: no alerts, so that the previous refresh's alerts can be collected. */
const NO_ALERTS: readonly Alert[] = [];

/**
 * The incidents, in two passes that each read memory in order (at 100,000 alerts the scattered reads are what
 * costs). First each alert's incident view (layer, causedBy, edge), in the order the alerts lie in memory, as
 * nodesOf reads them. Then the incidents component by component, whose members and roots come in about the same
 * order, each gathering its views in causal order and going to its place in the sorted list.
 */
function emitIncidents(g: Nodes, plan: Plan, comps: Components, c: CausalOrder, sorted: Int32Array): Incident[] {
  const opts = plan.opts;
  const titles = keepShape('titles', titleLabels(plan));
  const { alerts, fp, fpHash, fpHash2, layer } = g;
  const { order, parent, parentVia, incEarliest, incSev } = c;
  const K = comps.count;
  const nameUnsafe = new Int8Array(g.names.length).fill(-1);
  for (let r = RULE_EDGES.length; r < opts.rules.length; r++) RULE_EDGES.push(Object.freeze({ via: 'rule', rule: r }));
  const views: IncidentAlert[] = new Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const p = parent[v]!;
    views[v] = p < 0 ? toIncidentAlert(alerts[v]!, layer[v]!, null, null) : toIncidentAlert(alerts[v]!, layer[v]!, fp[p]!, parentVia[v]! < 0 ? INHIBITED : RULE_EDGES[parentVia[v]!]!);
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
    incidents[slot[k]!] = incident(idFromHashes(fpHash[root]!, fpHash2[root]!), titleOf(g, plan, titles, root, nameUnsafe, size - 1), SEVERITY_NAMES[incSev[k]!]!, layer[root]!, fp[root]!, members, alerts[incEarliest[k]!]!.startsAt);
  }
  return incidents;
}

function incident(id: string, title: string, severity: Incident['severity'], layer: Layer, root: string, alerts: IncidentAlert[], startsAt: string): Incident {
  return { id, title, severity, layer, root, alerts, startsAt };
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
  // Most severe first; within a severity the most recently started first, since that is what the on-call has
  // not seen yet; the ID keeps the order total.
  const sorted = incidentOrder(g, comps, causal);
  const incidents = emitIncidents(g, plan, comps, causal, sorted);
  // The working structures stay until the next call (shapes.ts), without the alerts.
  g.alerts = NO_ALERTS;
  keepShape('call', { plan, g, uf, edges, adj, comps, causal });
  return incidents;
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
