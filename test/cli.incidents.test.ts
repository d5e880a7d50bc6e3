import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, MINIMAL_AM_CONFIG, postAlerts, runCli, waitForAlerts, type TestAlert } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { labelKey, syntheticStorm, type StormTruth } from '../bench/lib/synthetic.mjs';
import { scoreGrouping } from './helpers/grouping-score.js';
import { groupIncidents } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import type { Alert } from '../src/domain/types.js';
import { serve } from './helpers/http-servers.js';

// One inhibit rule restates a built-in chain (service down mutes latency, errors and throughput), the other is
// new to oncall (maintenance mutes drift alerts of its cluster) and written in the old style.
const AM_CONFIG = `${MINIMAL_AM_CONFIG}
inhibit_rules:
  - source_matchers: ['alertname="PredictionServiceDown"']
    target_matchers: ['alertname=~"HighPredictionLatency.*|HighErrorRate.*|ThroughputDrop"']
    equal: [cluster, instance]
  - source_match:
      alertname: PlannedMaintenance
    target_match_re:
      alertname: '.*Drift'
    equal: [cluster]
`;

interface JsonAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  state: 'active' | 'suppressed';
  silencedBy: string[];
  inhibitedBy: string[];
  causedBy: string | null;
  layer: string;
}
interface JsonIncident {
  id: string;
  title: string;
  severity: string;
  layer: string;
  root: string;
  resolvedAt: string | null;
  alerts: JsonAlert[];
}
interface JsonOut {
  generatedAt: string;
  incidents: JsonIncident[];
}

const MIN = 60_000;

describe('oncall incidents against a real Alertmanager holding an alert storm', () => {
  let am: ServerHandle;
  let truth: StormTruth;
  let posted: TestAlert[];
  let silencedKey: string;
  let expectInhibited: number;
  const now = Date.now();

  beforeAll(async () => {
    am = await alertmanager(AM_CONFIG);
    const storm = syntheticStorm({ seed: 11, alerts: 300, now });
    truth = storm.truth;
    posted = storm.alerts.map((a) => ({ labels: a.labels, annotations: a.annotations, startsAt: a.startsAt }));
    const endsAt = new Date(now + 3600_000).toISOString(); // outlives a slow run
    // A cluster under planned maintenance: the maintenance alert causes its drift alerts (through the
    // inhibit rule only), and an alert whose labels carry terminal escape sequences.
    const lab: (TestAlert & { labels: Record<string, string> })[] = [
      {
        labels: { alertname: 'PlannedMaintenance', cluster: 'lab', severity: 'info', job: 'ops' },
        startsAt: new Date(now - 30 * MIN).toISOString(),
      },
      {
        labels: {
          alertname: 'InputFeatureDrift',
          cluster: 'lab',
          model: 'm1',
          severity: 'warning',
          alert_type: 'quality',
        },
        startsAt: new Date(now - 20 * MIN).toISOString(),
      },
      {
        labels: {
          alertname: 'EmbeddingDrift',
          cluster: 'lab',
          model: 'm2',
          severity: 'warning',
          alert_type: 'quality',
        },
        startsAt: new Date(now - 25 * MIN).toISOString(),
      },
    ];
    for (const a of lab) truth.incidentOf.set(labelKey(a.labels), 'lab');
    truth.rootOf.set('lab', labelKey(lab[0]!.labels));
    truth.kindOf.set('lab', 'noise');
    const weird = {
      labels: {
        alertname: 'WeirdLabels',
        cluster: 'lab',
        instance: 'x\u001b]0;pwned\u0007\u001b[31my',
        severity: 'info',
      },
      startsAt: new Date(now - MIN).toISOString(),
    };
    truth.incidentOf.set(labelKey(weird.labels), 'weird');
    truth.rootOf.set('weird', labelKey(weird.labels));
    posted.push(...lab, weird);
    for (const a of posted) a.endsAt = endsAt;
    await postAlerts(am.url, posted);
    await waitForAlerts(am.url, posted.length);

    // Silence one unrelated alert that shares a host with a chain.
    const noise = storm.alerts.find(
      (a) => truth.kindOf.get(truth.incidentOf.get(labelKey(a.labels))!) === 'noise' && a.labels.instance,
    )!;
    silencedKey = labelKey(noise.labels);
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        matchers: Object.entries(noise.labels).map(([name, value]) => ({ name, value, isRegex: false })),
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        createdBy: 'test',
        comment: 'known noise',
      }),
    });
    expect(res.ok).toBe(true);

    // What the Alertmanager must mark inhibited, worked out here by brute force from its rules.
    const down = new Set(
      posted
        .filter((a) => a.labels.alertname === 'PredictionServiceDown')
        .map((a) => `${a.labels.cluster}/${a.labels.instance}`),
    );
    expectInhibited =
      posted.filter(
        (a) =>
          /^(HighPredictionLatency.*|HighErrorRate.*|ThroughputDrop)$/.test(a.labels.alertname!) &&
          down.has(`${a.labels.cluster}/${a.labels.instance}`),
      ).length + 2;
    expect(expectInhibited).toBeGreaterThan(4);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const list = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
        status: { inhibitedBy: string[]; silencedBy: string[] };
      }[];
      const inhibited = list.filter((a) => a.status.inhibitedBy.length).length;
      const silenced = list.filter((a) => a.status.silencedBy.length).length;
      if (inhibited === expectInhibited && silenced === 1) break;
      if (Date.now() > deadline)
        throw new Error(`Alertmanager shows ${inhibited} inhibited (want ${expectInhibited}) and ${silenced} silenced`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);
  afterAll(async () => am?.stop());

  const incidentsJson = async (...args: string[]): Promise<JsonOut> => {
    const r = await runCli(['incidents', '--json', '--alertmanager', am.url, ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as JsonOut;
  };

  it('groups the storm as the ground truth says: pairwise F1 1.0, every root right, every alert exactly once', async () => {
    const out = await incidentsJson();
    expect(Date.parse(out.generatedAt)).toBeGreaterThan(now - MIN);
    const fps = out.incidents.flatMap((i) => i.alerts.map((a) => a.fingerprint));
    expect(fps).toHaveLength(posted.length);
    expect(new Set(fps).size).toBe(posted.length);
    const score = scoreGrouping(out.incidents, truth);
    expect(score.wrongRoots).toEqual([]);
    expect(score.unknownAlerts).toBe(0);
    expect(score.f1).toBe(1);
    expect(score.rootAccuracy).toBe(1);
    expect(score.chains).toBeGreaterThan(40);
  });

  it('a Prometheus that never answers costs the incidents the grace only, and the command exits once they are written', async () => {
    const hanging = await serve(() => undefined); // takes every request and never answers
    try {
      // With a 5 minute timeout, waiting for the abandoned topology queries would outlast runCli's 30 s.
      const r = await runCli(
        ['incidents', '--json', '--alertmanager', am.url, '--prometheus', hanging.url, '--timeout', '5m'],
        { timeoutMs: 30_000 },
      );
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as JsonOut;
      expect(out.incidents.flatMap((i) => i.alerts)).toHaveLength(posted.length);
      expect(hanging.requests.some((q) => q.url.startsWith('/api/v1/query'))).toBe(true);
    } finally {
      await hanging.close();
    }
  }, 60_000);

  it('keeps the JSON contract', async () => {
    const out = await incidentsJson();
    expect(Object.keys(out)).toEqual(['generatedAt', 'incidents']);
    for (const inc of out.incidents) {
      expect(Object.keys(inc)).toEqual(['id', 'title', 'severity', 'layer', 'root', 'resolvedAt', 'alerts']);
      expect(inc.resolvedAt).toBeNull();
      expect(inc.id).toMatch(/^inc-[0-9a-f]{12}$/);
      expect(['critical', 'warning', 'info']).toContain(inc.severity);
      expect(inc.alerts[0]!.fingerprint).toBe(inc.root);
      expect(inc.alerts[0]!.causedBy).toBeNull();
      for (const a of inc.alerts) {
        expect(Object.keys(a)).toEqual([
          'fingerprint',
          'labels',
          'annotations',
          'startsAt',
          'resolvedAt',
          'state',
          'silencedBy',
          'inhibitedBy',
          'causedBy',
          'layer',
          'topology',
        ]);
        expect(['active', 'suppressed']).toContain(a.state);
        if (a.causedBy !== null) expect(inc.alerts.some((p) => p.fingerprint === a.causedBy)).toBe(true);
      }
    }
    const oom = out.incidents.find((i) => i.alerts[0]!.labels.alertname === 'GPUMemoryOOM' && i.alerts.length > 1)!;
    expect(oom.severity).toBe('critical');
    expect(oom.layer).toBe('infrastructure');
    expect(oom.title).toMatch(
      new RegExp(
        `^GPUMemoryOOM on ${oom.alerts[0]!.labels.cluster}/${oom.alerts[0]!.labels.instance} \\(\\+${oom.alerts.length - 1} symptoms?\\)$`,
      ),
    );
    // Stable: a second run gives the same IDs for the same roots.
    const again = await incidentsJson();
    expect(again.incidents.map((i) => [i.id, i.root])).toEqual(out.incidents.map((i) => [i.id, i.root]));
  });

  it('shows inhibited and silenced alerts with their state, under their cause', async () => {
    const out = await incidentsJson();
    const all = out.incidents.flatMap((i) => i.alerts);
    const inhibited = all.filter((a) => a.inhibitedBy.length);
    expect(inhibited).toHaveLength(expectInhibited);
    for (const a of inhibited) expect(a.state).toBe('suppressed');
    const silenced = all.filter((a) => a.silencedBy.length);
    expect(silenced.map((a) => labelKey(a.labels))).toEqual([silencedKey]);
    expect(silenced[0]!.state).toBe('suppressed');
    const lab = out.incidents.find((i) => i.alerts.some((a) => a.labels.alertname === 'PlannedMaintenance'))!;
    expect(lab.alerts.map((a) => a.labels.alertname)).toEqual([
      'PlannedMaintenance',
      'EmbeddingDrift',
      'InputFeatureDrift',
    ]);
    for (const a of lab.alerts.slice(1)) {
      expect(a.inhibitedBy).toEqual([lab.root]);
      expect(a.causedBy).toBe(lab.root);
      expect(a.layer).toBe('quality');
    }
  });

  it("uses Alertmanager's inhibitedBy as an edge: the same alerts regrouped with no rule at all keep those links", async () => {
    const out = await incidentsJson();
    const alerts: Alert[] = out.incidents
      .flatMap((i) => i.alerts)
      .map((a) => ({
        fingerprint: a.fingerprint,
        labels: a.labels,
        annotations: a.annotations,
        startsAt: a.startsAt,
        endsAt: '',
        updatedAt: '',
        generatorURL: '',
        receivers: [],
        state: a.state,
        silencedBy: a.silencedBy,
        inhibitedBy: a.inhibitedBy,
      }));
    const byFp = new Map(alerts.map((a) => [a.fingerprint, a]));
    const regrouped = groupIncidents(alerts, groupingOptions({ replace_default_rules: true }));
    const causedBy = new Map(regrouped.flatMap((i) => i.alerts.map((a) => [a.fingerprint, a.causedBy] as const)));
    let linked = 0;
    for (const a of alerts) {
      const src = a.inhibitedBy[0];
      if (!src) continue;
      const within = Date.parse(a.startsAt) >= Date.parse(byFp.get(src)!.startsAt) - 10 * MIN;
      expect(causedBy.get(a.fingerprint)).toBe(within ? src : null);
      if (within) linked++;
    }
    expect(linked).toBeGreaterThan(4);
  });

  it('--active-only leaves suppressed alerts out and groups the rest', async () => {
    const out = await incidentsJson('--active-only');
    const all = out.incidents.flatMap((i) => i.alerts);
    expect(all).toHaveLength(posted.length - expectInhibited - 1);
    expect(all.every((a) => a.state === 'active' && !a.silencedBy.length && !a.inhibitedBy.length)).toBe(true);
  });

  it('--filter shows whole incidents that hold a matching alert, root cause included', async () => {
    const out = await incidentsJson('--filter', 'alertname="ThroughputDrop"');
    expect(out.incidents.length).toBeGreaterThan(0);
    for (const i of out.incidents) expect(i.alerts.some((a) => a.labels.alertname === 'ThroughputDrop')).toBe(true);
    expect(out.incidents.some((i) => i.alerts[0]!.labels.alertname !== 'ThroughputDrop')).toBe(true);
  });

  it('prints a readable, sanitised tree without --json', async () => {
    const r = await runCli(['incidents', '--alertmanager', am.url]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ incidents from \d+ alerts: \d+ critical, \d+ warning, \d+ info$/);
    const oomAt = lines.findIndex((l) =>
      /^CRITICAL {2}GPUMemoryOOM on \S+ \(\+\d+ symptoms?\) {2}\[inc-[0-9a-f]{12}, infrastructure, \d+[smhd]\]$/.test(
        l,
      ),
    );
    expect(oomAt).toBeGreaterThan(0);
    expect(lines[oomAt + 1]).toMatch(/^ {2}GPUMemoryOOM +critical +infrastructure +\d+[smhd] +active +\S+ +root$/);
    expect(lines[oomAt + 2]).toMatch(
      /^ {2}[├└]─ \w+ +(critical|warning) +service +\d+[smhd] +\w+ +\S+ +← rule \d+ \(default\)$/,
    );
    expect(r.stdout).toMatch(/inhibited +lab\/m1 +← rule 13 \(inhibit rule\)|inhibited +lab\/m1 +← inhibitedBy/);
    expect(r.stdout).toContain('WeirdLabels');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('oncall rules lists the built-in chains and the inhibit rules of the running Alertmanager, with their sources', async () => {
    const r = await runCli(['rules', '--json', '--alertmanager', am.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      symptomLeadTolerance: string;
      rules: { number: number; origin: string; source: string; cause: string[]; effect: string[]; equal: string[] }[];
    };
    expect(out.symptomLeadTolerance).toBe('10m');
    expect(out.rules.filter((x) => x.origin === 'default')).toHaveLength(12); // the article's 10 chains, the Kubernetes pack's 2
    const host = new URL(am.url).host;
    expect(out.rules.find((x) => x.cause[0] === 'alertname="PredictionServiceDown"')!.source).toBe(
      `built-in; alertmanager ${host} inhibit_rules[0]`,
    );
    expect(out.rules[12]).toEqual({
      number: 13,
      origin: 'inhibit_rule',
      source: `alertmanager ${host} inhibit_rules[1]`,
      cause: ['alertname="PlannedMaintenance"'],
      effect: ['alertname=~".*Drift"'],
      equal: ['cluster'],
    });
    const text = await runCli(['rules', '--alertmanager', am.url]);
    expect(text.stdout.split('\n')[0]).toMatch(/^# +ORIGIN +CAUSE +EFFECT +EQUAL +SOURCE$/);
    expect(text.stdout).toContain('symptom may start up to 10m before its cause');
  });
});

describe('oncall incidents and rules: configuration and errors', () => {
  let am: ServerHandle;
  let dir: string;
  beforeAll(async () => {
    am = await alertmanager();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-incidents-cfg-'));
    const now = Date.now();
    await postAlerts(am.url, [
      {
        labels: { alertname: 'NodeDown', severity: 'critical', cluster: 'c', instance: 'n1' },
        startsAt: new Date(now - 5 * MIN).toISOString(),
      },
      {
        labels: { alertname: 'ScrapeFailing', severity: 'warning', cluster: 'c', instance: 'n1' },
        startsAt: new Date(now - 4 * MIN).toISOString(),
      },
      {
        labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'c', instance: 'n1' },
        startsAt: new Date(now - 3 * MIN).toISOString(),
      },
      {
        labels: { alertname: 'HighErrorRateFastBurn', severity: 'critical', cluster: 'c', instance: 'n1' },
        startsAt: new Date(now - 2 * MIN).toISOString(),
      },
    ]);
    await waitForAlerts(am.url, 4);
  });
  afterAll(async () => {
    await am?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (body: string) => {
    const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
    fs.writeFileSync(file, `current_context: t\ncontexts:\n  t:\n    alertmanagers:\n      - url: ${am.url}\n${body}`, {
      mode: 0o600,
    });
    return file;
  };

  it('causal_rules from the config add to the defaults; replace_default_rules drops them', async () => {
    const rule = `    causal_rules:\n      - cause_matchers: ['alertname="NodeDown"']\n        effect_matchers: ['alertname=~".+"']\n        equal: [instance]\n`;
    const added = JSON.parse((await runCli(['incidents', '--json', '--config', config(rule)])).stdout) as JsonOut;
    expect(added.incidents).toHaveLength(1);
    expect(added.incidents[0]!.alerts[0]!.labels.alertname).toBe('NodeDown');
    const replaced = JSON.parse(
      (
        await runCli([
          'incidents',
          '--json',
          '--config',
          config(
            rule
              .replace('    causal_rules', '    replace_default_rules: true\n    causal_rules')
              .replace('=~".+"', '="ScrapeFailing"'),
          ),
        ])
      ).stdout,
    ) as JsonOut;
    expect(replaced.incidents.map((i) => i.alerts.map((a) => a.labels.alertname))).toEqual([
      ['HighErrorRateFastBurn'],
      ['GPUMemoryOOM'],
      ['NodeDown', 'ScrapeFailing'],
    ]);
  });

  it('symptom_lead_tolerance and layers come from the config', async () => {
    const file = config(`    symptom_lead_tolerance: 30s\n    layers:\n      Scrape.*: service\n`);
    const out = JSON.parse((await runCli(['incidents', '--json', '--config', file])).stdout) as JsonOut;
    const scrape = out.incidents.find((i) => i.alerts[0]!.labels.alertname === 'ScrapeFailing')!;
    expect(scrape.layer).toBe('service'); // 'unknown' by name alone
    // the errors started after the OOM: still grouped at any tolerance
    expect(out.incidents.find((i) => i.alerts[0]!.labels.alertname === 'GPUMemoryOOM')!.alerts).toHaveLength(2);
    const rules = JSON.parse((await runCli(['rules', '--json', '--config', file])).stdout) as {
      symptomLeadTolerance: string;
    };
    expect(rules.symptomLeadTolerance).toBe('30s');
  });

  it('a bad causal rule is a one-line error naming the file, the rule and the matcher (exit 1)', async () => {
    const file = config(
      `    causal_rules:\n      - cause_matchers: ['alertname="A"']\n        effect_matchers: ['severity:crit']\n`,
    );
    for (const cmd of ['incidents', 'rules']) {
      const r = await runCli([cmd, '--config', file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${file}: contexts.t.causal_rules[0].effect_matchers[0]: bad matcher "severity:crit"`);
    }
  });

  it('a malformed --filter is a usage error (exit 2)', async () => {
    const r = await runCli(['incidents', '--alertmanager', am.url, '--filter', 'alertname=~"("']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid regular expression');
  });

  it('an unreachable Alertmanager: exit 1 for incidents; rules still lists the built-in ones and warns', async () => {
    const dead = 'http://127.0.0.1:9';
    const r = await runCli(['incidents', '--alertmanager', dead]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^oncall: alertmanager 127\.0\.0\.1:9: .*\n$/);
    const rules = await runCli(['rules', '--json', '--alertmanager', dead]);
    expect(rules.code).toBe(0);
    expect((JSON.parse(rules.stdout) as { rules: unknown[] }).rules).toHaveLength(12);
    expect(rules.stderr).toMatch(
      /^oncall: warning: alertmanager 127\.0\.0\.1:9: .*its inhibit rules are not listed\n$/,
    );
  });

  it('one of two Alertmanagers down: incidents from the other, and a warning', async () => {
    const r = await runCli(['incidents', '--json', '--alertmanager', am.url, '--alertmanager', 'http://127.0.0.1:9']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonOut).incidents.flatMap((i) => i.alerts)).toHaveLength(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^oncall: warning: alertmanager 127\.0\.0\.1:9: /);
  });

  it('no alerts at all', async () => {
    const empty = await alertmanager();
    try {
      const r = await runCli(['incidents', '--alertmanager', empty.url]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('no alerts\n');
      expect(JSON.parse((await runCli(['incidents', '--json', '--alertmanager', empty.url])).stdout).incidents).toEqual(
        [],
      );
    } finally {
      await empty.stop();
    }
  });
});
