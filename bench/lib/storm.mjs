// A deterministic alert storm with realistic labels: the article's alert names across several clusters, hosts,
// GPUs and models. Every alert has a unique label set, so Alertmanager keeps all N of them. Used when the
// grouping's own synthetic generator is not available (and for posting, which needs Alertmanager's input shape).

const INFRA = ['GPUMemoryOOM', 'ContainerRestartSpike', 'ModelServerCrash', 'PredictionServiceDown', 'DiskSpaceLow'];
const SERVICE = ['HighPredictionLatencyFastBurn', 'HighPredictionLatencySlowBurn', 'HighErrorRateFastBurn', 'HighErrorRateSlowBurn', 'BatchTimeout', 'QueueBacklog', 'ThroughputDrop'];
const QUALITY = ['FeaturePipelineFailure', 'InputFeatureDrift', 'EmbeddingDrift', 'PredictionDistributionShift', 'HighUserCorrectionRate', 'AccuracyDegradation'];
const NAMES = [...INFRA, ...SERVICE, ...QUALITY];
const CLUSTERS = ['prod-us-east-1', 'prod-us-west-2', 'prod-eu-west-1', 'prod-ap-south-1', 'staging-us-east-1', 'dev-eu-central-1'];
const MODELS = ['fraud-detector-v7', 'ranker-xl', 'embedder-base', 'llm-chat-13b', 'recsys-two-tower', 'ocr-vit-large', 'speech-asr-v3', 'churn-gbdt'];
const SEVERITY = {
  GPUMemoryOOM: 'critical', ContainerRestartSpike: 'warning', ModelServerCrash: 'critical', PredictionServiceDown: 'critical', DiskSpaceLow: 'warning',
  HighPredictionLatencyFastBurn: 'critical', HighPredictionLatencySlowBurn: 'warning', HighErrorRateFastBurn: 'critical', HighErrorRateSlowBurn: 'warning',
  BatchTimeout: 'warning', QueueBacklog: 'warning', ThroughputDrop: 'warning', FeaturePipelineFailure: 'critical', InputFeatureDrift: 'warning',
  EmbeddingDrift: 'warning', PredictionDistributionShift: 'warning', HighUserCorrectionRate: 'warning', AccuracyDegradation: 'critical',
};

function layerOf(name) {
  if (INFRA.includes(name)) return 'infrastructure';
  if (SERVICE.includes(name)) return 'service';
  return 'quality';
}

/** Alertmanager POST bodies (labels, annotations, startsAt, endsAt, generatorURL) for `n` unique alerts. */
export function stormAlerts(n, now = Date.now()) {
  const out = new Array(n);
  const endsAt = new Date(now + 24 * 3600_000).toISOString();
  const perHost = NAMES.length * CLUSTERS.length;
  for (let i = 0; i < n; i++) {
    const alertname = NAMES[i % NAMES.length];
    const cluster = CLUSTERS[Math.floor(i / NAMES.length) % CLUSTERS.length];
    const hostNo = Math.floor(i / perHost);
    const host = `gpu-node-${String(hostNo).padStart(5, '0')}`;
    const model = MODELS[(hostNo + i) % MODELS.length];
    const layer = layerOf(alertname);
    const labels = { alertname, severity: SEVERITY[alertname], alert_type: layer, cluster, instance: `${host}:9400`, job: layer === 'infrastructure' ? 'dcgm-exporter' : 'model-server', namespace: 'ml-serving', team: 'ml-platform' };
    if (layer === 'infrastructure') { labels.gpu = String(hostNo % 8); labels.Hostname = host; }
    if (layer !== 'infrastructure') labels.model = model;
    if (layer === 'quality') labels.feature = `feature_${hostNo % 40}`;
    const started = new Date(now - ((i * 7919) % 3_600_000)).toISOString();
    out[i] = {
      labels,
      annotations: {
        summary: `${alertname} on ${host} (${cluster})`,
        description: `${alertname} has been firing for ${labels.model ?? 'gpu ' + labels.gpu} on ${host} in ${cluster}; see the runbook for the first steps.`,
        runbook_url: `https://runbooks.example.com/ml/${alertname.toLowerCase()}`,
      },
      startsAt: started,
      endsAt,
      generatorURL: `http://prometheus.${cluster}.example.com/graph?g0.expr=ALERTS%7Balertname%3D%22${alertname}%22%7D`,
    };
  }
  return out;
}
