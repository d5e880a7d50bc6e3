// The runbook body with an alert's labels filled in, each placeholder written for where it lands: escaped
// inside PromQL strings, quoted in shell commands, as-is in prose.
import type { Labels } from '../types.js';
import { fillPlaceholders, type FillMode } from './placeholders.js';
import type { CodeBlock, Runbook } from './types.js';

function allBlocks(r: Runbook): CodeBlock[] {
  return [...r.steps.flatMap((s) => s.blocks), ...r.looseBlocks];
}

export function fillBody(r: Runbook, labels: Labels): { text: string; missing: string[] } {
  const lines = r.body.split('\n');
  const mode: FillMode[] = lines.map(() => 'text');
  for (const b of allBlocks(r)) {
    const first = b.line - r.bodyLine + 1; // first code line, 0-based in body
    const n = b.code.split('\n').length;
    const m: FillMode = b.kind === 'promql' ? 'promql' : b.kind === 'shell' ? 'shell' : 'text';
    for (let i = first; i < first + n && i < lines.length; i++) if (i >= 0) mode[i] = m;
  }
  const missing = new Set<string>();
  const out = lines.map((l, i) => {
    const f = fillPlaceholders(l, labels, mode[i]);
    // In shell blocks an unknown $NAME is a shell variable, not a missing label.
    if (mode[i] !== 'shell') for (const x of f.missing) missing.add(x);
    return f.text;
  });
  return { text: out.join('\n'), missing: [...missing] };
}
