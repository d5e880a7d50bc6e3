// The alerts as graph nodes for grouping: read once, in order, into arrays by position.
//
// During a storm the alerts' objects take about 1 kB each, spread over 100 MB; touching them is most of the cost.
// So each alert is read exactly once here, in order (the order they lie in memory), and everything later reads
// typed arrays: start time, severity, name, layer and, for alerts some rule may join, small integers standing for
// the values of the rules' `equal` labels.
import { matchValue, type Matcher } from '../matchers.js';
import type { Alert, Layer } from '../types.js';
import { countKeys, identity, placeByKey, prefixSums } from './graph.js';
import { FingerprintIndex, ID_SEED, PairIds } from './hash.js';
import { layerFromName, layerOfLabelValue, type KnownLayer } from './layer.js';
import { severityOfValue, SEVERITY_RANK } from './severity.js';
import { parseTime } from './time.js';
import { keepShape } from './shapes.js';
import type { GroupingOptions } from './types.js';

/**
 * What the rules ask of each alert, worked out per alert name as names turn up: which rule sides the name can be
 * on, and which labels its alerts need value ids for.
 */
export interface Plan {
  opts: GroupingOptions;
  /** Per rule side: its alertname matchers, and the others (tested per alert). */
  causeOnName: Matcher[][];
  causeRest: Matcher[][];
  effectOnName: Matcher[][];
  effectRest: Matcher[][];
  /** Label names in any rule's `equal`; below, labels are numbers into this list. */
  labels: string[];
  /** Distinct `equal` lists (signatures); rule r uses sigs[sigOf[r]]. */
  sigs: Int32Array[];
  sigOf: Int32Array;
  /** Per name number: 1 where the name passes that rule side's alertname matchers. */
  causeOk: Uint8Array[];
  effectOk: Uint8Array[];
  /** Per name number: 1 per signature its alerts need tuple ids for; the labels they need value ids for. */
  nameSigs: Uint8Array[];
  nameLabels: Int32Array[];
  /** Per name number: bit l set when its alerts have value ids for label l (l < 31). */
  nameLabelMask: number[];
}

export function planOf(opts: GroupingOptions): Plan {
  const rules = opts.rules;
  const labels: string[] = [];
  const sigs: Int32Array[] = [];
  const sigKeys = new Map<string, number>();
  const sigOf = Int32Array.from(rules, (r) => {
    const key = r.equal.join('\u0000');
    let s = sigKeys.get(key);
    if (s === undefined) {
      sigKeys.set(key, (s = sigs.length));
      sigs.push(Int32Array.from(r.equal, (l) => (labels.includes(l) ? labels.indexOf(l) : labels.push(l) - 1)));
    }
    return s;
  });
  const onName = (ms: Matcher[]) => ms.filter((m) => m.name === 'alertname');
  const rest = (ms: Matcher[]) => ms.filter((m) => m.name !== 'alertname');
  return {
    opts,
    causeOnName: rules.map((r) => onName(r.cause)),
    causeRest: rules.map((r) => rest(r.cause)),
    effectOnName: rules.map((r) => onName(r.effect)),
    effectRest: rules.map((r) => rest(r.effect)),
    labels,
    sigs,
    sigOf,
    causeOk: [],
    effectOk: [],
    nameSigs: [],
    nameLabels: [],
    nameLabelMask: [],
  };
}

function matchesName(ms: readonly Matcher[], name: string): boolean {
  for (let j = 0; j < ms.length; j++) if (!matchValue(ms[j]!, name)) return false;
  return true;
}

/** Records what the rules say about a newly seen alert name (number `id`). */
function planName(p: Plan, id: number, name: string): void {
  const R = p.sigOf.length;
  const cause = new Uint8Array(R);
  const effect = new Uint8Array(R);
  const sigs = new Uint8Array(p.sigs.length);
  const labels = new Set<number>();
  for (let r = 0; r < R; r++) {
    cause[r] = matchesName(p.causeOnName[r]!, name) ? 1 : 0;
    effect[r] = matchesName(p.effectOnName[r]!, name) ? 1 : 0;
    if (!cause[r] && !effect[r]) continue;
    sigs[p.sigOf[r]!] = 1;
    for (const l of p.sigs[p.sigOf[r]!]!) labels.add(l);
  }
  p.causeOk[id] = cause;
  p.effectOk[id] = effect;
  p.nameSigs[id] = sigs;
  p.nameLabels[id] = Int32Array.from(labels);
  let mask = 0;
  for (const l of labels) if (l < 31) mask |= 1 << l;
  p.nameLabelMask[id] = mask;
}

export interface Nodes {
  /** One alert per fingerprint, the first of each (emptied once grouping is done, see groupIncidents). */
  alerts: readonly Alert[];
  n: number;
  index: FingerprintIndex;
  fp: string[];
  /** fnv1a(fingerprint): the first half of the incident ID, and its sort key; the second half's hash. */
  fpHash: Uint32Array;
  fpHash2: Uint32Array;
  start: Float64Array;
  sev: Uint8Array;
  nameOf: Int32Array;
  /** Distinct alertname values ("" for none), in order of first appearance. */
  names: string[];
  layer: Layer[];
  /** Per label of the plan: its values (missing = "") and, by position, the value's id where the name needs it. */
  values: Map<unknown, number>[];
  valueIds: Int32Array[];
  /** Per label of the plan: its values by id, each the first one seen (equal to every later one). */
  valueList: unknown[][];
  /** Some alert has status.inhibitedBy. */
  inhibited: boolean;
}

/** Layers: from a layer label when an alert has one (each value looked up once), else from its name (once per name). */
interface Layers {
  labels: readonly string[];
  patterns: GroupingOptions['layerPatterns'];
  byValue: Map<string, KnownLayer | null>;
  byName: Layer[];
}

function layerOfAlert(ls: Layers, labels: Alert['labels'], nameId: number, name: string): Layer {
  for (let j = 0; j < ls.labels.length; j++) {
    const value = labels[ls.labels[j]!];
    if (value === undefined || value === '') continue;
    let known = ls.byValue.get(value);
    if (known === undefined) ls.byValue.set(value, (known = layerOfLabelValue(value) ?? null));
    if (known) return known;
  }
  return (ls.byName[nameId] ??= layerFromName(name, ls.patterns));
}

export function nodesOf(input: readonly Alert[], p: Plan): Nodes {
  const size = input.length;
  const index = new FingerprintIndex(size, ID_SEED);
  const start = new Float64Array(size);
  const sev = new Uint8Array(size);
  const nameOf = new Int32Array(size);
  const names: string[] = [];
  const layer: Layer[] = [];
  const nameIds = new Map<string, number>();
  const sevRanks = new Map<string, number>();
  const ls = keepShape<Layers>('layers', { labels: p.opts.layerLabels, patterns: p.opts.layerPatterns, byValue: new Map(), byName: [] });
  const labelNames = p.labels;
  // Filled in a loop rather than by Array#map, whose result's element kind V8 does not make the same from call to
  // call: the code reading these lists was thrown away ("wrong map") on most calls.
  const values: Map<unknown, number>[] = [];
  const valueIds: Int32Array[] = [];
  const valueList: unknown[][] = [];
  for (let l = 0; l < labelNames.length; l++) {
    values.push(new Map<unknown, number>());
    valueIds.push(new Int32Array(size));
    valueList.push([]);
  }
  let inhibited = false;
  let unique: Alert[] | undefined;
  let n = 0;
  for (let i = 0; i < size; i++) {
    const a = input[i]!;
    // One node per fingerprint (the first one wins), so every alert lands in exactly one incident.
    if (index.add(a.fingerprint, n) !== n) {
      unique ??= input.slice(0, i); // rare: the same fingerprint twice
      continue;
    }
    if (unique) unique.push(a);
    const at = n++;
    const labels = a.labels;
    start[at] = parseTime(a.startsAt);
    const sl = labels.severity ?? '';
    let r = sevRanks.get(sl);
    if (r === undefined) sevRanks.set(sl, (r = SEVERITY_RANK[severityOfValue(sl)]));
    sev[at] = r;
    const name = labels.alertname ?? '';
    let id = nameIds.get(name);
    if (id === undefined) {
      nameIds.set(name, (id = names.length));
      names.push(name);
      planName(p, id, name);
    }
    nameOf[at] = id;
    layer.push(layerOfAlert(ls, labels, id, name));
    if (a.inhibitedBy.length) inhibited = true;
    const need = p.nameLabels[id]!;
    for (let k = 0; k < need.length; k++) {
      const l = need[k]!;
      const map = values[l]!;
      const value: unknown = labels[labelNames[l]!] ?? '';
      let v = map.get(value);
      if (v === undefined) {
        map.set(value, (v = map.size));
        valueList[l]!.push(value);
      }
      valueIds[l]![at] = v;
    }
  }
  return { alerts: unique ?? input, n, index, fp: index.keys, fpHash: index.hashes, fpHash2: index.seconds, start, sev, nameOf, names, layer, values, valueIds, valueList, inhibited };
}

/**
 * Label `name` of alert v; `l` is its number in the plan (or -1). Where the label was interned for v, the first-seen
 * equal value, which is in cache, rather than a trip to the alert's own objects.
 */
export function labelOf(g: Nodes, p: Plan, v: number, name: string, l: number): string | undefined {
  if (l >= 0 && (p.nameLabelMask[g.nameOf[v]!]! >>> l) & 1) return g.valueList[l]![g.valueIds[l]![v]!] as string;
  return g.alerts[v]!.labels[name];
}

/**
 * Tuple ids of signature s (equal ⇔ every label of it equal, missing = ""), set for the alerts whose name needs
 * them, and how many there are. Value ids combine arithmetically while the product of the label's value counts
 * stays small (one cluster label times a few thousand hosts), else through a hash table of pairs.
 */
export function tupleIds(g: Nodes, p: Plan, s: number): { ids: Int32Array; count: number } {
  const ls = p.sigs[s]!;
  if (ls.length === 0) return { ids: new Int32Array(g.n), count: 1 };
  if (ls.length === 1) return { ids: g.valueIds[ls[0]!]!, count: g.values[ls[0]!]!.size };
  const needs = new Uint8Array(g.names.length);
  for (let id = 0; id < needs.length; id++) needs[id] = p.nameSigs[id]![s]!;
  const sizes = Int32Array.from(ls, (l) => g.values[l]!.size);
  const product = sizes.reduce((a, b) => a * b, 1);
  const ids = new Int32Array(g.n);
  if (product <= Math.max(g.n, 1024)) {
    combineDense(ids, needs, g.nameOf, g.n, ls, sizes, g.valueIds);
    return { ids, count: product };
  }
  const pairs = new PairIds(1024);
  combinePairs(ids, pairs, needs, g.nameOf, g.n, ls, g.valueIds);
  return { ids, count: pairs.size };
}

function combineDense(ids: Int32Array, needs: Uint8Array, nameOf: Int32Array, n: number, ls: Int32Array, sizes: Int32Array, valueIds: Int32Array[]): void {
  const first = valueIds[ls[0]!]!;
  for (let i = 0; i < n; i++) {
    if (!needs[nameOf[i]!]) continue;
    let t = first[i]!;
    for (let k = 1; k < ls.length; k++) t = t * sizes[k]! + valueIds[ls[k]!]![i]!;
    ids[i] = t;
  }
}

function combinePairs(ids: Int32Array, pairs: PairIds, needs: Uint8Array, nameOf: Int32Array, n: number, ls: Int32Array, valueIds: Int32Array[]): void {
  const first = valueIds[ls[0]!]!;
  for (let i = 0; i < n; i++) {
    if (!needs[nameOf[i]!]) continue;
    let t = first[i]!;
    for (let k = 1; k < ls.length; k++) t = pairs.id(t, valueIds[ls[k]!]![i]!);
    ids[i] = t;
  }
}

/** Positions by name number: byName[start[id] … start[id + 1]), ascending (a counting sort). */
export function byNameIndex(g: Nodes): { start: Int32Array; byName: Int32Array } {
  const start = new Int32Array(g.names.length + 1);
  countKeys(start, g.nameOf, identity(g.n));
  prefixSums(start, g.names.length);
  const byName = new Int32Array(g.n);
  placeByKey(byName, start.slice(0, g.names.length), g.nameOf, identity(g.n));
  return { start, byName };
}
