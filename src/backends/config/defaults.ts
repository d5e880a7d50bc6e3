// What the schema gives for an empty file and an empty context, as plain values: with no config file, nothing
// needs the schema (test/backends.config-defaults.test.ts checks these equal the schema's own defaults).
import type { LoadedConfig } from './load.js';
import type { ContextConfig, OncallConfig } from './schema.js';

export function emptyConfig(): OncallConfig {
  return { contexts: {} };
}

/** A config file that does not exist reads as an empty one. */
export function missingConfig(file: string): LoadedConfig {
  return { path: file, exists: false, config: emptyConfig(), warnings: [] };
}

export function emptyContextSettings(): ContextConfig {
  return {
    read_only: false,
    refresh_interval: '15s',
    bell: true,
    notify: { terminal: true, desktop: true },
    causal_rules: [],
    replace_default_rules: false,
    kubernetes_rules: true,
    topology: { enabled: true, ttl: '60s' },
    symptom_lead_tolerance: '10m',
    layer_labels: ['layer', 'alert_type'],
    layers: {},
    slos: [],
    gpu: { time_to_full_horizon: '2h', warn_ratio: 0.7, critical_ratio: 0.9 },
    memory: { keep: '60m' },
    runbook_dirs: [],
    silence: {
      max_alerts: 10,
      max_duration: '24h',
      ack_duration: '15m',
      cluster_label: 'cluster',
      propagation_timeout: '15s',
    },
  };
}
