// Turning a PromQL block into a query for one alert, and the query's samples into a check result.
import type { Labels } from '../types.js';
import { evaluateSamples, type SampleLike } from './expect.js';
import { fillPlaceholders } from './placeholders.js';
import { checkPromql } from './promql.js';
import type { CheckResult, CodeBlock } from './types.js';

export type PreparedCheck = { ok: true; query: string } | { ok: false; query: string; result: CheckResult };

/** Fills the block's placeholders from `labels`. A placeholder the alert lacks, or a syntax error, is an error result. */
export function prepareCheck(block: CodeBlock, labels: Labels, now: Date): PreparedCheck {
  const { text: query, missing, unsafe } = fillPlaceholders(block.code, labels, 'promql');
  const at = now.toISOString();
  if (unsafe.length) {
    const list = unsafe.map((m) => `$${m}`).join(', ');
    return {
      ok: false,
      query,
      result: {
        outcome: 'error',
        summary: `not run: the value of ${list} cannot be placed safely where the query uses it (outside a string, or a backtick in a raw string)`,
        query,
        at,
      },
    };
  }
  if (missing.length) {
    const list = missing.map((m) => `$${m}`).join(', ');
    return { ok: false, query, result: { outcome: 'error', summary: `the alert has no label for ${list}`, query, at } };
  }
  if (block.expectError)
    return { ok: false, query, result: { outcome: 'error', summary: block.expectError, query, at } };
  const syntax = checkPromql(query);
  if (syntax) return { ok: false, query, result: { outcome: 'error', summary: syntax.message, query, at } };
  return { ok: true, query };
}

export function resultOf(block: CodeBlock, query: string, samples: SampleLike[], now: Date): CheckResult {
  const { outcome, summary } = evaluateSamples(samples, block.expect);
  return { outcome, summary, query, at: now.toISOString() };
}

export function errorResult(query: string, message: string, now: Date): CheckResult {
  return { outcome: 'error', summary: message, query, at: now.toISOString() };
}

export const OUTCOME_LABEL: Record<CheckResult['outcome'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  nodata: 'no data',
  error: 'error',
  shown: 'value',
};
