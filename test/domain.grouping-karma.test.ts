// Alertmanager 0.27 and 0.31 answers recorded from real servers (prymitive/karma, internal/mock/<version>/api/v2/
// alerts/groups, Apache-2.0; 0.31 adds status.mutedBy): they parse, and group as their labels allow. Their alerts
// are Host_Down (node_ping) on server1-8, HTTP_Probe_Failed on web1-2, and Memory_Usage_Too_High and
// Free_Disk_Space_Too_Low on servers that are also down. No built-in rule joins them, on purpose: a host that
// does not answer pings neither causes a full disk nor is caused by it, a memory alert beside it is as likely the
// cause as the symptom, and HTTP_Probe_Failed names other instances (web1, web2). So every alert stays its own
// incident, as "alerts that merely share a host stay apart" requires; a site that knows better adds a causal rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAlerts } from '../src/backends/alertmanager-alerts.js';
import { groupIncidents } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { rulesFromInhibitRules } from '../src/domain/incidents/rules.js';
import { emptySnapshot } from '../src/domain/topology/snapshot.js';

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/karma');

/** The alerts of an /api/v2/alerts/groups answer, each once (an alert is in every group that routes it). */
function alertsOf(version: string) {
  const groups = JSON.parse(fs.readFileSync(path.join(DIR, `alertmanager-${version}-alerts-groups.json`), 'utf8')) as {
    alerts: { fingerprint: string }[];
  }[];
  const byFp = new Map<string, unknown>();
  for (const g of groups) for (const a of g.alerts) byFp.set(a.fingerprint, a);
  return parseAlerts([...byFp.values()]);
}

// The inhibit rule of karma's recorded Alertmanager configuration (internal/mock/alertmanager.yml).
const KARMA_INHIBIT =
  "inhibit_rules:\n  - source_match:\n      severity: 'critical'\n    target_match:\n      severity: 'warning'\n    equal: ['alertname', 'cluster', 'service']\n";

describe.each(['0.27.0', '0.31.0'])('recorded Alertmanager %s answers', (version) => {
  it('parse, and every alert lands in exactly one incident of its own', () => {
    const alerts = alertsOf(version);
    expect(alerts).toHaveLength(12);
    const incidents = groupIncidents(
      alerts,
      groupingOptions({}, rulesFromInhibitRules(KARMA_INHIBIT)),
      emptySnapshot(),
    );
    expect(incidents).toHaveLength(12);
    expect(incidents.flatMap((i) => i.alerts.map((a) => a.fingerprint)).sort()).toEqual(
      alerts.map((a) => a.fingerprint).sort(),
    );
    const names = new Set(incidents.map((i) => i.title.split(' on ')[0]));
    expect(names).toEqual(
      new Set(['Host_Down', 'HTTP_Probe_Failed', 'Memory_Usage_Too_High', 'Free_Disk_Space_Too_Low']),
    );
    // Placement from their own labels only: none names a node, pod or workload.
    for (const a of incidents.flatMap((i) => i.alerts)) expect(a.topology).toEqual({ node: [], workload: [] });
    // Silenced alerts keep their state.
    expect(
      incidents
        .flatMap((i) => i.alerts)
        .filter((a) => a.silencedBy.length)
        .map((a) => a.labels.instance)
        .sort(),
    ).toEqual(['server6', 'server7', 'server8', 'web1']);
  });
});
