// A fleet-sized ALERTS history with known causal pairs, for the benchmark and the demo: clusters of hosts, on
// each a few cause → effect chains, unrelated noise, a flapping alert, and a Watchdog. Scaled to a sample count.
import { flapping, periodic, rng, type GenSeries } from './alert-history.js';

export interface FleetOptions {
  now: number;
  days: number;
  /** About how many samples to write (at one per step while firing). */
  samples: number;
  step?: number;
  seed?: number;
  clusters?: string[];
}

/** The cause → effect pairs a fleet history holds, with the labels they share. */
export const FLEET_PAIRS = [
  { cause: 'NodeDiskPressure', effect: 'PodEvicted', equal: ['cluster', 'instance'] },
  { cause: 'GPUXidError', effect: 'TrainingJobFailed', equal: ['cluster', 'instance'] },
  { cause: 'FeatureStoreLag', effect: 'InputFeatureDrift', equal: ['cluster', 'instance'] },
];
const NOISE = ['HighCPU', 'NTPDrift', 'CertExpiringSoon'];

export function fleetHistory(o: FleetOptions): GenSeries[] {
  const step = o.step ?? 60;
  const r = rng(o.seed ?? 7);
  const clusters = o.clusters ?? ['eu-west', 'us-east'];
  const from = o.now - o.days * 86400;
  const to = o.now - 3600;
  // Per host, in samples: causes 40 × ~20, effects 34 × ~20, noise 40 × 20, flapping 40 × 1.5.
  const perHost = FLEET_PAIRS.length * (800 + 680) + NOISE.length * 800 + 60;
  const budget = Math.max(0, o.samples - (o.days * 86400) / step);
  const hosts = Math.max(2, Math.round(budget / perHost));
  const out: GenSeries[] = [
    { labels: { alertname: 'Watchdog', severity: 'none' }, episodes: [[from - 86400, o.now + 86400]] },
  ];
  for (let h = 0; h < hosts; h++) {
    const cluster = clusters[h % clusters.length]!;
    const instance = `node-${Math.floor(h / clusters.length) + 1}`;
    const base = { cluster, instance };
    for (const p of FLEET_PAIRS) {
      const causes = periodic(from, to, 40, 15 + Math.floor(r() * 10), r);
      out.push({ labels: { alertname: p.cause, severity: 'warning', service: 'platform', ...base }, episodes: causes });
      const effects: [number, number][] = causes
        .filter(() => r() < 0.85)
        .map(([s]) => {
          const d = 60 + Math.floor(r() * 300);
          return [s + d, s + d + (10 + Math.floor(r() * 20)) * 60];
        });
      out.push({
        labels: { alertname: p.effect, severity: 'critical', service: 'ml-serving', ...base },
        episodes: effects,
      });
    }
    for (const n of NOISE)
      out.push({
        labels: { alertname: n, severity: 'warning', service: 'platform', ...base },
        episodes: periodic(from, to, 40, 20, r),
      });
    out.push({
      labels: { alertname: 'LinkFlapping', severity: 'warning', service: 'network', ...base },
      episodes: flapping(from, to, 8, 5, r),
    });
  }
  return out;
}
