// The storm posted to Alertmanager: the grouping's synthetic storm (synthetic.mjs: the article's chains across
// clusters, hosts and models, with unrelated alerts on the same hosts). Extra labels and annotations that no rule
// reads make each alert the size of a real one (about 0.7 kB in the API's JSON).
import { syntheticStorm } from './synthetic.mjs';

const DAY = 24 * 3600_000;

export function benchStorm(n, now = Date.now()) {
  const { alerts } = syntheticStorm({
    seed: 7,
    alerts: n,
    now,
    clusters: ['prod-us-east-1', 'prod-us-west-2', 'prod-eu-west-1', 'prod-ap-south-1', 'staging-us-east-1'],
  });
  const endsAt = new Date(now + DAY).toISOString();
  const seen = new Set();
  const out = [];
  for (const a of alerts) {
    const labels = {
      ...a.labels,
      namespace: 'ml-serving',
      team: 'ml-platform',
      prometheus: `monitoring/k8s-${a.labels.cluster}`,
    };
    const key = JSON.stringify(Object.entries(labels).sort());
    if (seen.has(key)) continue;
    seen.add(key);
    const where = labels.instance ?? labels.model ?? '';
    out.push({
      labels,
      annotations: {
        ...a.annotations,
        description: `${labels.alertname} has been firing on ${where} in ${labels.cluster}; check the dashboard and follow the runbook's first steps.`,
        dashboard: `https://grafana.example.com/d/ml-serving?var-cluster=${labels.cluster}&var-host=${encodeURIComponent(where)}`,
      },
      startsAt: a.startsAt,
      endsAt,
      generatorURL: `http://prometheus.${labels.cluster}.example.com/graph?g0.expr=ALERTS%7Balertname%3D%22${labels.alertname}%22%7D`,
    });
  }
  return { source: 'bench/lib/synthetic.mjs (seed 7)', alerts: out };
}
