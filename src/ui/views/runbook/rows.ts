// Lays a runbook out as terminal rows for a given width: headings, wrapped paragraphs, lists, steps with their
// state, code blocks, check results and notes. Pure, so the view renders only the visible slice and tests
// need no terminal. Every piece of text passes through sanitizeLine and has the alert's labels filled in.
import { isSafeWebUrl, sanitizeLine } from '../../../domain/sanitize.js';
import { fillPlaceholders, type FillMode } from '../../../domain/runbook/placeholders.js';
import { stepRecord, type IncidentProgress } from '../../../domain/runbook/progress.js';
import type { CheckResult, CodeBlock, DocBlock, Inline, Runbook } from '../../../domain/runbook/types.js';
import type { Labels } from '../../../domain/types.js';

export type RowStyle =
  | 'text'
  | 'strong'
  | 'em'
  | 'code'
  | 'link'
  | 'muted'
  | 'heading'
  | 'title'
  | 'pass'
  | 'fail'
  | 'nodata'
  | 'error'
  | 'shown'
  | 'running'
  | 'done'
  | 'skipped'
  | 'note'
  | 'blocked';

export interface Seg {
  text: string;
  style: RowStyle;
}

export interface Row {
  segs: Seg[];
  /** The step this row belongs to (its text, blocks, results, note). */
  step?: number;
  /** The first row of a step: where the cursor mark goes. */
  stepHead?: boolean;
}

export interface LayoutInput {
  runbook: Runbook;
  labels: Labels;
  progress: IncidentProgress;
  width: number;
  /** Steps whose checks are running now, by step key. */
  running?: ReadonlySet<string>;
  now?: number;
}

const CHECKBOX = { pending: '[ ]', done: '[x]', skipped: '[-]' } as const;
const OUTCOME_MARK: Record<CheckResult['outcome'], string> = {
  pass: '✓ pass',
  fail: '✗ FAIL',
  nodata: '∅ no data',
  error: '! error',
  shown: '= value',
};

function clean(s: string, labels: Labels, mode: FillMode = 'text'): string {
  return sanitizeLine(fillPlaceholders(s, labels, mode).text);
}

/** Inline pieces → styled segments; links show where they go, and say so when they will never be opened. */
function segsOf(pieces: Inline[], labels: Labels): Seg[] {
  const out: Seg[] = [];
  for (const p of pieces) {
    const text = clean(p.text, labels);
    if (p.style === 'link' && p.href) {
      const href = sanitizeLine(p.href);
      out.push({ text, style: 'link' });
      if (!isSafeWebUrl(p.href)) out.push({ text: ` (${href}: not a web link, never opened)`, style: 'blocked' });
      else if (href !== text) out.push({ text: ` <${href}>`, style: 'muted' });
    } else {
      out.push({
        text,
        style: p.style === 'strong' ? 'strong' : p.style === 'em' ? 'em' : p.style === 'code' ? 'code' : 'text',
      });
    }
  }
  return out;
}

/** Greedy word wrap of segments into lines of at most `width` columns; the first line may carry a prefix. */
export function wrapSegs(segs: Seg[], width: number, firstPrefix: Seg[] = [], restIndent = 0): Seg[][] {
  const w = Math.max(10, width);
  const lines: Seg[][] = [];
  let line: Seg[] = [...firstPrefix];
  let len = firstPrefix.reduce((n, s) => n + s.text.length, 0);
  let hasWord = false;
  const push = (text: string, style: RowStyle) => {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    len += text.length;
  };
  const newline = () => {
    lines.push(line);
    line = restIndent ? [{ text: ' '.repeat(restIndent), style: 'text' }] : [];
    len = restIndent;
    hasWord = false;
  };
  for (const s of segs) {
    for (const word of s.text.split(/(\s+)/)) {
      if (!word) continue;
      const space = /^\s+$/.test(word);
      if (space) {
        if (hasWord && len + 1 <= w) push(' ', s.style);
        continue;
      }
      let rest = word;
      if (len + rest.length > w && hasWord) {
        // drop the trailing space before breaking
        const last = line[line.length - 1];
        if (last && last.text.endsWith(' ')) {
          last.text = last.text.slice(0, -1);
          len--;
        }
        newline();
      }
      while (rest.length > w - len && w - len > 0 && rest.length > w - restIndent) {
        // The room left, taken before push() moves len: a word longer than a line is cut, never looped on.
        const room = w - len;
        push(rest.slice(0, room), s.style);
        rest = rest.slice(room);
        newline();
      }
      push(rest, s.style);
      hasWord = true;
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

function timeOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toTimeString().slice(0, 8);
}

function codeRows(b: CodeBlock, labels: Labels, width: number, indent: number, step?: number): Row[] {
  const pad = ' '.repeat(indent);
  const head =
    b.kind === 'promql'
      ? `${pad}promql${b.expect ? `  expect ${b.expect.text}` : ''}`
      : b.kind === 'shell'
        ? `${pad}${b.lang} (shown to copy; never run)`
        : `${pad}${b.lang || 'text'}`;
  const rows: Row[] = [{ segs: [{ text: head, style: 'muted' }], step }];
  const mode: FillMode = b.kind === 'promql' ? 'promql' : b.kind === 'shell' ? 'shell' : 'text';
  for (const l of b.code.split('\n')) {
    // Code is cut, not wrapped, so a copied line stays one line.
    const text = clean(l, labels, mode);
    rows.push({ segs: [{ text: pad + '  ' + text.slice(0, Math.max(0, width - indent - 2)), style: 'code' }], step });
  }
  return rows;
}

function resultRow(r: CheckResult, indent: number, width: number, step: number): Row[] {
  const segs: Seg[] = [
    { text: ' '.repeat(indent) + '  ', style: 'text' },
    { text: OUTCOME_MARK[r.outcome], style: r.outcome },
    { text: `  ${sanitizeLine(r.summary)}`, style: 'text' },
    { text: `  ${timeOf(r.at)}`, style: 'muted' },
  ];
  return wrapSegs(segs.slice(1), width, segs.slice(0, 1), indent + 4).map((s) => ({ segs: s, step }));
}

export interface Layout {
  rows: Row[];
  /** First and last row (inclusive) of each step. */
  stepSpans: [number, number][];
}

export function layoutRunbook(o: LayoutInput): Layout {
  const { runbook: rb, labels, progress, width } = o;
  const rows: Row[] = [];
  const spans: [number, number][] = rb.steps.map(() => [-1, -1]);
  const mark = (step: number) => {
    const span = spans[step]!;
    if (span[0] < 0) span[0] = rows.length - 1;
    span[1] = rows.length - 1;
  };
  const blank = () => {
    if (rows.length && rows[rows.length - 1]!.segs.length) rows.push({ segs: [] });
  };
  const stepBlocks = new Map<number, number>(); // block index per step as code blocks are met

  for (const d of rb.doc as DocBlock[]) {
    switch (d.type) {
      case 'heading': {
        blank();
        const text = clean(d.inline.map((p) => p.text).join(''), labels);
        rows.push({
          segs: [{ text: d.depth === 1 ? text.toUpperCase() : text, style: d.depth === 1 ? 'title' : 'heading' }],
        });
        break;
      }
      case 'paragraph':
        for (const l of wrapSegs(
          segsOf(d.inline, labels),
          width,
          d.quote ? [{ text: '│ ', style: 'muted' }] : [],
          d.quote ? 2 : 0,
        ))
          rows.push({ segs: l });
        break;
      case 'item': {
        const pad = '  '.repeat(d.depth);
        const prefix: Seg[] = [{ text: `${pad}${d.bullet} `, style: 'muted' }];
        for (const l of wrapSegs(segsOf(d.inline, labels), width, prefix, pad.length + d.bullet.length + 1))
          rows.push({ segs: l });
        break;
      }
      case 'step': {
        const s = rb.steps[d.step]!;
        const rec = stepRecord(progress, rb.id, s.key);
        const pad = '  '.repeat(d.depth);
        const box = CHECKBOX[rec.state];
        const prefix: Seg[] = [
          { text: pad, style: 'text' },
          { text: box, style: rec.state === 'done' ? 'done' : rec.state === 'skipped' ? 'skipped' : 'text' },
          { text: ` ${d.step + 1}. `, style: 'muted' },
        ];
        const indent = pad.length + 4 + String(d.step + 1).length + 2;
        const textStyle: RowStyle | undefined = rec.state === 'skipped' ? 'skipped' : undefined;
        const segs = segsOf(s.inline, labels).map((g) => (textStyle ? { ...g, style: textStyle } : g));
        wrapSegs(segs, width, prefix, indent).forEach((l, i) => {
          rows.push({ segs: l, step: d.step, stepHead: i === 0 });
          mark(d.step);
        });
        if (rec.note) {
          for (const l of wrapSegs(
            [{ text: sanitizeLine(rec.note), style: 'note' }],
            width,
            [
              { text: ' '.repeat(indent), style: 'text' },
              { text: 'note: ', style: 'muted' },
            ],
            indent + 6,
          )) {
            rows.push({ segs: l, step: d.step });
            mark(d.step);
          }
        }
        break;
      }
      case 'code': {
        const step = d.step;
        const indent = step !== undefined ? 6 : 2;
        for (const r of codeRows(d.block, labels, width, indent, step)) {
          rows.push(r);
          if (step !== undefined) mark(step);
        }
        if (step !== undefined && d.block.kind === 'promql') {
          const s = rb.steps[step]!;
          const bi = s.blocks.indexOf(d.block);
          stepBlocks.set(step, bi);
          const res = stepRecord(progress, rb.id, s.key).results?.[bi];
          if (o.running?.has(s.key)) {
            rows.push({
              segs: [
                { text: ' '.repeat(indent + 2), style: 'text' },
                { text: '… running', style: 'running' },
              ],
              step,
            });
            mark(step);
          } else if (res)
            for (const r of resultRow(res, indent, width, step)) {
              rows.push(r);
              mark(step);
            }
          else {
            rows.push({
              segs: [{ text: ' '.repeat(indent + 2) + 'not run yet (Enter runs it)', style: 'muted' }],
              step,
            });
            mark(step);
          }
        }
        break;
      }
      case 'rule':
        rows.push({ segs: [{ text: '─'.repeat(Math.min(width, 40)), style: 'muted' }] });
        break;
    }
  }
  return { rows, stepSpans: spans };
}

/** The first row to show so that the current step is in view, moving as little as possible. */
export function scrollToShow(top: number, span: [number, number] | undefined, height: number, total: number): number {
  const h = Math.max(1, height);
  let t = Math.max(0, Math.min(top, Math.max(0, total - h)));
  if (!span || span[0] < 0) return t;
  const [a, b] = span;
  if (a < t) t = a;
  else if (b >= t + h) t = Math.max(a - 1 >= 0 && b - a + 2 <= h ? a - 1 : a, b - h + 1);
  // Show a line of context above the step when it fits.
  if (t === a && a > 0 && b - a + 1 < h) t = a - 1;
  return Math.max(0, Math.min(t, Math.max(0, total - h)));
}
