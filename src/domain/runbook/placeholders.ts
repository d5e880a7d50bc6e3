// Label placeholders in runbooks: `$instance` or `${cluster}`, filled from the alert's labels.
import type { Labels } from '../types.js';

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export interface PlaceholderUse {
  name: string;
  /** Offset in the text. */
  index: number;
}

export function findPlaceholders(text: string): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ name: m[1] ?? m[2]!, index: m.index });
  return out;
}

/** How a value is written where it lands: PromQL string literals, shell words, or prose. */
export type FillMode = 'promql' | 'shell' | 'text';

function escapeFor(mode: FillMode, v: string): string {
  // Placeholders sit inside "…" in PromQL; a label value with a quote must not end the string early.
  if (mode === 'promql') return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  // Label values come from alerts, which anyone who can push to the Alertmanager controls: quote anything
  // that is not a plain word so a pasted command cannot be made to do something else.
  if (mode === 'shell') return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
  return v;
}

/**
 * Replaces placeholders whose label the alert carries. Others stay as written: in prose and PromQL they show
 * what is missing, in shell blocks they may be shell variables such as $HOME.
 */
export function fillPlaceholders(text: string, labels: Labels, mode: FillMode = 'text'): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = labels[name];
    if (v === undefined) {
      missing.add(name);
      return whole;
    }
    return escapeFor(mode, v);
  });
  return { text: filled, missing: [...missing] };
}
