// The edges grouping finds between alerts (step 2's output, read by the components and the causal order).

/**
 * Explicit edges kept per effect and rule. Connectivity stays exact beyond it (the causes of one effect are
 * joined anyway); only the tree under the root may then show a cause as a second root. Real storms stay far
 * below: it takes 64 alerts of one cause name with identical `equal` labels.
 */
export const MAX_EDGES_PER_EFFECT = 64;

/** Edge i runs from cause from[i] to effect to[i] by rule via[i]; joinA[j] and joinB[j] belong together without an edge. */
export interface Edges {
  from: number[];
  to: number[];
  /** Rule index, or -1 for inhibitedBy. */
  via: number[];
  /** Causes that share an effect, also past MAX_EDGES_PER_EFFECT: the incident holds them all. */
  joinA: number[];
  joinB: number[];
  /** The same edges by cause: those from alert v are outTo/outVia[outStart[v] … outStart[v + 1]), in order found. */
  outStart: Int32Array;
  outTo: Int32Array;
  outVia: Int32Array;
}
