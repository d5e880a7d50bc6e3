// `oncall review` as aligned text or as markdown for a quarterly review document.
import { table } from '../output.js';
import { alertRows, findingLines, groupRows, reviewTitle, type Rows } from '../../domain/history/review-format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { Review } from '../../domain/history/review.js';

export function reviewText(r: Review): string {
  if (!r.alerts.length) return `${reviewTitle(r)}\nno alert fired in the window\n`;
  const g = groupRows(r);
  const a = alertRows(r);
  const f = findingLines(r);
  return (
    [
      reviewTitle(r),
      '',
      table(g.header, g.rows),
      table(a.header, a.rows),
      f.length ? 'Findings:' : 'No findings.',
      ...f.map((l) => `  ${sanitizeLine(l)}`),
    ].join('\n') + '\n'
  );
}

const cell = (s: string) => sanitizeLine(s).replace(/\|/g, '\\|');

function mdTable(t: Rows): string {
  return [
    `| ${t.header.join(' | ')} |`,
    `| ${t.header.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function reviewMarkdown(r: Review): string {
  const f = findingLines(r);
  return [
    `## ${reviewTitle(r)}`,
    '',
    '### Per service',
    '',
    mdTable(groupRows(r)),
    '',
    '### Per alert',
    '',
    mdTable(alertRows(r)),
    '',
    '### Findings and suggested changes',
    '',
    ...(f.length ? f.map((l) => `- [ ] ${cell(l)}`) : ['None.']),
    '',
  ].join('\n');
}
