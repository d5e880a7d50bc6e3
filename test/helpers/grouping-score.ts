// How good a grouping is against ground truth: pairwise precision/recall/F1 over alert pairs (are two alerts in
// the same incident?), root accuracy over true chains, and compression next to them so over-merging cannot hide.
import type { Labels } from '../../src/domain/types.js';
import { labelKey, type StormTruth } from '../../bench/lib/synthetic.mjs';

/** The shape both Incident and the `oncall incidents --json` output have. */
export interface GroupedLike {
  root: string;
  alerts: { fingerprint: string; labels: Labels }[];
}

export interface GroupingScore {
  alerts: number;
  incidents: number;
  trueIncidents: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of true chains (incidents of two or more alerts) whose root was named as their incident's root. */
  rootAccuracy: number;
  chains: number;
  /** Alerts per incident. */
  compression: number;
  /** Alerts the truth does not know (ignored in the scores). */
  unknownAlerts: number;
  /** True chains whose root was missed, for failure messages. */
  wrongRoots: string[];
}

const pairs = (k: number) => (k * (k - 1)) / 2;

export function scoreGrouping(incidents: readonly GroupedLike[], truth: StormTruth): GroupingScore {
  const cell = new Map<string, number>();
  const predSize: number[] = [];
  const trueSize = new Map<string, number>();
  const incidentOfKey = new Map<string, number>();
  let known = 0;
  let unknown = 0;
  incidents.forEach((inc, i) => {
    let size = 0;
    for (const a of inc.alerts) {
      const key = labelKey(a.labels);
      incidentOfKey.set(key, i);
      const t = truth.incidentOf.get(key);
      if (t === undefined) {
        unknown++;
        continue;
      }
      known++;
      size++;
      trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
      const c = `${i}\u0000${t}`;
      cell.set(c, (cell.get(c) ?? 0) + 1);
    }
    predSize.push(size);
  });
  let shared = 0;
  for (const v of cell.values()) shared += pairs(v);
  const predPairs = predSize.reduce((s, k) => s + pairs(k), 0);
  let truePairs = 0;
  for (const v of trueSize.values()) truePairs += pairs(v);
  const precision = predPairs ? shared / predPairs : 1;
  const recall = truePairs ? shared / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

  // Root of each predicted incident, by label key.
  const rootKey = incidents.map((inc) => {
    const r = inc.alerts.find((a) => a.fingerprint === inc.root);
    return r ? labelKey(r.labels) : '';
  });
  let chains = 0;
  let right = 0;
  const wrongRoots: string[] = [];
  for (const [name, size] of trueSize) {
    if (size < 2) continue;
    chains++;
    const rk = truth.rootOf.get(name)!;
    const i = incidentOfKey.get(rk);
    if (i !== undefined && rootKey[i] === rk) right++;
    else
      wrongRoots.push(
        `${name} (${truth.kindOf.get(name)}): expected ${rk}, got ${i === undefined ? 'nothing' : rootKey[i]}`,
      );
  }
  return {
    alerts: known + unknown,
    incidents: incidents.length,
    trueIncidents: trueSize.size,
    precision,
    recall,
    f1,
    rootAccuracy: chains ? right / chains : 1,
    chains,
    compression: incidents.length ? (known + unknown) / incidents.length : 0,
    unknownAlerts: unknown,
    wrongRoots,
  };
}
