// Turns the shipped files in demo/ into the configuration of one running demo: ports are chosen at start, so the
// addresses of the simulator, the webhook sink, Prometheus and Alertmanager are filled in here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { SimTarget } from './simulator.js';
import { OncallError } from '../domain/errors.js';

/** The package root: src/demo/ and dist/demo/ both sit two levels below it. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_DIR = path.join(PACKAGE_ROOT, 'demo');
export const DEMO_CONTEXT = 'demo';
export const WEBHOOK_PLACEHOLDER = 'http://oncall-demo-webhook';

export function readDemoFile(name: string, dir = DEMO_DIR): string {
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new OncallError('environment', `cannot read the demo's ${name} at ${file}: ${(e as Error).message}`, {
      hint: 'is the package complete?',
      cause: e,
    });
  }
}

export function renderAlertmanagerConfig(text: string, sinkUrl: string): string {
  if (!text.includes(WEBHOOK_PLACEHOLDER))
    throw new Error(`demo/alertmanager.yml has no ${WEBHOOK_PLACEHOLDER} receiver URL to point at the webhook sink`);
  return text.split(WEBHOOK_PLACEHOLDER).join(sinkUrl.replace(/\/+$/, ''));
}

function hostPort(url: string): string {
  return new URL(url).host;
}

/** The file-based service discovery files that demo/prometheus.yml reads, by file name. */
export function prometheusSdFiles(
  simulatorUrl: string,
  targets: SimTarget[],
  alertmanagerUrl: string,
): Record<string, string> {
  const files: Record<string, string> = {
    'alertmanagers.json': JSON.stringify([{ targets: [hostPort(alertmanagerUrl)] }], null, 2),
  };
  for (const job of [...new Set(targets.map((t) => t.job))]) {
    const groups = targets
      .filter((t) => t.job === job)
      .map((t) => ({
        targets: [hostPort(simulatorUrl)],
        labels: { __metrics_path__: t.path, cluster: t.cluster, instance: t.instance, ...t.labels },
      }));
    files[`targets-${job}.json`] = JSON.stringify(groups, null, 2);
  }
  return files;
}

/** demo/oncall-demo.yaml with the real addresses, and runbook folders made absolute (relative to the package). */
export function renderOncallConfig(
  text: string,
  o: { prometheusUrl: string; alertmanagerUrl: string; root?: string },
): string {
  const doc = parseDocument(text);
  const ctx = ['contexts', DEMO_CONTEXT];
  if (!doc.hasIn(ctx)) throw new Error(`demo/oncall-demo.yaml has no context named ${DEMO_CONTEXT}`);
  doc.setIn([...ctx, 'prometheus', 'url'], o.prometheusUrl);
  doc.setIn([...ctx, 'alertmanagers', 0, 'url'], o.alertmanagerUrl);
  const dirs = doc.getIn([...ctx, 'runbook_dirs']) as { items?: { value?: unknown }[] } | undefined;
  const list = (dirs?.items ?? []).map((i) => String(i.value ?? i));
  if (list.length) {
    doc.setIn(
      [...ctx, 'runbook_dirs'],
      doc.createNode(
        list.map((d) => (path.isAbsolute(d) ? d : path.join(o.root ?? PACKAGE_ROOT, d))),
        { flow: true },
      ),
    );
  }
  return doc.toString();
}
