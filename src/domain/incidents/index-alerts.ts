// Step 1 of grouping: index the alerts. Input: the alerts and the grouping options. Output: an AlertIndex, the
// alerts as numbered nodes (one per fingerprint, the first of each) in typed arrays: start time, severity, name,
// layer and, for alerts some rule may join, small integers standing for the values of the rules' `equal` labels;
// and the Plan, what the rules ask of each alert name.
//
// During a storm the alerts' objects take about 1 kB each, spread over 100 MB; touching them is most of the cost.
// So each alert is read once here, in order (the order they lie in memory), and the later steps read these arrays
// (apart from the rules' non-name matchers and inhibitedBy, read once per alert where a rule needs them).
import { matchValue, type Matcher } from '../matchers.js';
import type { Alert, Layer } from '../types.js';
import { FingerprintIndex, ID_SEED } from './hash.js';
import { layerFromName, layerOfLabelValue, type KnownLayer } from './layer.js';
import { severityOfValue, SEVERITY_RANK } from './severity.js';
import { parseTime } from './time.js';
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
  /** Per label: 1 for a topology label (node, workload), whose values are sets: equal means they intersect. */
  setLabel: Uint8Array;
  /** Per name number: 1 for alerts that never join an incident (Watchdog, InfoInhibitor). */
  nameAlone: Uint8Array[];
}

/** `equal` labels read from the alert's derived topology as sets (equal = intersecting), not from its labels. */
export const TOPOLOGY_LABELS: readonly string[] = ['node', 'workload'];

/**
 * Alerts that no rule and no inhibitedBy links: Watchdog fires always (the alerting pipeline's heartbeat) and
 * InfoInhibitor fires beside every info alert of its namespace, so either would tie unrelated alerts together.
 */
export const NEVER_JOINS: readonly string[] = ['Watchdog', 'InfoInhibitor'];

function planOf(opts: GroupingOptions): Plan {
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
    setLabel: Uint8Array.from(labels, (l) => (TOPOLOGY_LABELS.includes(l) ? 1 : 0)),
    nameAlone: [],
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
  const alone = NEVER_JOINS.includes(name);
  p.nameAlone[id] = Uint8Array.of(alone ? 1 : 0);
  for (let r = 0; r < R && !alone; r++) {
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

export interface AlertIndex {
  plan: Plan;
  /** One alert per fingerprint, the first of each. */
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
  /** Per topology label of the plan: alert v's value ids are setIds[l][setFrom[l][v] … + setCount[l][v]). */
  setIds: number[][];
  setFrom: Int32Array[];
  setCount: Int32Array[];
  /** Some alert has status.inhibitedBy. */
  inhibited: boolean;
}

/** Topology values are interned per cluster, so that the same node name in two clusters is two nodes. */
const clusterQualified = (cluster: string, value: string) => `${cluster}\u0000${value}`;

/**
 * Layer: from a layer label when the alert has one (each value looked up once, in byValue), else from its name
 * (once per name, in byName).
 */
function layerOfAlert(
  opts: GroupingOptions,
  byValue: Map<string, KnownLayer | null>,
  byName: Layer[],
  labels: Alert['labels'],
  nameId: number,
  name: string,
): Layer {
  const layerLabels = opts.layerLabels;
  for (let j = 0; j < layerLabels.length; j++) {
    const value = labels[layerLabels[j]!];
    if (value === undefined || value === '') continue;
    let known = byValue.get(value);
    if (known === undefined) byValue.set(value, (known = layerOfLabelValue(value) ?? null));
    if (known) return known;
  }
  return (byName[nameId] ??= layerFromName(name, opts.layerPatterns));
}

export function indexAlerts(input: readonly Alert[], opts: GroupingOptions): AlertIndex {
  const p = planOf(opts);
  const size = input.length;
  const index = new FingerprintIndex(size, ID_SEED);
  const start = new Float64Array(size);
  const sev = new Uint8Array(size);
  const nameOf = new Int32Array(size);
  const names: string[] = [];
  const layer: Layer[] = [];
  const nameIds = new Map<string, number>();
  const sevRanks = new Map<string, number>();
  const layerByValue = new Map<string, KnownLayer | null>();
  const layerByName: Layer[] = [];
  const labelNames = p.labels;
  // Filled in a loop rather than by Array#map, whose result's element kind V8 does not make the same from call to
  // call: the code reading these lists was thrown away ("wrong map") on most calls.
  const values: Map<unknown, number>[] = [];
  const valueIds: Int32Array[] = [];
  const valueList: unknown[][] = [];
  const setIds: number[][] = [];
  const setFrom: Int32Array[] = [];
  const setCount: Int32Array[] = [];
  for (let l = 0; l < labelNames.length; l++) {
    values.push(new Map<unknown, number>());
    valueIds.push(new Int32Array(size));
    valueList.push([]);
    const set = p.setLabel[l] === 1;
    setIds.push([]);
    setFrom.push(new Int32Array(set ? size : 0));
    setCount.push(new Int32Array(set ? size : 0));
  }
  const clusterLabel = opts.clusterLabel ?? 'cluster';
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
    layer.push(layerOfAlert(opts, layerByValue, layerByName, labels, id, name));
    if (a.inhibitedBy.length) inhibited = true;
    const need = p.nameLabels[id]!;
    for (let k = 0; k < need.length; k++) {
      const l = need[k]!;
      if (p.setLabel[l]) {
        internSet(
          values[l]!,
          valueList[l]!,
          setIds[l]!,
          a.topology?.[labelNames[l] as 'node' | 'workload'],
          labels[clusterLabel] ?? '',
          setFrom[l]!,
          setCount[l]!,
          at,
        );
        continue;
      }
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
  return {
    plan: p,
    alerts: unique ?? input,
    n,
    index,
    fp: index.keys,
    fpHash: index.hashes,
    fpHash2: index.seconds,
    start,
    sev,
    nameOf,
    names,
    layer,
    values,
    valueIds,
    valueList,
    setIds,
    setFrom,
    setCount,
    inhibited,
  };
}

/** Interns alert `at`'s topology values (cluster-qualified) and records where its ids are. */
function internSet(
  map: Map<unknown, number>,
  list: unknown[],
  ids: number[],
  set: readonly string[] | undefined,
  cluster: string,
  from: Int32Array,
  count: Int32Array,
  at: number,
): void {
  from[at] = ids.length;
  if (!set) return;
  for (let j = 0; j < set.length; j++) {
    const value = clusterQualified(cluster, set[j]!);
    let v = map.get(value);
    if (v === undefined) {
      map.set(value, (v = map.size));
      list.push(value);
    }
    ids.push(v);
  }
  count[at] = set.length;
}
