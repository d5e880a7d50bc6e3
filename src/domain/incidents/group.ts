// Groups alerts into incidents along causal edges, root cause first.
//
// Edges come from rules (inhibit-rule semantics: cause matchers match A, effect matchers match B, every `equal`
// label equal, missing on both = equal, never A = B) and from Alertmanager's status.inhibitedBy. A symptom may
// start up to toleranceMs before its cause; earlier than that there is no edge. An incident is a connected
// component. Its root is an alert that no edge points to from outside its own cycle (a source of the graph of
// strongly connected components), the best of them by severity, then earliest start, then fingerprint.
//
// Scale: no pair of alerts is compared unless a rule could join them. For each rule, the alerts matching its cause
// side are indexed by the values of its `equal` labels, so an effect finds its candidate causes with one Map
// lookup; within a bucket, causes are sorted by start time so the tolerance check is a binary search.
import { matchValue, type Matcher } from '../matchers.js';
import { sanitizeLine } from '../sanitize.js';
import type { Alert, Layer } from '../types.js';
import { layerFromLabels, layerFromName } from './layer.js';
import { fnv1a, hex8 } from './hash.js';
import { severityOf, SEVERITY_RANK } from './severity.js';
import type { CausalEdge, GroupingOptions, Incident, IncidentAlert } from './types.js';

/**
 * Explicit edges kept per effect and rule. Connectivity stays exact beyond it (the causes of one effect are
 * joined anyway); only the tree under the root may then show a cause as a second root. Real storms stay far
 * below: it takes 64 alerts of one cause name with identical `equal` labels.
 */
export const MAX_EDGES_PER_EFFECT = 64;

/**
 * Stable incident ID from the root alert's fingerprint: "inc-" + 12 hex digits (48 bits, so that 100,000
 * incidents are very unlikely to share one).
 */
export function incidentId(root: string | Pick<Alert, 'fingerprint'>): string {
  const fp = typeof root === 'string' ? root : root.fingerprint;
  return `inc-${hex8(fnv1a(fp))}${hex8(fnv1a(fp, 0x050c5d1f)).slice(0, 4)}`;
}

/** "prod-us/gpu-node-3": cluster plus the most specific place the alert names (model first for quality alerts). */
export function whereOf(a: Pick<Alert, 'labels'>, layer?: Layer): string {
  const l = a.labels;
  const place = (layer === 'quality' ? l.model || l.instance : l.instance || l.model) || l.service || l.job || l.namespace;
  return l.cluster ? (place ? `${l.cluster}/${place}` : l.cluster) : place || '';
}

/** Anything sanitizeLine would change; most titles have none, and the check is cheaper than the rewrite. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function incidentTitle(root: Pick<Alert, 'labels'>, layer: Layer, symptoms: number): string {
  const where = whereOf(root, layer);
  const name = root.labels.alertname || '(no alertname)';
  const more = symptoms === 0 ? '' : ` (+${symptoms} symptom${symptoms === 1 ? '' : 's'})`;
  const title = `${name}${where ? ` on ${where}` : ''}${more}`;
  return UNSAFE.test(title) ? sanitizeLine(title) : title;
}

/**
 * Small integer per distinct tuple of `equal` label values, computed once per alert and label list (rules mostly
 * share a few lists, such as [cluster, instance]). Nested maps, one level per label, so no key string is built.
 */
function keyIds(alerts: readonly Alert[]): (equal: readonly string[]) => (i: number) => number {
  const bySignature = new Map<string, (i: number) => number>();
  return (equal) => {
    const sig = equal.join('\u0000');
    let get = bySignature.get(sig);
    if (!get) {
      const ids = new Int32Array(alerts.length).fill(-1);
      const root = new Map<string, unknown>();
      let next = 0;
      const last = equal.length - 1;
      get = (i: number) => {
        let id = ids[i]!;
        if (id >= 0) return id;
        if (last < 0) return (ids[i] = 0);
        const labels = alerts[i]!.labels;
        let m = root;
        for (let j = 0; j < last; j++) {
          const v = labels[equal[j]!] ?? '';
          let sub = m.get(v) as Map<string, unknown> | undefined;
          if (!sub) m.set(v, (sub = new Map()));
          m = sub;
        }
        const v = labels[equal[last]!] ?? '';
        const known = m.get(v) as number | undefined;
        if (known === undefined) m.set(v, (id = next++));
        else id = known;
        return (ids[i] = id);
      };
      bySignature.set(sig, get);
    }
    return get;
  };
}

const DIGIT = (s: string, i: number) => s.charCodeAt(i) - 48;
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const isDigit = (s: string, i: number) => DIGIT(s, i) >= 0 && DIGIT(s, i) <= 9;
function digitsAt(s: string): boolean {
  for (const i of DIGIT_AT) if (!isDigit(s, i)) return false;
  for (let i = 20; i < s.length - 1; i++) if (!isDigit(s, i)) return false;
  return true;
}

/**
 * Milliseconds of an RFC 3339 time. Alertmanager's UTC form ("2025-01-15T02:58:00.123456789Z") is read by hand,
 * several times faster than Date.parse; anything else goes to Date.parse. Unparseable: 0, i.e. very old.
 */
export function parseTime(s: string): number {
  if (
    s.length >= 20 && s.charCodeAt(s.length - 1) === 90 /* Z */ && s[4] === '-' && s[7] === '-' && s[10] === 'T' && s[13] === ':' && s[16] === ':' &&
    (s.length === 20 || (s[19] === '.' && s.length > 21)) && digitsAt(s)
  ) {
    let ms = 0;
    if (s.length > 20) {
      let scale = 100;
      for (let i = 20; i < s.length - 1 && scale >= 1; i++, scale /= 10) ms += DIGIT(s, i) * scale;
    }
    const t = Date.UTC(
      DIGIT(s, 0) * 1000 + DIGIT(s, 1) * 100 + DIGIT(s, 2) * 10 + DIGIT(s, 3),
      DIGIT(s, 5) * 10 + DIGIT(s, 6) - 1,
      DIGIT(s, 8) * 10 + DIGIT(s, 9),
      DIGIT(s, 11) * 10 + DIGIT(s, 12),
      DIGIT(s, 14) * 10 + DIGIT(s, 15),
      DIGIT(s, 17) * 10 + DIGIT(s, 18),
      ms,
    );
    if (Number.isFinite(t)) return t;
  }
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : 0;
}

/** Alerts matching every matcher of one rule side; alertname matchers are tested once per distinct name. */
function sideMembers(ms: readonly Matcher[], alerts: readonly Alert[], byName: Map<string, number[]>): number[] {
  const onName = ms.filter((m) => m.name === 'alertname');
  const rest = ms.filter((m) => m.name !== 'alertname');
  const out: number[] = [];
  const push = (i: number) => {
    const labels = alerts[i]!.labels;
    for (const m of rest) if (!matchValue(m, labels[m.name])) return;
    out.push(i);
  };
  if (onName.length) {
    for (const [name, idxs] of byName) {
      if (!onName.every((m) => matchValue(m, name))) continue;
      for (const i of idxs) push(i);
    }
  } else {
    for (let i = 0; i < alerts.length; i++) push(i);
  }
  return out;
}

export function groupIncidents(input: readonly Alert[], opts: GroupingOptions): Incident[] {
  // One node per fingerprint (the first one wins), so every alert lands in exactly one incident.
  let alerts: readonly Alert[] = input;
  let idxByFp = new Map<string, number>();
  for (let i = 0; i < input.length; i++) idxByFp.set(input[i]!.fingerprint, i);
  if (idxByFp.size !== input.length) {
    // Rare: the same fingerprint twice. Keep the first of each.
    idxByFp = new Map();
    const unique: Alert[] = [];
    for (const a of input) {
      if (idxByFp.has(a.fingerprint)) continue;
      idxByFp.set(a.fingerprint, unique.length);
      unique.push(a);
    }
    alerts = unique;
  }
  const n = alerts.length;
  if (!n) return [];

  const start = new Float64Array(n);
  const sev = new Uint8Array(n);
  const fp: string[] = new Array(n);
  const byName = new Map<string, number[]>();
  const sevCache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = alerts[i]!;
    start[i] = parseTime(a.startsAt);
    const sl = a.labels.severity ?? '';
    let r = sevCache.get(sl);
    if (r === undefined) sevCache.set(sl, (r = SEVERITY_RANK[severityOf(a)]));
    sev[i] = r;
    fp[i] = a.fingerprint;
    const name = a.labels.alertname ?? '';
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  }
  // Rank: higher severity, then earlier start, then fingerprint. Decides roots, cycle breaks and child order.
  const cmp = (a: number, b: number): number => sev[b]! - sev[a]! || start[a]! - start[b]! || (fp[a]! < fp[b]! ? -1 : fp[a]! > fp[b]! ? 1 : 0);
  const byStart = (a: number, b: number): number => start[a]! - start[b]! || (fp[a]! < fp[b]! ? -1 : fp[a]! > fp[b]! ? 1 : 0);

  // Union-find over edges: the incidents.
  const uf = new Int32Array(n);
  for (let i = 0; i < n; i++) uf[i] = i;
  const find = (x: number): number => {
    while (uf[x] !== x) {
      uf[x] = uf[uf[x]!]!;
      x = uf[x]!;
    }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) uf[ra] = rb;
  };

  const from: number[] = [];
  const to: number[] = [];
  const via: number[] = []; // rule index, or -1 for inhibitedBy
  const tol = opts.toleranceMs;
  const keysFor = keyIds(alerts);

  opts.rules.forEach((rule, r) => {
    const keyAt = keysFor(rule.equal);
    const causes = sideMembers(rule.cause, alerts, byName);
    if (!causes.length) return;
    const effects = sideMembers(rule.effect, alerts, byName);
    if (!effects.length) return;
    const buckets = new Map<number, { list: number[]; reach: number }>();
    for (const c of causes) {
      const k = keyAt(c);
      const b = buckets.get(k);
      if (b) b.list.push(c);
      else buckets.set(k, { list: [c], reach: 0 });
    }
    for (const b of buckets.values()) if (b.list.length > 1) b.list.sort(byStart);
    for (const e of effects) {
      const b = buckets.get(keyAt(e));
      if (!b) continue;
      const list = b.list;
      // Causes that started no later than toleranceMs after the effect: a prefix of the sorted bucket.
      const limit = start[e]! + tol;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (start[list[mid]!]! <= limit) lo = mid + 1;
        else hi = mid;
      }
      let first = -1;
      let added = 0;
      for (let j = 0; j < lo; j++) {
        const c = list[j]!;
        if (c === e) continue; // an alert never causes itself
        if (first < 0) first = c;
        if (added === MAX_EDGES_PER_EFFECT) break;
        from.push(c);
        to.push(e);
        via.push(r);
        added++;
      }
      if (first < 0) continue;
      union(e, first);
      if (lo > b.reach) b.reach = lo;
    }
    // Every cause in the widest prefix shares an effect, so they belong together even past the edge cap.
    for (const b of buckets.values()) for (let j = 1; j < b.reach; j++) union(b.list[j - 1]!, b.list[j]!);
  });

  for (let e = 0; e < n; e++) {
    for (const f of alerts[e]!.inhibitedBy) {
      const c = idxByFp.get(f);
      if (c === undefined || c === e || start[c]! > start[e]! + tol) continue;
      from.push(c);
      to.push(e);
      via.push(-1);
      union(c, e);
    }
  }

  // Adjacency in compressed form.
  const m = from.length;
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) outStart[from[i]! + 1]!++;
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const fill = outStart.slice(0, n);
  const outTo = new Int32Array(m);
  const outVia = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const p = fill[from[i]!]!++;
    outTo[p] = to[i]!;
    outVia[p] = via[i]!;
  }

  const scc = stronglyConnected(n, outStart, outTo);
  const sccCount = scc.count;
  const sccHasIncoming = new Uint8Array(sccCount);
  for (let i = 0; i < m; i++) if (scc.id[from[i]!] !== scc.id[to[i]!]) sccHasIncoming[scc.id[to[i]!]!] = 1;

  // Members of each component, contiguous.
  const comp = new Int32Array(n);
  const compSize = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    comp[i] = find(i);
    compSize[comp[i]!]!++;
  }
  const compStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) compStart[i + 1] = compStart[i]! + compSize[i]!;
  const compFill = compStart.slice(0, n);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[compFill[comp[i]!]!++] = i;

  const layerCache = new Map<string, Layer>();
  const layerAt = (i: number): Layer => {
    const a = alerts[i]!;
    const fromLabel = layerFromLabels(a, opts.layerLabels);
    if (fromLabel) return fromLabel;
    const name = a.labels.alertname ?? '';
    let l = layerCache.get(name);
    if (l === undefined) {
      l = layerFromName(name, opts.layerPatterns);
      layerCache.set(name, l);
    }
    return l;
  };

  const visited = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const parentVia = new Int32Array(n);
  const sccSeen = new Uint8Array(sccCount);
  // Edges are shared, frozen objects: one per rule, one for inhibitedBy.
  const INHIBITED: CausalEdge = Object.freeze({ via: 'inhibited_by' });
  const ruleEdge: CausalEdge[] = opts.rules.map((_, r) => Object.freeze({ via: 'rule', rule: r }));
  const scratch: number[] = [];

  /** Breadth first from `s` over unvisited alerts, children in rank order; appends to `order`. */
  const bfs = (s: number, order: number[]) => {
    let head = order.length;
    visited[s] = 1;
    order.push(s);
    while (head < order.length) {
      const u = order[head++]!;
      scratch.length = 0;
      for (let p = outStart[u]!; p < outStart[u + 1]!; p++) if (!visited[outTo[p]!]) scratch.push(p);
      if (scratch.length > 1) scratch.sort((x, y) => cmp(outTo[x]!, outTo[y]!) || x - y);
      for (const p of scratch) {
        const w = outTo[p]!;
        if (visited[w]) continue;
        visited[w] = 1;
        parent[w] = u;
        parentVia[w] = outVia[p]!;
        order.push(w);
      }
    }
  };

  const incidents: Incident[] = [];
  const incSev: number[] = [];
  const incStart: number[] = [];
  const incHash: number[] = []; // the ID's first 8 hex digits as a number: same order, cheaper to compare
  for (let c = 0; c < n; c++) {
    const size = compSize[c]!;
    if (!size) continue;
    let order: number[];
    if (size === 1) {
      order = [members[compStart[c]!]!];
    } else {
      const m0 = members[compStart[c]!]!;
      const m1 = members[compStart[c]! + 1]!;
      const list = size === 2 ? (cmp(m0, m1) <= 0 ? [m0, m1] : [m1, m0]) : Array.from(members.subarray(compStart[c]!, compStart[c + 1]!)).sort(cmp);
      order = [];
      // Best alert of each source SCC (no edge from outside it), in rank order: the root, then any co-causes.
      for (const v of list) {
        const sc = scc.id[v]!;
        if (sccHasIncoming[sc] || sccSeen[sc]) continue;
        sccSeen[sc] = 1;
        if (!visited[v]) bfs(v, order);
      }
      // Only past the edge cap can an alert be unreached; it then heads its own subtree.
      for (const v of list) if (!visited[v]) bfs(v, order);
    }

    const root = order[0]!;
    let maxSev = 0;
    let earliest = root;
    const incAlerts: IncidentAlert[] = new Array(order.length);
    for (let j = 0; j < order.length; j++) {
      const v = order[j]!;
      if (sev[v]! > maxSev) maxSev = sev[v]!;
      if (start[v]! < start[earliest]!) earliest = v;
      const p = parent[v]!;
      const edge = p < 0 ? null : parentVia[v]! < 0 ? INHIBITED : ruleEdge[parentVia[v]!]!;
      incAlerts[j] = toIncidentAlert(alerts[v]!, layerAt(v), p < 0 ? null : fp[p]!, edge);
    }
    const rootLayer = incAlerts[0]!.layer;
    incidents.push({
      id: incidentId(fp[root]!),
      title: incidentTitle(alerts[root]!, rootLayer, size - 1),
      severity: maxSev === 3 ? 'critical' : maxSev === 2 ? 'warning' : 'info',
      layer: rootLayer,
      root: fp[root]!,
      alerts: incAlerts,
      startsAt: alerts[earliest]!.startsAt,
    });
    incSev.push(maxSev);
    incStart.push(start[earliest]!);
    incHash.push(fnv1a(fp[root]!));
  }

  // Most severe first; within a severity the most recently started first, since that is what the on-call has
  // not seen yet; the ID keeps the order total.
  const idx = Array.from(incidents, (_, i) => i);
  const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  idx.sort((a, b) => incSev[b]! - incSev[a]! || incStart[b]! - incStart[a]! || incHash[a]! - incHash[b]! || textOrder(incidents[a]!.id, incidents[b]!.id) || textOrder(incidents[a]!.root, incidents[b]!.root));
  return idx.map((i) => incidents[i]!);
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

/** Tarjan's algorithm without recursion (components can be long chains). */
function stronglyConnected(n: number, outStart: Int32Array, outTo: Int32Array): { id: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const id = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let csp = 0;
  let counter = 0;
  let count = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    callNode[csp] = v;
    callEdge[csp] = outStart[v]!;
    csp++;
  };
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    if (outStart[s] === outStart[s + 1]) {
      // No outgoing edge: a component of its own, the common case.
      index[s] = counter++;
      id[s] = count++;
      continue;
    }
    enter(s);
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const p = callEdge[csp - 1]!;
      if (p < outStart[v + 1]!) {
        callEdge[csp - 1] = p + 1;
        const w = outTo[p]!;
        if (index[w] === -1) {
          if (outStart[w] === outStart[w + 1]) {
            index[w] = counter++;
            id[w] = count++;
          } else enter(w);
        } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      if (low[v] === index[v]) {
        let x: number;
        do {
          x = stack[--sp]!;
          onStack[x] = 0;
          id[x] = count;
        } while (x !== v);
        count++;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  return { id, count };
}
