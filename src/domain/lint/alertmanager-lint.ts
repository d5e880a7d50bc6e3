// Alertmanager configuration lint: keys Alertmanager does not know (it refuses to load them), inhibit rules whose
// source can never fire or that mute their own source, routes that can never match, receivers nobody uses.
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { matchesAll, parseMatchers, type Matcher } from '../matchers.js';
import type { Finding } from './rules-lint.js';

/** An alert the rule files can fire: its name and the labels its rule sets (other labels come from series). */
export interface KnownAlert {
  name: string;
  labels: Record<string, string>;
}

const TOP = [
  'global',
  'route',
  'receivers',
  'inhibit_rules',
  'templates',
  'time_intervals',
  'mute_time_intervals',
  'tracing',
];
const ROUTE = [
  'receiver',
  'group_by',
  'continue',
  'match',
  'match_re',
  'matchers',
  'group_wait',
  'group_interval',
  'repeat_interval',
  'routes',
  'mute_time_intervals',
  'active_time_intervals',
];
const INHIBIT = [
  'source_match',
  'source_match_re',
  'source_matchers',
  'target_match',
  'target_match_re',
  'target_matchers',
  'equal',
];
const SIMILAR: Record<string, string> = {
  inhibition_rules: 'inhibit_rules',
  inhibit_rule: 'inhibit_rules',
  receiver: 'receivers',
  routes: 'route',
};

/** Matchers of a route or one side of an inhibit rule, from match:, match_re: and matchers:. */
function matchersOf(m: YAMLMap, prefix: string): Matcher[] | string {
  const out: Matcher[] = [];
  const eq = m.get(`${prefix}match`, true);
  const re = m.get(`${prefix}match_re`, true);
  const list = m.get(`${prefix}matchers`, true);
  try {
    if (isMap(eq))
      for (const p of eq.items)
        out.push({
          name: String((p.key as { value: unknown }).value),
          type: '=',
          value: String((p.value as { value: unknown } | null)?.value ?? ''),
        });
    if (isMap(re))
      for (const p of re.items)
        out.push({
          name: String((p.key as { value: unknown }).value),
          type: '=~',
          value: String((p.value as { value: unknown } | null)?.value ?? ''),
        });
    if (isSeq(list))
      for (const x of list.items) out.push(...parseMatchers(String((x as { value?: unknown }).value ?? '')));
  } catch (e) {
    return (e as Error).message;
  }
  return out;
}

/** Whether some alert of the rule files could match: labels the rule sets must match; others may take any value. */
function canMatch(ms: readonly Matcher[], known: readonly KnownAlert[]): boolean {
  return known.some((a) => {
    const fixed: Record<string, string> = { ...a.labels, alertname: a.name };
    return ms.every((m) => (m.name in fixed ? matchesAll([m], fixed) : true));
  });
}

/** Two equality matchers on one label with different values, or = against a failing regex on the same label. */
function contradictory(ms: readonly Matcher[]): string | undefined {
  for (const a of ms)
    for (const b of ms) {
      if (a === b || a.name !== b.name) continue;
      if (a.type === '=' && !matchesAll([b], { [a.name]: a.value }))
        return `${a.name}${a.type}"${a.value}" and ${b.name}${b.type}"${b.value}"`;
    }
  return undefined;
}

export function lintAlertmanagerConfig(file: string, text: string, known?: readonly KnownAlert[]): Finding[] {
  const out: Finding[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const lineOf = (n: unknown) => ((n as Node | undefined)?.range ? lc.linePos((n as Node).range![0]).line : 1);
  const add = (n: unknown, severity: Finding['severity'], message: string) =>
    out.push({ file, line: lineOf(n), severity, message });
  if (doc.errors.length) {
    out.push({
      file,
      line: lc.linePos(doc.errors[0]!.pos[0]).line,
      severity: 'error',
      message: `invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`,
    });
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    add(root, 'error', 'not an Alertmanager configuration: expected a mapping with route: and receivers:');
    return out;
  }
  const unknownKeys = (m: YAMLMap, allowed: string[], where: string) => {
    for (const p of m.items) {
      const k = String((p.key as { value?: unknown })?.value);
      if (!allowed.includes(k))
        add(
          p.key,
          'error',
          `unknown key ${k} in ${where}: Alertmanager refuses to load this file${SIMILAR[k] ? `; did you mean ${SIMILAR[k]}?` : ''}`,
        );
    }
  };
  unknownKeys(root, TOP, 'the top level');
  const receivers = root.get('receivers', true);
  const defined = new Map<string, Node>();
  if (isSeq(receivers))
    for (const r of receivers.items) if (isMap(r)) defined.set(String(r.get('name') ?? ''), r as unknown as Node);
  const used = new Set<string>();
  const walkRoute = (r: unknown, where: string, inherited: Matcher[]) => {
    if (!isMap(r)) return;
    unknownKeys(r, ROUTE, where);
    const recv = r.get('receiver', true) as { value?: unknown } | undefined;
    if (recv?.value !== undefined) {
      used.add(String(recv.value));
      if (!defined.has(String(recv.value)))
        add(recv, 'error', `receiver ${JSON.stringify(String(recv.value))} is not defined under receivers:`);
    }
    const ms = matchersOf(r, '');
    if (typeof ms === 'string') {
      add(r, 'error', `${where}: bad matcher: ${ms}`);
      return;
    }
    const all = [...inherited, ...ms];
    const contra = contradictory(all);
    if (contra) add(r, 'error', `${where} can never match: ${contra} (with its parents' matchers)`);
    else if (known?.length && ms.length && !canMatch(all, known))
      add(
        r,
        'warning',
        `${where} matches no alert of the rule files (${ms.map((m) => `${m.name}${m.type}"${m.value}"`).join(', ')})`,
      );
    const kids = r.get('routes', true);
    if (!isSeq(kids)) return;
    let shadow: number | undefined;
    kids.items.forEach((k, i) => {
      if (shadow !== undefined)
        add(
          k,
          'error',
          `${where}.routes[${i}] is never reached: routes[${shadow}] before it matches every alert and has no continue: true`,
        );
      walkRoute(k, `${where}.routes[${i}]`, all);
      if (isMap(k) && shadow === undefined) {
        const km = matchersOf(k, '');
        if (Array.isArray(km) && km.length === 0 && k.get('continue') !== true) shadow = i;
      }
    });
  };
  const route = root.get('route', true);
  if (!route) add(root, 'error', 'no route: Alertmanager needs a top-level route with a receiver');
  walkRoute(route, 'route', []);
  for (const [name, node] of defined)
    if (!used.has(name)) add(node, 'warning', `receiver ${JSON.stringify(name)} is never used by any route`);
  for (const key of ['inhibit_rules', 'inhibition_rules']) {
    const rules = root.get(key, true);
    if (!isSeq(rules)) continue;
    rules.items.forEach((ir, i) => {
      if (!isMap(ir)) return;
      const where = `${key}[${i}]`;
      unknownKeys(ir, INHIBIT, where);
      const src = matchersOf(ir, 'source_');
      const tgt = matchersOf(ir, 'target_');
      if (typeof src === 'string' || typeof tgt === 'string') {
        add(ir, 'error', `${where}: bad matcher: ${typeof src === 'string' ? src : tgt}`);
        return;
      }
      const equal = ir.get('equal', true);
      const eq = isSeq(equal) ? equal.items.map((x) => String((x as { value?: unknown }).value)) : [];
      if (known?.length && src.length && !canMatch(src, known))
        add(
          ir,
          'error',
          `${where}: its source (${src.map((m) => `${m.name}${m.type}"${m.value}"`).join(', ')}) matches no alert of the rule files, so it can never fire`,
        );
      if (known?.length && tgt.length && !canMatch(tgt, known))
        add(
          ir,
          'warning',
          `${where}: its target (${tgt.map((m) => `${m.name}${m.type}"${m.value}"`).join(', ')}) matches no alert of the rule files`,
        );
      const selfMuting = known?.length
        ? known
            .filter((a) => {
              const l = { ...a.labels, alertname: a.name };
              return (
                src.length > 0 &&
                tgt.length > 0 &&
                src.every((m) => !(m.name in l) || matchesAll([m], l)) &&
                tgt.every((m) => !(m.name in l) || matchesAll([m], l)) &&
                src.some((m) => m.name in l)
              );
            })
            .map((a) => a.name)
        : src.length && tgt.every((t) => src.some((s) => s.name === t.name && s.type === t.type && s.value === t.value))
          ? ['(its source)']
          : [];
      if (selfMuting.length)
        add(
          ir,
          'error',
          `${where} inhibits its own source: ${selfMuting.slice(0, 5).join(', ')} match${selfMuting.length === 1 ? 'es' : ''} both source and target${eq.includes('alertname') ? '' : ', so one such alert mutes the others'}; narrow the target (e.g. severity="warning")`,
        );
    });
  }
  return out;
}
