// Adding a learned rule to the config file: appended to the context's causal_rules, comments and other keys kept,
// the evidence as a comment, the file still valid and 0600.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCausalRule } from '../src/backends/config/add-causal-rule.js';
import { loadConfig } from '../src/backends/config/load.js';

const BASE = `# my oncall config
current_context: prod
contexts:
  prod:
    prometheus: { url: https://prom.example.com }  # the long-term store
    causal_rules:
      # nodes take their pods down
      - cause_matchers: ['alertname="NodeDown"']
        effect_matchers: ['alertname="PodCrash"']
        equal: [cluster, node]
  staging: {}
`;

describe('addCausalRule', () => {
  it('appends the rule with its evidence and keeps every comment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-addrule-'));
    const file = path.join(dir, 'config.yaml');
    fs.writeFileSync(file, BASE);
    addCausalRule(
      file,
      'prod',
      {
        cause_matchers: ['alertname="GPUMemoryOOM"'],
        effect_matchers: ['alertname="HighErrorRate"'],
        equal: ['cluster', 'instance'],
      },
      'GPUMemoryOOM → HighErrorRate: 21 co-started episodes',
    );
    addCausalRule(file, 'staging', {
      cause_matchers: ['alertname="A"'],
      effect_matchers: ['alertname="B"'],
      equal: ['cluster'],
    });
    const text = fs.readFileSync(file, 'utf8');
    for (const c of [
      '# my oncall config',
      '# the long-term store',
      '# nodes take their pods down',
      '# GPUMemoryOOM → HighErrorRate: 21 co-started episodes',
    ])
      expect(text).toContain(c);
    expect(text).toContain(`- cause_matchers: [ 'alertname="GPUMemoryOOM"' ]`);
    const cfg = loadConfig(file).config;
    expect(cfg.contexts.prod!.causal_rules.map((r) => r.cause_matchers[0])).toEqual([
      'alertname="NodeDown"',
      'alertname="GPUMemoryOOM"',
    ]);
    expect(cfg.contexts.staging!.causal_rules[0]!.equal).toEqual(['cluster']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
